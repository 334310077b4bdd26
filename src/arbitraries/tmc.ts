/**
 * # Random TMCs for fast-check
 *
 * Built from bounded integers by `map` only (no filtering), so generation never stalls and every
 * integer shrinks toward 0, which means: fewer layers, width 1, zero weights (only the forced edges
 * left), the start and spine on state 0. Probabilities are exact small rationals `w/S` of integer
 * weights.
 *
 * Options impose hypotheses by construction (see src/hypotheses.ts for their predicates):
 * - `tree`: H-tree (every non-final state has one parent; the answer layer is shared);
 * - `hardValid`: task 0 has a hard valid CoT (its spine takes a non-maximal edge);
 * - `uniqueMax`: task 0 has a unique largest-`rho` CoT (the generator raises edges of tied best CoTs
 *   a bounded number of times, keeping a raise only when it shrinks the set of best CoTs; the
 *   contract test src/arbitraries/tmc.test.ts checks the hypothesis held);
 * - `margin`: in every row the easy edge is at least `margin` times any other edge;
 * - `tasks: 2` with `shared`: task 1's spine passes through a state of task 0's spine.
 */
import fc from 'fast-check';
import { taskCots, type ScoredCot } from '../exact/correctness.ts';
import { compareExact, maxOf } from '../numeric.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import type { Tmc } from '../tmc.ts';
import { sizeProfile } from './profile.ts';

export interface TmcArbitraryOptions {
  readonly minLayers?: number;
  readonly maxLayers?: number;
  readonly maxWidth?: number;
  /** Largest integer weight of an edge (default 4). */
  readonly maxWeight?: number;
  readonly tasks?: 1 | 2;
  readonly tree?: boolean;
  readonly hardValid?: boolean;
  readonly uniqueMax?: boolean;
  readonly margin?: number;
  readonly shared?: boolean;
}

interface Raw {
  layers: number;
  widths: number[];
  weights: number[][][];
  parents: number[][];
  starts: number[];
  spines: number[][];
  hardLayer: number;
  sharedLayer: number;
}

/** Random TMCs meeting the hypotheses named in `options`. */
export function tmcArbitrary(options: TmcArbitraryOptions = {}): fc.Arbitrary<Tmc> {
  const profile = sizeProfile();
  const maxLayers = options.maxLayers ?? profile.maxLayers;
  const minLayers = options.minLayers ?? 2;
  const maxWidth = options.maxWidth ?? profile.maxWidth;
  const maxWeight = options.maxWeight ?? 4;
  const tasks = options.tasks ?? 1;
  const ints = (n: number, max: number) => fc.array(fc.integer({ min: 0, max }), { minLength: n, maxLength: n });
  const raw: fc.Arbitrary<Raw> = fc.record({
    layers: fc.integer({ min: minLayers, max: maxLayers }),
    widths: ints(maxLayers, maxWidth - 1),
    weights: fc.array(fc.array(ints(maxWidth, maxWeight), { minLength: maxWidth, maxLength: maxWidth }), {
      minLength: maxLayers - 1,
      maxLength: maxLayers - 1,
    }),
    parents: fc.array(ints(maxWidth, maxWidth - 1), { minLength: maxLayers, maxLength: maxLayers }),
    starts: ints(tasks, maxWidth - 1),
    spines: fc.array(ints(maxLayers, maxWidth - 1), { minLength: tasks, maxLength: tasks }),
    hardLayer: fc.integer({ min: 0, max: maxLayers - 2 }),
    sharedLayer: fc.integer({ min: 0, max: maxLayers - 2 }),
  });
  return raw.map((r) => buildTmc(r, { ...options, maxWidth, tasks }));
}

