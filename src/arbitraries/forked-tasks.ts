/**
 * # Two tasks that cross at a fork (H-shared-valid, H-disjoint, H-two-way)
 *
 * States on valid CoTs of both tasks are the *shared valid states* (`sharedValidStates`): reached from
 * both starts and reaching both targets. The generator builds two-task TMCs whose tasks meet at one
 * state `c` of a layer `j` (the fork) and part there: `c` has exactly two support edges, one toward
 * task 1's side and one toward task 2's side, and no state after the fork leads to both targets.
 *
 * Layout: before `j`, state 0 of each layer is on task 1's side (A) and state 1 on task 2's side (B);
 * at layer `j` state 0 is `c`; after `j`, state 0 is A and state 1 is B; a third state joins a side by
 * a bit. Answers: 0 = task 1's target, 1 = task 2's target, 2 = an answer of neither. Edges stay
 * within a side (plus the dead answer); each side's state 0 / 1 chain (the spine) is forced, and the
 * spines run into `c` before the fork. With `j = 0` both tasks start at `c`. Built from bounded
 * integers by `map` only; shrinking reaches 2 layers (one fork state, two answers).
 *
 * `variant` drops one hypothesis by construction, for `tmc necessity`:
 * - `third-edge`: `c` gets a third edge (breaks H-two-way);
 * - `shared-continuation`: task 1's branch after `c` also reaches task 2's target, or both tasks
 *   share the target when the fork is the last step (breaks H-disjoint);
 * - `no-crossing`: task 2's side never enters `c` (breaks H-shared-valid).
 */
import fc from 'fast-check';
import { backwardPass, edge, forwardPass } from '../exact/values.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import type { Tmc } from '../tmc.ts';
import { rowFromWeights } from './_internals/weight-rows.ts';
import { sizeProfile } from './profile.ts';

export type ForkVariant = 'fork' | 'third-edge' | 'shared-continuation' | 'no-crossing';

export interface ForkedTasksOptions {
  readonly minLayers?: number;
  readonly maxLayers?: number;
  /** At least 2; 3 adds a third state to each layer. */
  readonly maxWidth?: number;
  /** Largest integer weight of an edge (default 4). */
  readonly maxWeight?: number;
  readonly variant?: ForkVariant;
}

/** `[layer, state]` of the states on valid CoTs of both task `a` and task `b` (last layer excluded). */
export function sharedValidStates(tmc: Tmc, a = 0, b = 1): [number, number][] {
  const on = (k: number) => {
    const { start, target } = tmc.tasks[k];
    const reach = forwardPass(tmc, start, edge(tmc.kernels));
    const leads = reachesTarget(tmc, target);
    return (l: number, u: number) => reach[l][u].gt(0) && leads[l][u];
  };
  const onA = on(a);
  const onB = on(b);
  const out: [number, number][] = [];
  for (let l = 0; l + 1 < tmc.layers; l++) for (let u = 0; u < tmc.widths[l]; u++) if (onA(l, u) && onB(l, u)) out.push([l, u]);
  return out;
}

/** H-disjoint: no edge out of a shared valid state lies on valid CoTs of both tasks. */
export function disjointContinuations(tmc: Tmc): boolean {
  const to1 = reachesTarget(tmc, tmc.tasks[0].target);
  const to2 = reachesTarget(tmc, tmc.tasks[1].target);
  return sharedValidStates(tmc).every(([l, u]) => tmc.kernels[l][u].every((p, v) => p.isZero() || !(to1[l + 1][v] && to2[l + 1][v])));
}

/** H-two-way: every shared valid state has exactly two support edges. */
export function twoWayForks(tmc: Tmc): boolean {
  return sharedValidStates(tmc).every(([l, u]) => tmc.kernels[l][u].filter((p) => p.gt(0)).length === 2);
}

/** `out[l][u]`: the target can be reached from state `u` of layer `l`. */
export function reachesTarget(tmc: Tmc, target: number): boolean[][] {
  return backwardPass(tmc, target, edge(tmc.kernels)).map((layer) => layer.map((g) => g.gt(0)));
}

