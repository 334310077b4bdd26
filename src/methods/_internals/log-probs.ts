/**
 * `ln pi(v|u)` on the support of a policy (0 off it), computed once per policy object: a logarithm
 * costs tens of µs at 40 digits, and the KL terms read every edge's log-probability of the base
 * policy at every step. Cached per precision.
 */
import { D, ZERO, type Dec } from '../../numeric.ts';
import type { Policy } from '../../policy.ts';
import { ln } from '../../_internals/ln.ts';

const cache = new WeakMap<Policy, { precision: number; ln: Dec[][][] }>();

/** `ln pi(v|u)` (kernel-shaped; 0 where `pi(v|u) = 0`). */
export function logProbs(policy: Policy): Dec[][][] {
  const hit = cache.get(policy);
  if (hit && hit.precision === D.precision) return hit.ln;
  const logs = policy.probs.map((k) => k.map((row) => row.map((p) => (p.isZero() ? ZERO : ln(p)))));
  cache.set(policy, { precision: D.precision, ln: logs });
  return logs;
}

/** `ln pi(o)` for a path, from the cached edge log-probabilities. */
export function pathLogProb(policy: Policy, path: readonly number[]): Dec {
  const ln = logProbs(policy);
  let total = ZERO;
  for (let l = 0; l + 1 < path.length; l++) total = total.plus(ln[l][path[l]][path[l + 1]]);
  return total;
}