function buildTmc(r: Raw, o: TmcArbitraryOptions & { maxWidth: number; tasks: number }): Tmc {
  const L = r.layers;
  const last = L - 1;
  const hardKernel = o.tree ? last - 1 : r.hardLayer % (L - 1);
  const widths: number[] = [];
  for (let l = 0; l < L; l++) {
    let w = 1 + r.widths[l];
    // A tree's layer 0 holds only the starts and its internal layers grow, so that it branches.
    if (o.tree && l === 0) w = o.tasks;
    if (o.tree && l > 0 && l < last) w = widths[l - 1] + r.widths[l];
    if (o.hardValid && l === hardKernel + 1) w = Math.max(w, 2);
    widths.push(Math.min(w, Math.max(o.maxWidth, 2)));
  }
  // parent(v) in a tree's internal layers: v itself for v < width of the layer above, else free.
  const parent = (l: number, v: number) => (v < widths[l] ? v : r.parents[l][v] % widths[l]);
  const internalTree = (l: number) => o.tree === true && l < last - 1;
  let W: number[][][] = Array.from({ length: L - 1 }, (_, l) =>
    Array.from({ length: widths[l] }, (_, u) =>
      Array.from({ length: widths[l + 1] }, (_, v) =>
        internalTree(l) ? (parent(l, v) === u ? 1 + r.weights[l][u][v] : 0) : r.weights[l][u][v],
      ),
    ),
  );
  const spines = r.spines.slice(0, o.tasks).map((choices, k) => {
    const spine = [r.starts[k] % widths[0]];
    for (let l = 0; l < last; l++) {
      const u = spine[l];
      const options = internalTree(l)
        ? W[l][u].flatMap((w, v) => (w > 0 ? [v] : []))
        : Array.from({ length: widths[l + 1] }, (_, v) => v);
      spine.push(options[choices[l + 1] % options.length]);
    }
    return spine;
  });
  if (o.shared && spines.length === 2 && !o.tree) {
    // Task 1 meets task 0's spine at one layer and follows it from there.
    const j = 1 + (r.sharedLayer % (L - 1));
    for (let l = j; l < L; l++) spines[1][l] = spines[0][l];
  }
  for (const spine of spines) for (let l = 0; l < last; l++) W[l][spine[l]][spine[l + 1]] += 1;
  for (const k of W) for (const row of k) if (!row.some((w) => w > 0)) row[0] = 1;
  // The forced hard edge: task 0's spine edge at `hardKernel` is topped by a sibling edge.
  const forceHard = (w: number[][][]) => {
    if (!o.hardValid) return;
    const s = spines[0];
    const j = hardKernel;
    const alt = (s[j + 1] + 1) % widths[j + 1];
    w[j][s[j]][alt] = Math.max(w[j][s[j]][alt], w[j][s[j]][s[j + 1]] + 1);
  };
  const tasks = spines.map((s, k) => ({ name: `task${k + 1}`, start: s[0], target: s[last] }));
  forceHard(W);
  let tmc = assemble(W, tasks, o.margin);
  let best = o.uniqueMax ? bestCots(tmc) : [];
  for (let bump = 0; best.length > 1 && bump < 8; bump++) {
    // Raise an edge of a best CoT that another best CoT avoids, on its row as the margin left it:
    // the best CoTs using it gain together and the others fall behind. A margin can cancel or mirror
    // a bump (raising a hard edge raises its row's easy edge too), so a bump is kept only when it
    // shrinks the set of best CoTs.
    let shrunk = false;
    search: for (const c of best) {
      for (let l = last - 1; l >= 0; l--) {
        const [u, v] = [c.path[l], c.path[l + 1]];
        const row = withMargin(W[l][u], o.margin);
        if (row.filter((w) => w > 0).length < 2 || best.every((b) => b.path[l] === u && b.path[l + 1] === v)) continue;
        const raised = withMargin(row.map((w, x) => (x === v ? w + 1 : w)), o.margin);
        const trial = W.map((k, j) => k.map((r, x) => (j === l && x === u ? raised : [...r])));
        forceHard(trial);
        const candidate = assemble(trial, tasks, o.margin);
        const candidateBest = bestCots(candidate);
        if (candidateBest.length < best.length) {
          [W, tmc, best, shrunk] = [trial, candidate, candidateBest, true];
          break search;
        }
      }
    }
    if (!shrunk) break;
  }
  return tmc;
}

/** The valid CoTs of task 0 with the largest `rho` (ties up to the working precision). */
function bestCots(tmc: Tmc): ScoredCot[] {
  const cots = taskCots(tmc, 0).cots;
  const top = maxOf(cots.map((c) => c.rho));
  return cots.filter((c) => compareExact(c.rho, top) === 0);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function sumOf(w: readonly number[]): number {
  return w.reduce((a, b) => a + b, 0);
}

/** A row of weights after raising its largest weight to `margin` times the next. */
function withMargin(row: readonly number[], margin?: number): number[] {
  const w = [...row];
  if (margin !== undefined) {
    const top = w.indexOf(Math.max(...w));
    const second = Math.max(0, ...w.filter((_, v) => v !== top));
    if (second > 0) w[top] = Math.max(w[top], Math.ceil(margin * second));
  }
  return w;
}

/** Weights to an exact TMC, each row `withMargin`. */
function assemble(W: number[][][], tasks: { name: string; start: number; target: number }[], margin?: number): Tmc {
  const kernels = W.map((k) =>
    k.map((row) => {
      const w = withMargin(row, margin);
      const total = sumOf(w);
      return w.map((x) => (x === 0 ? '0' : x === total ? '1' : `${x / gcd(x, total)}/${total / gcd(x, total)}`));
    }),
  );
  return tmcFromSpec({ kernels, tasks });
}
