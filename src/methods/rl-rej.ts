/**
 * # RL-rej: REINFORCE on the instances a reference policy fails (SPEC §4)
 *
 * Algorithm: draw an instance `Q`; draw `n` CoTs from the reference policy `pi_ref`; if one of them
 * is correct (`Q` is already solved) skip the instance; else draw a fresh `o ~ pi` and take
 * REINFORCE's step `eta R_Q(o) grad log pi(o)`.
 * Exact population step: `Q` is kept with probability `(1 - pi_ref(C_Q))^n` independently of `o`, so
 * the expected update is the weighted score
 *   `eta sum_{o in V_k} pi(o) w(o) grad log pi(o)`,  `w(o) = E_Q[(1 - pi_ref(C_Q))^n R_Q(o)]`,
 * with the filter not differentiated (it is a data selection, not part of the objective).
 * `(1 - c)^n` is the Bernstein polynomial of degree `n` with `beta = (1, 0, .., 0)`, so `w` comes from
 * the instance moment recursions (src/exact/instance-moments.ts).
 * Symbols: `eta` step size; `n >= 1` tries; `filter`: `pi_ref` is the current policy (`current`,
 * default, the paper's procedure) or the base policy `ctx.base` (`base`).
 * Reference: the paper §4 (rejecting easy instances); procedure.md item 8.
 */
import { UsageError } from '../errors.ts';
import { bernsteinInstanceWeights } from '../exact/instance-moments.ts';
import { ONE, ZERO } from '../numeric.ts';
import { logProbGradient, stepLogits } from '../policy.ts';
import { sampleCot } from '../sampling.ts';
import { instanceReward } from './_internals/sampled.ts';
import { validCotProbabilities, weightedScore } from './_internals/weighted-score.ts';
import { drawInstance, type UpdateRule } from './update-rule.ts';

export type RejectionFilter = 'current' | 'base';

export interface RlRejParams {
  /** Step size `eta > 0` (default 1). */
  readonly eta?: number;
  /** Tries `n >= 1` of the reference policy (default 5). */
  readonly n?: number;
  /** Reference policy of the filter (default `current`). */
  readonly filter?: RejectionFilter;
}

/** REINFORCE with rejection of the instances `pi_ref` solves in `n` tries. */
export function rlRej({ eta = 1, n = 5, filter = 'current' }: RlRejParams = {}): UpdateRule {
  if (!(eta > 0) || !Number.isFinite(eta)) throw new UsageError(`rl-rej: eta must be a positive number, got ${eta}`);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`rl-rej: n must be a positive integer, got ${n}`);
  if (filter !== 'current' && filter !== 'base') throw new UsageError(`rl-rej: filter must be current or base, got ${String(filter)}`);
  return {
    name: 'rl-rej',
    family: 'rejection',
    params: { eta, n, filter },
    sampledBounds: { range: eta }, // as REINFORCE's: a step eta grad log pi(o) or none
    exactStep: (policy, ctx) => {
      const piCots = validCotProbabilities(policy, ctx.tc);
      const piRef = filter === 'current' ? piCots : validCotProbabilities(ctx.base, ctx.tc);
      const w = bernsteinInstanceWeights(ctx.tc, piRef, Array.from({ length: n + 1 }, (_, j) => (j === 0 ? ONE : ZERO)));
      return stepLogits(policy, weightedScore(policy, ctx.tc, w, piCots), eta);
    },
    sampledStep: (policy, ctx, rng) => {
      const correct = drawInstance(ctx, rng);
      const ref = filter === 'current' ? policy : ctx.base;
      for (let i = 0; i < n; i++) {
        if (instanceReward(ctx.tc, correct, sampleCot(ref.probs, ctx.tc.task.start, rng)) === 1) return policy;
      }
      const o = sampleCot(policy.probs, ctx.tc.task.start, rng);
      if (instanceReward(ctx.tc, correct, o) === 0) return policy;
      return stepLogits(policy, logProbGradient(policy, o), eta);
    },
  };
}
