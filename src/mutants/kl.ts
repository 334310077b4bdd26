/**
 * Sentinel mutants of the KL machinery, each a plausible slip that one proof step must catch
 * (src/mutants/kl.test.ts checks that it does, and what the shrunk witness is):
 * - `gibbsStepNegatedAdvantage`: `p exp(-A/beta)/Z`, the tilt's sign flipped
 *   (proofs/gibbs-step-maximizes-per-state-objective);
 * - `klOptimumWithoutBeta`: the tilt `p exp(rho)` whatever `beta` is
 *   (proofs/kl-optimum-maximizes-regularized-objective);
 * - `klOptimumRhoFromBase`: the backward pass's leaf weights take `rho` from the base policy
 *   instead of the kernel `P` (proofs/kl-optimum-equals-enumeration);
 * - `gibbsSampledNegatedAdvantage`: the Gibbs rule whose sampled step tilts by `exp(-Ahat/beta)`, so
 *   the mean sampled step moves away from the exact one (proofs/sampled-step-mean-converges-to-exact-step).
 */
import { taskValues } from '../exact/values.ts';
import { gibbs } from '../methods/gibbs-step.ts';
import { klOptimum } from '../methods/kl-optimum.ts';
import type { TrainContext, UpdateRule } from '../methods/update-rule.ts';
import { D } from '../numeric.ts';
import { policyFromLogits, stepLogits, type Policy } from '../policy.ts';

/** The Gibbs step with `exp(-A/beta)`. */
export function gibbsStepNegatedAdvantage(policy: Policy, ctx: TrainContext, beta: number): Policy {
  return stepLogits(ctx.base, taskValues(policy, ctx.task).A, new D(-1).div(beta));
}

/** The sequence-level optimum computed for `beta = 1` whatever `beta` is asked. */
export function klOptimumWithoutBeta(ctx: TrainContext, _beta: number): Policy {
  return klOptimum(ctx, 1);
}

/** The sequence-level optimum with `rho` computed from the base policy, as if it were the kernel. */
export function klOptimumRhoFromBase(ctx: TrainContext, beta: number): Policy {
  return klOptimum({ ...ctx, tmc: { ...ctx.tmc, kernels: ctx.base.probs } }, beta);
}

/** The Gibbs rule (`beta = 1`, 16 rollouts) whose sampled step negates the estimated advantages. */
export function gibbsSampledNegatedAdvantage(): UpdateRule {
  const good = gibbs();
  return {
    ...good,
    sampledStep: (policy, ctx, rng) => {
      const sampled = good.sampledStep(policy, ctx, rng);
      // theta_base + Ahat/beta  ->  theta_base - Ahat/beta
      const flipped = sampled.logits.map((k, l) =>
        k.map((row, u) => row.map((x, v) => (x === null ? null : ctx.base.logits[l][u][v]!.times(2).minus(x)))),
      );
      return policyFromLogits(ctx.tmc, flipped);
    },
  };
}
