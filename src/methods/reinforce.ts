/**
 * # REINFORCE (SPEC §4)
 *
 * Exact population step: `theta <- theta + eta * grad J_k(pi)`, with
 * `grad_theta_l[u][v] J = d(u) pi(v|u) A(u,v)` computed by layer passes (src/exact/values.ts).
 * Sampled step: draw an instance `Q`, a CoT `o ~ pi` from `s_k`, and step
 * `theta <- theta + eta * R_Q(o) grad log pi(o)`, whose expectation is the exact step.
 * Symbols: `eta` step size; `R_Q(o) = 1[o in C_Q]`. Reference: Williams (1992); the paper §3.
 */
import { UsageError } from '../errors.ts';
import { taskValues } from '../exact/values.ts';
import { logProbGradient, stepLogits } from '../policy.ts';
import { cotIndex, sampleCot, sampleInstance } from '../sampling.ts';
import type { UpdateRule } from './update-rule.ts';

export interface ReinforceParams {
  /** Step size `eta > 0` (default 1). */
  readonly eta?: number;
}

/** REINFORCE with a fixed step size. */
export function reinforce({ eta = 1 }: ReinforceParams = {}): UpdateRule {
  if (!(eta > 0) || !Number.isFinite(eta)) throw new UsageError(`reinforce: eta must be a positive number, got ${eta}`);
  return {
    name: 'reinforce',
    family: 'rlvr',
    params: { eta },
    exactStep: (policy, ctx) => stepLogits(policy, taskValues(policy, ctx.task).grad, eta),
    sampledStep: (policy, ctx, rng) => {
      const correct = sampleInstance(ctx.tc, rng);
      const o = sampleCot(policy.probs, ctx.tc.task.start, rng);
      const i = cotIndex(ctx.tc, o);
      if (i < 0 || !correct[i]) return policy;
      return stepLogits(policy, logProbGradient(policy, o), eta);
    },
  };
}
