/**
 * `ln pi(v|u)` on the support of a policy (0 off it), computed once per policy object: decimal.js's
 * `ln` costs about 200 µs at 40 digits, and the KL terms read every edge's log-probability of the
 * base policy at every step. Cached per precision.
 */
import { D, ZERO, type Dec } from '../../numeric.ts';
import type { Policy } from '../../policy.ts';

const cache = new WeakMap<Policy, { precision: number; ln: Dec[][][] }>();

/** `ln pi(v|u)` (kernel-shaped; 0 where `pi(v|u) = 0`). */
export function logProbs(policy: Policy): Dec[][][] {
  const hit = cache.get(policy);
  if (hit && hit.precision === D.precision) return hit.ln;
  const ln = policy.probs.map((k) => k.map((row) => row.map((p) => (p.isZero() ? ZERO : p.ln()))));
  cache.set(policy, { precision: D.precision, ln });
  return ln;
}

/** `ln pi(o)` for a path, from the cached edge log-probabilities. */
export function pathLogProb(policy: Policy, path: readonly number[]): Dec {
  const ln = logProbs(policy);
  let total = ZERO;
  for (let l = 0; l + 1 < path.length; l++) total = total.plus(ln[l][path[l]][path[l + 1]]);
  return total;
}
