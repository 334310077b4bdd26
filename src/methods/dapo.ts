/**
 * # DAPO: GRPO with dynamic sampling (SPEC §9)
 *
 * Algorithm: draw an instance `Q` and a group of `G` CoTs `o_i ~ pi` with GRPO's advantages
 * `A_i = (r_i - mean)/std`; a group whose rewards are all equal (`c = 0` or `c = G`) is dropped and a
 * new instance and group are drawn, up to `maxDraws` draws (no step if all are degenerate); update
 * `theta <- theta + eta (1/G) sum_i A_i grad log pi(o_i)` with the first non-degenerate group.
 * Exact step (derivation). Draws are i.i.d.; a degenerate group has all `A_i = 0`, so GRPO's expected
 * update `g` is already the mean over non-degenerate groups times `P = P(non-degenerate)
 * = E_Q[1 - c_Q^G - (1 - c_Q)^G]` (`c_Q = pi(C_Q)`). The kept group is a draw conditioned on being
 * non-degenerate, reached with probability `1 - (1 - P)^maxDraws`, so the expected update is
 * `eta g (1 - (1 - P)^maxDraws) / P`: GRPO's direction, a step that grows as the policy saturates.
 * Form implemented: one on-policy inner step, where the probability ratio is 1 and the clip range
 * (0.2 low / 0.28 high, "clip-higher") is inactive; the clip acts only over several inner epochs
 * (src/methods/ppo.ts). Every CoT has `L - 1` tokens, so the token-level loss equals the sample mean.
 * Symbols: `eta` step size, `G >= 2` group size, `maxDraws` groups drawn at most per step.
 * Reference: Yu et al. (2025) "DAPO: An Open-Source LLM Reinforcement Learning System at Scale",
 * arXiv 2503.14476.
 */
import { instances } from '../exact/instances.ts';
import { D, ONE, ZERO, type Dec } from '../numeric.ts';
import { stepLogits, type Policy } from '../policy.ts';
import type { Rng } from '../sampling.ts';
import { groupScore, grpoDirection, sampleGroup, type SampledGroup } from './grpo.ts';
import { validCotProbabilities } from './_internals/weighted-score.ts';
import { checkEta, checkGroup } from './_internals/zoo-params.ts';
import { UsageError } from '../errors.ts';
import type { TrainContext, UpdateRule } from './update-rule.ts';

export interface DapoParams {
  /** Step size `eta > 0` (default 1). */
  readonly eta?: number;
  /** Group size `G >= 2` (default 8). */
  readonly group?: number;
  /** Groups drawn at most per step (default 100). */
  readonly maxDraws?: number;
}

/** `P = E_Q[1 - c_Q^G - (1 - c_Q)^G]`: the chance that a drawn group's rewards are not all equal. */
export function nonDegenerateProbability(policy: Policy, ctx: TrainContext, G: number): Dec {
  const pi = validCotProbabilities(policy, ctx.tc);
  let total = ZERO;
  for (const q of instances(ctx.tc)) {
    let c = ZERO;
    q.correct.forEach((inQ, i) => {
      if (inQ) c = c.plus(pi[i]);
    });
    total = total.plus(q.prob.times(ONE.minus(c.pow(G)).minus(ONE.minus(c).pow(G))));
  }
  return total;
}

/** The first non-degenerate group of up to `maxDraws`, or null. */
function dynamicGroup(policy: Policy, ctx: TrainContext, G: number, maxDraws: number, rng: Rng): SampledGroup | null {
  for (let draw = 0; draw < maxDraws; draw++) {
    const group = sampleGroup(policy, ctx, G, rng);
    if (group.advantages.some((a) => !a.isZero())) return group;
  }
  return null;
}

export function dapo({ eta = 1, group = 8, maxDraws = 100 }: DapoParams = {}): UpdateRule {
  checkEta('dapo', eta);
  checkGroup('dapo', group);
  if (!Number.isInteger(maxDraws) || maxDraws < 1) throw new UsageError(`dapo: maxDraws must be a positive integer, got ${maxDraws}`);
  return {
    name: 'dapo',
    family: 'rlvr',
    params: { eta, group, maxDraws },
    exactStep: (policy, ctx) => {
      const P = nonDegenerateProbability(policy, ctx, group);
      if (P.isZero()) return policy;
      const scale = ONE.minus(ONE.minus(P).pow(maxDraws)).div(P);
      return stepLogits(policy, grpoDirection(policy, ctx, group), scale.times(new D(eta)));
    },
    sampledStep: (policy, ctx, rng) => {
      const kept = dynamicGroup(policy, ctx, group, maxDraws, rng);
      return kept ? stepLogits(policy, groupScore(policy, kept), eta) : policy;
    },
  };
}
