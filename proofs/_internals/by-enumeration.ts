/**
 * Independent references for the selectors' exact forms: every sequence of `N` draws enumerated,
 * rewards as sums over every completion. Exponential; tiny TMCs and `N <= 3` only. Shares nothing
 * with src/inference/ but `baseDraws` (the list of CoTs a draw can produce, with `q`).
 */
import { taskCots } from '../../src/exact/correctness.ts';
import { enumeratePaths } from '../../src/exact/paths.ts';
import { baseDraws, type Draw, type StartMode } from '../../src/inference/_internals/draws.ts';
import type { SelectedCot } from '../../src/inference/selector.ts';
import { D, ONE, ZERO, compareExact, nearlyEqual, sum, type Dec } from '../../src/numeric.ts';
import type { Tmc } from '../../src/tmc.ts';

/** `rho_k(o)` by lookup in `taskCots`, 0 off `V_k`. */
export function rhoOf(tmc: Tmc, k: number): (path: readonly number[]) => Dec {
  const tc = taskCots(tmc, k);
  return (path) => tc.cots.find((c) => c.path.join() === path.join())?.rho ?? ZERO;
}

/** Every ordered sequence of `n` draws with its probability. */
export function drawSequences(draws: readonly Draw[], n: number): { seq: Draw[]; prob: Dec }[] {
  let out: { seq: Draw[]; prob: Dec }[] = [{ seq: [], prob: ONE }];
  for (let i = 0; i < n; i++) out = out.flatMap((s) => draws.map((d) => ({ seq: [...s.seq, d], prob: s.prob.times(d.q) })));
  return out;
}

/** Accumulate `pick(seq)` (draw -> probability given the sequence) over sequences into a distribution. */
function accumulate(draws: readonly Draw[], seqs: { seq: Draw[]; prob: Dec }[], pick: (seq: Draw[]) => Map<Draw, Dec>): SelectedCot[] {
  const total = new Map<Draw, Dec>(draws.map((d) => [d, ZERO]));
  for (const { seq, prob } of seqs) for (const [d, p] of pick(seq)) total.set(d, total.get(d)!.plus(prob.times(p)));
  return draws.map((d) => ({ path: d.path, prob: total.get(d)! })).filter((c) => c.prob.gt(0));
}

export interface EnumOptions {
  readonly start?: StartMode;
  /** Return the draw with the LOWEST score instead (a mutant, to show the proof can fail). */
  readonly lowest?: boolean;
}

/** ORM-BoN by enumerating the draws: the first draw with the largest (or lowest) `rho`. */
export function ormBonByEnumeration(tmc: Tmc, k: number, n: number, o: EnumOptions = {}): SelectedCot[] {
  const draws = baseDraws(tmc, k, o.start ?? 'task');
  const rho = rhoOf(tmc, k);
  const sign = o.lowest ? -1 : 1;
  return accumulate(draws, drawSequences(draws, n), (seq) => {
    let best = 0;
    seq.forEach((d, i) => sign * compareExact(rho(d.path), rho(seq[best].path)) > 0 && (best = i));
    return new Map([[seq[best], ONE]]);
  });
}

/** ORM top-K of N by enumeration: a uniform pick among the `keep` best draws (stable on ties). */
export function ormBonTopKByEnumeration(tmc: Tmc, k: number, n: number, keep: number, o: EnumOptions = {}): SelectedCot[] {
  const draws = baseDraws(tmc, k, o.start ?? 'task');
  const rho = rhoOf(tmc, k);
  return accumulate(draws, drawSequences(draws, n), (seq) => {
    const order = seq.map((d, i) => ({ d, i })).sort((a, b) => compareExact(rho(b.d.path), rho(a.d.path)) || a.i - b.i);
    const kept = order.slice(0, keep);
    const out = new Map<Draw, Dec>();
    for (const { d } of kept) out.set(d, (out.get(d) ?? ZERO).plus(ONE.div(kept.length)));
    return out;
  });
}

