/**
 * # Population rewards of a task (SPEC §2)
 *
 * For task `k` with start `s_k`, target `t_k` and `Z = p(V_k)`:
 * - ORM `R_out(o) = rho_k(o) = p(o)/Z` for `o` in `V_k`, else 0;
 * - PRM `R_prm(x) = E_{o ~ p}[rho_k(o) | o starts with x]`;
 * - `h_lambda(x) = E_{o ~ p}[exp(lambda rho_k(o)) | x]` and DPRM `R_dprm(x) = ln(h_lambda(x)) / lambda`.
 * A prefix that does not start at `s_k` has no valid completion: `R_prm = 0`, `h = 1`.
 *
 * ## Implementation notes
 * All values are exact at the working precision, computed from prefix probabilities and backward
 * passes, never by enumerating completions (proofs/rewards-equal-enumeration.proof.ts checks them
 * against enumeration). With `x` ending at state `u` of layer `l` and `y` ranging over the suffixes
 * from `u` to `t_k`:
 * - `R_prm(x) = sum_y P(y) p(x) P(y) / Z = p(x) g2_l(u) / Z`, `g2` the backward pass with weights `P^2`;
 * - `h(x) = (1 - g_l(u)) + sum_y P(y) exp(lambda p(x) P(y) / Z)`, where `g_l(u)` is the probability of
 *   reaching `t_k` from `u` (off-target completions count `exp(0) = 1`). The sum runs over the
 *   distinct suffix probabilities of `u` with their total mass, built by one backward pass.
 * Both depend on the whole prefix through `p(x)`, so they are exact on shared-state TMCs too.
 */
import { taskCots, type TaskCots } from '../exact/correctness.ts';
import { pathProbability } from '../exact/paths.ts';
import { backwardPass } from '../exact/values.ts';
import { ONE, ZERO, nearlyEqual, precision, type Dec } from '../numeric.ts';
import type { Path, Tmc } from '../tmc.ts';

/** The completions of a state grouped by probability: `mass = value * (number of suffixes)`. */
interface SuffixValue {
  readonly value: Dec;
  readonly mass: Dec;
}

export interface TaskRewards {
  readonly tmc: Tmc;
  /** Index of the task whose reward this is. */
  readonly task: number;
  readonly tc: TaskCots;
  /** `R_out(o) = rho_k(o)` (0 for a CoT outside `V_k`). */
  rOut(path: Path): Dec;
  /** `R_prm(x)` for a prefix `x` (one state per layer from layer 0, at least one state). */
  rPrm(prefix: Path): Dec;
  /** `h_lambda(x)`. */
  h(prefix: Path, lambda: Dec): Dec;
  /** `R_dprm(x) = ln(h_lambda(x)) / lambda`. */
  rDprm(prefix: Path, lambda: Dec): Dec;
}

function key(path: Path): string {
  return path.join(',');
}

/** Distinct suffix probabilities from each state to `target`, with their masses, layer by layer. */
function suffixValues(tmc: Tmc, target: number): SuffixValue[][][] {
  const last = tmc.layers - 1;
  const out: SuffixValue[][][] = new Array(tmc.layers);
  out[last] = Array.from({ length: tmc.widths[last] }, (_, v) => (v === target ? [{ value: ONE, mass: ONE }] : []));
  for (let l = last - 1; l >= 0; l--) {
    out[l] = tmc.kernels[l].map((row) => {
      const merged: { value: Dec; mass: Dec }[] = [];
      row.forEach((p, v) => {
        if (p.isZero()) return;
        for (const s of out[l + 1][v]) {
          const value = s.value.times(p);
          const mass = s.mass.times(p);
          const same = merged.find((m) => nearlyEqual(m.value, value));
          if (same) same.mass = same.mass.plus(mass);
          else merged.push({ value, mass });
        }
      });
      return merged;
    });
  }
  return out;
}

function build(tmc: Tmc, k: number): TaskRewards {
  const tc = taskCots(tmc, k);
  const { start, target } = tc.task;
  const Z = tc.pValid;
  const rho = new Map(tc.cots.map((c) => [key(c.path), c.rho]));
  const P = tmc.kernels;
  const g2 = backwardPass(tmc, target, (l, u, v) => P[l][u][v].times(P[l][u][v]));
  const g = backwardPass(tmc, target, (l, u, v) => P[l][u][v]);
  const suffixes = suffixValues(tmc, target);
  // Samplers ask for the same prefixes again and again.
  const memo = new Map<string, Dec>();
  const h = (prefix: Path, lambda: Dec): Dec => {
    if (prefix[0] !== start) return ONE;
    const id = `${lambda}|${key(prefix)}`;
    const known = memo.get(id);
    if (known) return known;
    const l = prefix.length - 1;
    const u = prefix[l];
    const c = lambda.times(pathProbability(P, prefix)).div(Z);
    let total = ONE.minus(g[l][u]);
    for (const s of suffixes[l][u]) total = total.plus(s.mass.times(c.times(s.value).exp()));
    memo.set(id, total);
    return total;
  };
  return {
    tmc,
    task: k,
    tc,
    rOut: (path) => rho.get(key(path)) ?? ZERO,
    rPrm: (prefix) => {
      if (prefix[0] !== start) return ZERO;
      const l = prefix.length - 1;
      return pathProbability(P, prefix).times(g2[l][prefix[l]]).div(Z);
    },
    h,
    rDprm: (prefix, lambda) => {
      const id = `dprm|${lambda}|${key(prefix)}`;
      let v = memo.get(id);
      if (!v) memo.set(id, (v = h(prefix, lambda).ln().div(lambda)));
      return v;
    },
  };
}

const cache = new WeakMap<Tmc, Map<string, TaskRewards>>();

/** The population rewards of task `k` (memoized per TMC, task and working precision). */
export function taskRewards(tmc: Tmc, k: number): TaskRewards {
  let byTask = cache.get(tmc);
  if (!byTask) cache.set(tmc, (byTask = new Map()));
  const id = `${k}@${precision()}`;
  let r = byTask.get(id);
  if (!r) byTask.set(id, (r = build(tmc, k)));
  return r;
}

/** `R_out` and `R_prm` of a task as functions: what properties/bayes-optimal-rewards.prop.ts judges. */
export interface RewardModel {
  readonly name: string;
  readonly rOut: (tmc: Tmc, k: number) => (path: Path) => Dec;
  readonly rPrm: (tmc: Tmc, k: number) => (prefix: Path) => Dec;
}

/** The population rewards of SPEC §2 as a reward model. */
export const populationRewards: RewardModel = {
  name: 'population',
  rOut: (tmc, k) => taskRewards(tmc, k).rOut,
  rPrm: (tmc, k) => taskRewards(tmc, k).rPrm,
};
