/**
 * # When greedy DPRM-BoN and PRM-BoN return `argmax rho` on a tree (float64 oracle)
 *
 * On a tree TMC a prefix is a state, and the greedy walks of SPEC §5 return the unique most consistent
 * CoT `o*` iff at every state `u` of `o*` its child `v*` on `o*` beats each other support child `w`:
 * - DPRM-BoN(lambda): `F_w(lambda) = h_lambda(v*) - h_lambda(w) > 0`, with
 *   `h_lambda(c) = 1 + sum_{o valid through c} p(o | c) (e^(lambda rho(o)) - 1)` (off-target completions
 *   count `e^0 = 1`), `p(o | c) = p(o) / p(prefix to c)`;
 * - PRM-BoN: `F_w'(0) = E_p[rho | v*] - E_p[rho | w] > 0` (the `lambda -> 0` limit: `h = 1 + lambda E[rho] + O(lambda^2)`).
 * If some `F_w < 0` the walk leaves `o*` at `u` with probability 1, so `P(o*) = 0`.
 *
 * Main definitions
 * - `forkMargins(tmc, k)`: the pairs `(v*, w)` along `o*` with each side's valid completions.
 * - `dprmMargin(pairs, lambda)`, `prmMargin(pairs)`: `min_w F_w(lambda) / h(v*)`, `min_w F_w'(0)`.
 * - `dprmThreshold(pairs, rhoStar, rhoSecond, pStar)`: `lambda* = max_w (largest root of F_w)`, 0 when no
 *   `F_w` has a positive root; DPRM-BoN returns `o*` for every `lambda > lambda*`. Roots lie below
 *   `Lambda = ln(1 / p(o* | o*_1 o*_2)) / (rho* - rho_(2))`: there `p(o*|v*) e^(lambda rho*) >= e^(lambda rho_(2))
 *   >= h(w)`. Found by scanning `[0, Lambda]` in 512 steps and bisecting the last sign change of each `F_w`.
 *
 * Implementation notes
 * Computed from the enumerated valid CoTs (`p`, `rho`) alone, never from src/inference/rewards.ts or a
 * selector; `F_w` is scaled by `e^(-lambda rho*)` so large `Lambda` does not overflow.
 */
import type { TaskCots } from '../exact/correctness.ts';
import type { Tmc } from '../tmc.ts';

/** One completion: its conditional probability from the child and its `rho`. */
interface Completion {
  readonly p: number;
  readonly rho: number;
}

/** A decision along `o*`: the state's layer, the child on `o*` and a rival child, with their valid completions. */
export interface Fork {
  readonly layer: number;
  readonly star: number;
  readonly rival: number;
  readonly starCompletions: readonly Completion[];
  readonly rivalCompletions: readonly Completion[];
}

function completions(tmc: Tmc, tc: TaskCots, prefix: readonly number[]): Completion[] {
  let p = 1;
  for (let l = 0; l + 1 < prefix.length; l++) p *= tmc.kernels[l][prefix[l]][prefix[l + 1]].toNumber();
  const through = tc.cots.filter((c) => prefix.every((s, i) => c.path[i] === s));
  return through.map((c) => ({ p: c.p.toNumber() / p, rho: c.rho.toNumber() }));
}

/** The forks along `path` (a valid CoT of `tc`) on a tree TMC. */
export function forksAlong(tmc: Tmc, tc: TaskCots, path: readonly number[]): Fork[] {
  const out: Fork[] = [];
  for (let l = 0; l + 1 < path.length; l++) {
    const row = tmc.kernels[l][path[l]];
    const prefix = path.slice(0, l + 1);
    const star = completions(tmc, tc, [...prefix, path[l + 1]]);
    row.forEach((q, w) => {
      if (w === path[l + 1] || !q.gt(0)) return;
      // A rival with no valid completion has h = 1 and E[rho] = 0.
      out.push({ layer: l, star: path[l + 1], rival: w, starCompletions: star, rivalCompletions: completions(tmc, tc, [...prefix, w]) });
    });
  }
  return out;
}

/** `e^(-lambda shift) h_lambda` of a child. */
function scaledH(cs: readonly Completion[], lambda: number, shift: number): number {
  let h = Math.exp(-lambda * shift);
  for (const c of cs) h += c.p * (Math.exp(lambda * (c.rho - shift)) - Math.exp(-lambda * shift));
  return h;
}

/** `F_w(lambda) / h(v*)`. */
export function forkMargin(f: Fork, lambda: number): number {
  const top = Math.max(0, ...f.starCompletions.map((c) => c.rho));
  const hs = scaledH(f.starCompletions, lambda, top);
  return (hs - scaledH(f.rivalCompletions, lambda, top)) / hs;
}

/** `F_w'(0) = E[rho | v*] - E[rho | w]`. */
export function forkPrmMargin(f: Fork): number {
  const mean = (cs: readonly Completion[]) => cs.reduce((s, c) => s + c.p * c.rho, 0);
  return mean(f.starCompletions) - mean(f.rivalCompletions);
}

const SCAN_STEPS = 512;

/** The largest root of `F_w` in `(0, bound]`, or 0. */
function largestRoot(f: Fork, bound: number): number {
  let hi = bound;
  for (let i = SCAN_STEPS - 1; i >= 0; i--) {
    const lo = (bound * i) / SCAN_STEPS;
    const below = i === 0 ? forkPrmMargin(f) : forkMargin(f, lo);
    if (below <= 0) {
      if (i === 0 && below === 0) return 0;
      let [a, b] = [lo, hi];
      for (let k = 0; k < 200 && b - a > 1e-15 * b; k++) {
        const m = (a + b) / 2;
        if (forkMargin(f, m) > 0) b = m;
        else a = m;
      }
      return b;
    }
    hi = lo;
  }
  return 0;
}

/**
 * `lambda*` and its bound `Lambda` for the forks along `o*`, given `rho*`, the runner-up `rho_(2)`
 * (`undefined` when `o*` is the only valid CoT) and `p(o* | o*_1 o*_2)`.
 */
export function dprmThreshold(forks: readonly Fork[], rhoStar: number, rhoSecond: number | undefined, pStar: number): { lambdaStar: number; bound: number } {
  if (rhoSecond === undefined || forks.length === 0) return { lambdaStar: 0, bound: 0 };
  const bound = Math.log(1 / pStar) / (rhoStar - rhoSecond);
  return { lambdaStar: Math.max(0, ...forks.map((f) => largestRoot(f, bound))), bound };
}
