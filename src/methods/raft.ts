/**
 * # RAFT: reward-ranked fine-tuning on accepted samples (SPEC §4)
 *
 * Exact population step: `theta <- theta + eta * grad J_k(pi) / J_k(pi)` (`grad J` and `J` by the layer
 * passes of src/exact/values.ts, as in REINFORCE). Fine-tuning by maximum
 * likelihood on accepted CoTs follows `E[grad log pi(o) | o accepted]`; an accepted pair `(Q, o)`
 * has law `P(Q) pi(o) R_Q(o) / J`, whose `o`-marginal is `pi(o) rho(o) / J`, so that expectation is
 * `sum_o pi(o) rho(o) grad log pi(o) / J = grad J / J`.
 * Sampled step: draw pairs (instance `Q`, CoT `o ~ pi`) until `R_Q(o) = 1` and step
 * `theta <- theta + eta * grad log pi(o)` (unbiased for the exact step; after `maxTries` rejections
 * the policy is left unchanged, which only matters when `J < ~1e-4`).
 * Symbols: `eta` step size; `J` expected reward. Reference: Dong et al., "RAFT" (2023); the paper §3.
 */
import { UsageError } from '../errors.ts';
import { taskValues } from '../exact/values.ts';
import { D } from '../numeric.ts';
import { logProbGradient, stepLogits } from '../policy.ts';
import { sampleCot } from '../sampling.ts';
import { instanceReward } from './_internals/sampled.ts';
import { drawInstance, type UpdateRule } from './update-rule.ts';

export interface RaftParams {
  /** Step size `eta > 0` (default 1). */
  readonly eta?: number;
  /** Draws before the sampled step gives up (default 100000). */
  readonly maxTries?: number;
}

/** RAFT with a fixed step size. */
export function raft({ eta = 1, maxTries = 100_000 }: RaftParams = {}): UpdateRule {
  if (!(eta > 0) || !Number.isFinite(eta)) throw new UsageError(`raft: eta must be a positive number, got ${eta}`);
  if (!Number.isInteger(maxTries) || maxTries < 1) throw new UsageError(`raft: maxTries must be a positive integer, got ${maxTries}`);
  return {
    name: 'raft',
    family: 'rlvr',
    sampledBounds: { range: eta }, // as REINFORCE's: a step eta grad log pi(o) or none
    params: { eta },
    squeezingRate: (ctx) => eta / Math.max(...ctx.tc.cots.map((c) => c.rho.toNumber())),
    exactStep: (policy, ctx) => {
      const { grad, J } = taskValues(policy, ctx.task);
      if (J.isZero()) return policy;
      return stepLogits(policy, grad, new D(eta).div(J));
    },
    sampledStep: (policy, ctx, rng) => {
      for (let tries = 0; tries < maxTries; tries++) {
        const correct = drawInstance(ctx, rng);
        const o = sampleCot(policy.probs, ctx.tc.task.start, rng);
        if (instanceReward(ctx.tc, correct, o) === 1) return stepLogits(policy, logProbGradient(policy, o), eta);
      }
      return policy;
    },
  };
}
