/**
 * # Entropy bonus: REINFORCE plus `alpha` times the gradient of the CoT entropy (SPEC §9)
 *
 * Exact population step: `theta <- theta + eta (grad J + alpha grad H)`, `H(pi) = -sum_o pi(o) ln pi(o)`
 * the entropy of the CoT distribution from `s_k`. `grad H` by layer passes: `H` is the expected sum of
 * the per-step rewards `-ln pi(v|u)`; the rewards' own gradient averages to
 * `-E[grad ln pi(o)] = 0`, so `grad H` is the policy gradient of that reward,
 * `dH/dtheta_l[u][v] = d(u) pi(v|u) (-ln pi(v|u) + h_{l+1}(v) - h_l(u))`, with `h_l(u)` the entropy to go
 * from `u` (a backward pass) and `d` the visit probabilities (a forward pass).
 * Sampled step: draw an instance `Q` and a CoT `o ~ pi`, step `theta <- theta + eta (R_Q(o) - alpha ln pi(o)) grad ln pi(o)`
 * (entropy as a reward, the maximum-entropy RL form), whose expectation is the exact step. The
 * token-level entropy loss many trainers use, `alpha sum_l grad H(pi(.|o_l))` along the sample, drops
 * the visits' score term and is a different rule (its mean is not `grad H`; src/mutants/zoo.ts).
 * On a tree the fixed point is the Gibbs distribution `pi*(o) ∝ exp(rho(o)/alpha)` over every CoT from
 * `s_k` (the maximizer of `J + alpha H`), which keeps every CoT (theorem zoo-entropy-bonus-gibbs-limit).
 * Symbols: `eta` step size, `alpha > 0` the bonus weight. Reference: Williams, Peng (1991), "Function
 * optimization using connectionist reinforcement learning algorithms"; Mnih et al. (2016), A3C.
 */
import { UsageError } from '../errors.ts';
import { forwardPass, edge } from '../exact/values.ts';
import { D, ZERO, type Dec } from '../numeric.ts';
import { addScaled, logProbGradient, stepLogits, type Policy } from '../policy.ts';
import { sampleCot } from '../sampling.ts';
import { logProbs, pathLogProb } from './_internals/log-probs.ts';
import { instanceReward } from './_internals/sampled.ts';
import { weightedScore } from './_internals/weighted-score.ts';
import { checkEta } from './_internals/zoo-params.ts';
import { drawInstance, type UpdateRule } from './update-rule.ts';

export interface EntropyBonusParams {
  /** Step size `eta > 0` (default 1). */
  readonly eta?: number;
  /** Weight of the entropy gradient, `alpha > 0` (default 0.1). */
  readonly alpha?: number;
}

/** `grad H` of the CoT entropy from `start`, by layer passes (see the module doc). */
export function cotEntropyGradient(policy: Policy, start: number): Dec[][][] {
  const { tmc, probs } = policy;
  const ln = logProbs(policy);
  const d = forwardPass(tmc, start, edge(probs));
  const h: Dec[][] = new Array(tmc.layers);
  h[tmc.layers - 1] = Array.from({ length: tmc.widths[tmc.layers - 1] }, () => ZERO);
  const q: Dec[][][] = new Array(tmc.layers - 1);
  for (let l = tmc.layers - 2; l >= 0; l--) {
    q[l] = probs[l].map((row, u) => row.map((p, v) => (p.isZero() ? ZERO : h[l + 1][v].minus(ln[l][u][v]))));
    h[l] = probs[l].map((row, u) => row.reduce((total, p, v) => total.plus(p.times(q[l][u][v])), ZERO));
  }
  return probs.map((k, l) => k.map((row, u) => row.map((p, v) => d[l][u].times(p).times(q[l][u][v].minus(h[l][u])))));
}

export function entropyBonus({ eta = 1, alpha = 0.1 }: EntropyBonusParams = {}): UpdateRule {
  checkEta('entropy-bonus', eta);
  if (!(alpha > 0) || !Number.isFinite(alpha)) throw new UsageError(`entropy-bonus: alpha must be a positive number, got ${alpha}`);
  return {
    name: 'entropy-bonus',
    // H is -KL(pi || uniform over CoTs) + const: a KL-regularized objective, which keeps every CoT.
    family: 'kl-regularized',
    params: { eta, alpha },
    exactStep: (policy, ctx) => {
      const grad = weightedScore(policy, ctx.tc, ctx.tc.cots.map((c) => c.rho));
      return stepLogits(policy, addScaled(grad, cotEntropyGradient(policy, ctx.tc.task.start), alpha), eta);
    },
    sampledStep: (policy, ctx, rng) => {
      const correct = drawInstance(ctx, rng);
      const o = sampleCot(policy.probs, ctx.tc.task.start, rng);
      const weight = new D(instanceReward(ctx.tc, correct, o)).minus(pathLogProb(policy, o).times(alpha));
      return stepLogits(policy, logProbGradient(policy, o), weight.times(eta));
    },
  };
}
