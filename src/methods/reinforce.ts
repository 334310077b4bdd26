/**
 * # REINFORCE (SPEC §4)
 *
 * Exact population step: `theta <- theta + eta * grad J_k(pi)`, where
 * `grad J = sum_{o in V_k} pi(o) rho(o) grad log pi(o) = d(u) pi(v|u) A(u,v)`, computed by the layer
 * passes of src/exact/values.ts (cost linear in the edges; the valid CoTs are never listed). The
 * enumerated weighted score with `w = rho` is the reference
 * (proofs/reinforce-step-equals-enumerated-weighted-score.proof.ts; RAFT's in
 * proofs/raft-step-equals-accepted-sample-fine-tuning.proof.ts).
 * Sampled step: draw an instance `Q`, a CoT `o ~ pi` from `s_k`, and step
 * `theta <- theta + eta * R_Q(o) grad log pi(o)`, whose expectation is the exact step.
 * Symbols: `eta` step size; `R_Q(o) = 1[o in C_Q]`. Reference: Williams (1992); the paper §3.
 */
import { UsageError } from '../errors.ts';
import { taskValues } from '../exact/values.ts';
import { logProbGradient, stepLogits } from '../policy.ts';
import { sampleCot } from '../sampling.ts';
import { instanceReward } from './_internals/sampled.ts';
import { drawInstance, type UpdateRule } from './update-rule.ts';

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
    squeezingRate: () => eta,
    exactStep: (policy, ctx) => stepLogits(policy, taskValues(policy, ctx.task).grad, eta),
    sampledBounds: { range: eta }, // eta R grad log pi(o): each coordinate in [-eta pi, eta (1 - pi)] or 0
    sampledStep: (policy, ctx, rng) => {
      const correct = drawInstance(ctx, rng);
      const o = sampleCot(policy.probs, ctx.tc.task.start, rng);
      if (instanceReward(ctx.tc, correct, o) === 0) return policy;
      return stepLogits(policy, logProbGradient(policy, o), eta);
    },
  };
}
