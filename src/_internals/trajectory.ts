/**
 * Exact training runs seen at a few times, for the claims about post-training dynamics
 * (properties/squeezing, forgetting, kl-preservation, rejection-preserves).
 */
import { pathProbability } from '../exact/paths.ts';
import type { Dec } from '../numeric.ts';
import type { Policy } from '../policy.ts';
import { runExact, type TrainContext, type UpdateRule } from '../methods/update-rule.ts';

/** The policies `pi_t` for each `t` of `times` (increasing, `t = 0` is the start), by exact steps of `rule`. */
export function policiesAt(rule: UpdateRule, ctx: TrainContext, times: readonly number[], start: Policy = ctx.base): Policy[] {
  const at = new Map<number, Policy>();
  if (times.includes(0)) at.set(0, start);
  runExact(rule, ctx, Math.max(...times), start, (t, policy) => {
    if (times.includes(t)) at.set(t, policy);
  });
  return times.map((t) => at.get(t)!);
}

/** The probability of each CoT under a policy (from its first state). */
export function cotProbabilities(policy: Policy, cots: readonly { readonly path: readonly number[] }[]): Dec[] {
  return cots.map((c) => pathProbability(policy.probs, c.path));
}

/** The step size a rule declares (`params.eta`), or 1 when it declares none. */
export function stepSize(rule: UpdateRule): number {
  const eta = rule.params.eta;
  return typeof eta === 'number' && eta > 0 ? eta : 1;
}

/** The case's path as `0-1-1-0`, for messages. */
export function pathText(path: readonly number[]): string {
  return path.join('-');
}