interface Raw {
  layers: number;
  fork: number;
  widths: number[];
  sides: boolean[];
  weights: number[][][];
  forkWeights: number[];
}

/** Random two-task TMCs forking at one shared state (or, per `variant`, breaking one hypothesis). */
export function forkedTasksArbitrary(options: ForkedTasksOptions = {}): fc.Arbitrary<Tmc> {
  const profile = sizeProfile();
  const maxLayers = options.maxLayers ?? profile.maxLayers;
  const maxWidth = Math.max(2, options.maxWidth ?? profile.maxWidth);
  const maxWeight = options.maxWeight ?? 4;
  const ints = (n: number, max: number) => fc.array(fc.integer({ min: 0, max }), { minLength: n, maxLength: n });
  const raw: fc.Arbitrary<Raw> = fc.record({
    layers: fc.integer({ min: options.minLayers ?? 2, max: maxLayers }),
    fork: fc.integer({ min: 0, max: maxLayers - 2 }),
    widths: ints(maxLayers, maxWidth - 2),
    sides: fc.array(fc.boolean(), { minLength: maxLayers, maxLength: maxLayers }),
    weights: fc.array(fc.array(ints(maxWidth, maxWeight), { minLength: maxWidth, maxLength: maxWidth }), {
      minLength: maxLayers - 1,
      maxLength: maxLayers - 1,
    }),
    forkWeights: ints(3, maxWeight),
  });
  return raw.map((r) => buildForked(r, options.variant ?? 'fork'));
}

type Side = 'A' | 'B' | 'C' | 'D';

function buildForked(r: Raw, variant: ForkVariant): Tmc {
  const L = r.layers;
  const last = L - 1;
  const j = Math.min(r.fork, L - 2);
  const widths = Array.from({ length: L }, (_, l) => 2 + r.widths[l] + (variant === 'third-edge' && l === j + 1 && r.widths[l] === 0 ? 1 : 0));
  const side = (l: number, u: number): Side => {
    if (l === j && u === 0) return 'C';
    if (l === last) return u === 0 ? 'A' : u === 1 ? 'B' : 'D';
    return u === 0 ? 'A' : u === 1 ? 'B' : r.sides[l] ? 'B' : 'A';
  };
  const crossing = variant !== 'no-crossing';
  const allowed = (l: number, u: number, v: number): boolean => {
    const x = side(l, u);
    const y = side(l + 1, v);
    if (x === 'C') return false; // the fork's row is set below
    if (y === 'C') return x === 'A' || (x === 'B' && crossing);
    return y === x || y === 'D';
  };
  const W = Array.from({ length: L - 1 }, (_, l) =>
    Array.from({ length: widths[l] }, (_, u) => Array.from({ length: widths[l + 1] }, (_, v) => (allowed(l, u, v) ? r.weights[l][u][v] : 0))),
  );
  // Spines: A on state 0, B on state 1, both into c just before the fork (B avoids c without crossing).
  for (let l = 0; l < last; l++) {
    const intoFork = l + 1 === j;
    if (l !== j) W[l][0][0] += 1;
    W[l][1][intoFork && crossing ? 0 : 1] += 1;
  }
  const fork = W[j][0];
  fork.fill(0);
  fork[0] = 1 + r.forkWeights[0];
  fork[1] = 1 + r.forkWeights[1];
  if (variant === 'third-edge') fork[2] = 1 + r.forkWeights[2];
  let target2 = 1;
  if (variant === 'shared-continuation') {
    if (j + 1 < last) W[j + 1][0][1] += 1;
    else target2 = 0;
  }
  // Rows left empty (off-spine states with zero weights) go to their side's spine state.
  W.forEach((k, l) =>
    k.forEach((row, u) => {
      if (!row.some((w) => w > 0)) row[side(l, u) === 'B' && widths[l + 1] > 1 && side(l + 1, 1) !== 'C' ? 1 : 0] = 1;
    }),
  );
  const start2 = j === 0 && crossing ? 0 : 1;
  return tmcFromSpec({
    kernels: W.map((k) => k.map(rowFromWeights)),
    tasks: [
      { name: 'task1', start: 0, target: 0 },
      { name: 'task2', start: start2, target: target2 },
    ],
  });
}