/** Soft-BoN by enumeration: draw `i` with probability `exp(lambda rho_i) / sum_j exp(lambda rho_j)`. */
export function softBonByEnumeration(tmc: Tmc, k: number, n: number, lambda: number, o: EnumOptions = {}): SelectedCot[] {
  const draws = baseDraws(tmc, k, o.start ?? 'task');
  const rho = rhoOf(tmc, k);
  const w = (d: Draw) => new D(lambda).times(rho(d.path)).exp();
  return accumulate(draws, drawSequences(draws, n), (seq) => pickByWeight(seq, w));
}

function pickByWeight(seq: Draw[], w: (d: Draw) => Dec): Map<Draw, Dec> {
  const total = sum(seq.map(w));
  const out = new Map<Draw, Dec>();
  for (const d of seq) out.set(d, (out.get(d) ?? ZERO).plus(w(d).div(total)));
  return out;
}

/** Soft-BoN over distinct draws by enumerating ordered sequences without replacement. */
export function softBonDistinctByEnumeration(tmc: Tmc, k: number, n: number, lambda: number, o: EnumOptions = {}): SelectedCot[] {
  const draws = baseDraws(tmc, k, o.start ?? 'task');
  const rho = rhoOf(tmc, k);
  const w = (d: Draw) => new D(lambda).times(rho(d.path)).exp();
  let seqs: { seq: Draw[]; prob: Dec }[] = [{ seq: [], prob: ONE }];
  for (let i = 0; i < Math.min(n, draws.length); i++) {
    seqs = seqs.flatMap((s) => {
      const left = ONE.minus(sum(s.seq.map((d) => d.q)));
      return draws.filter((d) => !s.seq.includes(d)).map((d) => ({ seq: [...s.seq, d], prob: s.prob.times(d.q).div(left) }));
    });
  }
  return accumulate(draws, seqs, (seq) => pickByWeight(seq, w));
}

/** Completions of `prefix` (suffix paths from its last state), with their probability. */
export function completions(tmc: Tmc, prefix: readonly number[]): { path: number[]; p: Dec }[] {
  const l = prefix.length - 1;
  return enumeratePaths(tmc.kernels.slice(l), prefix[l]).map(({ path, p }) => ({ path: [...prefix, ...path.slice(1)], p }));
}

/** `E_p[f(o) | prefix]` by enumerating completions. */
export function conditional(tmc: Tmc, prefix: readonly number[], f: (path: readonly number[]) => Dec): Dec {
  return sum(completions(tmc, prefix).map((c) => c.p.times(f(c.path))));
}

/** The tilted base `p(o) exp(lambda rho(o)) / E_p[exp(lambda rho)]` over every CoT from `s_k`. */
export function tiltedByEnumeration(tmc: Tmc, k: number, lambda: number): SelectedCot[] {
  const rho = rhoOf(tmc, k);
  const paths = enumeratePaths(tmc.kernels, tmc.tasks[k].start);
  const weights = paths.map(({ path, p }) => p.times(new D(lambda).times(rho(path)).exp()));
  const Z = sum(weights);
  return paths.map(({ path }, i) => ({ path, prob: weights[i].div(Z) }));
}

/** Two distributions agree CoT by CoT up to the working precision; returns the first difference. */
export function firstDifference(a: readonly SelectedCot[], b: readonly SelectedCot[]): string | null {
  const paths = new Set([...a, ...b].map((c) => c.path.join()));
  for (const p of paths) {
    const x = a.find((c) => c.path.join() === p)?.prob ?? ZERO;
    const y = b.find((c) => c.path.join() === p)?.prob ?? ZERO;
    if (!nearlyEqual(x, y)) return `P(${p}) = ${x.toSignificantDigits(12)} vs ${y.toSignificantDigits(12)}`;
  }
  return null;
}

