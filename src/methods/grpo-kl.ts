/**
 * # GRPO-KL: GRPO with a sequence-level KL penalty to the base policy (SPEC §4)
 *
 * Objective: the GRPO surrogate minus `beta KL(pi || pi_base)`, the KL taken over whole CoTs from
 * `s_k` (src/methods/sequence-kl.ts). Exact population step:
 *   `theta <- theta + eta (grpoDirection(pi) - beta grad KL(pi || pi_base))`,
 * `grpoDirection` the exact expected GRPO update (src/methods/grpo.ts) and `grad KL` by layer passes
 * (`ln(pi/pi_base)` is additive over edges).
 * Sampled step: a GRPO group `o_1..o_G ~ pi` for one instance, and the score-function estimate of the
 * KL gradient on the same group:
 *   `theta <- theta + (eta/G) sum_i (A_i - beta ln(pi(o_i)/pi_base(o_i))) grad log pi(o_i)`,
 * unbiased for the exact step (`E_o[ln(pi/pi_base)(o) grad log pi(o)] = grad KL`). (Practitioners
 * often differentiate the "k3" estimator instead; its expectation is a per-token, not sequence-level,
 * penalty.)
 * Symbols: `eta` step size, `G` group size, `beta > 0` KL strength; `pi_base` = `ctx.base`.
 * Reference: Shao et al., "DeepSeekMath" (2024); the paper §3-4.
 */
import { UsageError } from '../errors.ts';
import { D } from '../numeric.ts';
import { addScaled, addScaledScore, stepLogits } from '../policy.ts';
import { checkGrpoParams, groupScore, grpoDirection, sampleGroup } from './grpo.ts';
import { pathLogProb } from './_internals/log-probs.ts';
import { sequenceKl } from './sequence-kl.ts';
import type { UpdateRule } from './update-rule.ts';

export interface GrpoKlParams {
  /** Step size `eta > 0` (default 1). */
  readonly eta?: number;
  /** Group size `G >= 2` (default 8). */
  readonly group?: number;
  /** KL strength `beta > 0` (default 1). */
  readonly beta?: number;
}

/** GRPO minus `beta` times the sequence-level KL to the base policy. */
export function grpoKl({ eta = 1, group = 8, beta = 1 }: GrpoKlParams = {}): UpdateRule {
  checkGrpoParams('grpo-kl', eta, group);
  if (!(beta > 0) || !Number.isFinite(beta)) throw new UsageError(`grpo-kl: beta must be a positive number, got ${beta}`);
  return {
    name: 'grpo-kl',
    family: 'kl-regularized',
    params: { eta, group, beta },
    exactStep: (policy, ctx) => {
      const kl = sequenceKl(policy, ctx.base, ctx.tc.task.start);
      return stepLogits(policy, addScaled(grpoDirection(policy, ctx, group), kl.grad, -beta), eta);
    },
    sampledStep: (policy, ctx, rng) => {
      const g = sampleGroup(policy, ctx, group, rng);
      const direction = groupScore(policy, g);
      for (const o of g.cots) {
        const logRatio = pathLogProb(policy, o).minus(pathLogProb(ctx.base, o));
        addScaledScore(direction, policy, o, logRatio.times(-beta).div(group));
      }
      return stepLogits(policy, direction, new D(eta));
    },
  };
}
