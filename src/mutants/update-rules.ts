/**
 * # Sentinel update rules: deliberately wrong variants of the built-in rules
 *
 * Each mutant is a bug a person could write; the claims of properties/ must reject it, and
 * src/mutants/update-rules.test.ts checks that they do and that fast-check shrinks the counterexample
 * to a small TMC. A law no mutant fails would be a law that checks nothing.
 *
 * - `signFlipped(rule)`: the step goes the other way (`theta - Delta` for the rule's `theta + Delta`),
 *   e.g. gradient descent on `J` for REINFORCE.
 * - `raftAcceptsValid`: RAFT's acceptance test checks the answer, not the instance.
 * - `grpoKlWithoutKl`: GRPO-KL whose step drops the KL gradient (GRPO under GRPO-KL's name).
 * - `rlRejInvertedFilter`: RL-rej that trains on the instances the current policy already solves
 *   (weight `1 - (1 - pi(C_Q))^n` instead of `(1 - pi(C_Q))^n`).
 * - `gibbsAnchoredAtCurrent`: the Gibbs step with the current policy as the KL anchor instead of the
 *   base policy (`pi' ~ pi exp(A/beta)`, multiplicative weights: it squeezes).
 * - `raftWithoutNormalization`: RAFT stepping `eta grad J` (REINFORCE under RAFT's name).
 * - `ppoClippedOnWrongSide`: PPO clipping where the ratio should run free (`A > 0, r < 1 - eps` and
 *   `A < 0, r > 1 + eps`) and letting it run where it should clip.
 *
 * The last two are correct RLVR rules in all but name (each still ascends `J` at every inner step,
 * and the claims of SPEC §6 do not constrain step sizes), so claims 1-4 accept them; the proof steps
 * that pin each rule's exact step to its definition reject them
 * (proofs/raft-step-equals-accepted-sample-fine-tuning, proofs/ppo-step-ascends-clipped-surrogate;
 * src/mutants/proof-sentinels.test.ts). `rlRejInvertedFilter` and RL-rej with the base filter also fail
 * proofs/rl-rej-step-ascends-pass-at-n-plus-1. PPO and GRPO are also covered by `signFlipped`.
 */
import { backwardPass, edge, forwardPass, taskValues } from '../exact/values.ts';
import { instanceWeights } from '../methods/_internals/instance-weights.ts';
import { validCotProbabilities, weightedScore } from '../methods/_internals/weighted-score.ts';
import { grpoKl } from '../methods/grpo-kl.ts';
import { grpo } from '../methods/grpo.ts';
import { clippedSurrogateGradient, ppo, type PpoParams } from '../methods/ppo.ts';
import { raft } from '../methods/raft.ts';
import { reinforce } from '../methods/reinforce.ts';
import { gibbs } from '../methods/gibbs-step.ts';
import { rlRej } from '../methods/rl-rej.ts';
import { D, ONE } from '../numeric.ts';
import { policyFromLogits, stepLogits, type Policy } from '../policy.ts';
import type { UpdateRule } from '../methods/update-rule.ts';

/** `theta - (theta' - theta)` where `theta'` is the rule's step from `theta`. */
function reflect(from: Policy, to: Policy): Policy {
  const logits = from.logits.map((k, l) => k.map((row, u) => row.map((x, v) => (x === null ? null : x.times(2).minus(to.logits[l][u][v]!)))));
  return policyFromLogits(from.tmc, logits);
}

/** The rule with every step reversed: ascent becomes descent. */
export function signFlipped(rule: UpdateRule): UpdateRule {
  return {
    ...rule,
    name: `${rule.name}-sign-flipped`,
    exactStep: (policy, ctx) => reflect(policy, rule.exactStep(policy, ctx)),
    sampledStep: (policy, ctx, rng) => reflect(policy, rule.sampledStep(policy, ctx, rng)),
  };
}

/**
 * RAFT that accepts a CoT for reaching the task's target (the answer check) instead of for being
 * correct on the drawn instance (`R_Q(o)`): maximum likelihood on valid CoTs, the step
 * `eta grad log pi(V)`. It lifts every valid CoT alike and never prefers the most consistent one.
 */
export function raftAcceptsValid({ eta = 1 }: { eta?: number } = {}): UpdateRule {
  return {
    name: 'raft-accepts-valid',
    family: 'rlvr',
    params: { eta },
    exactStep: (policy, ctx) => {
      const { start, target } = ctx.tc.task;
      const d = forwardPass(ctx.tmc, start, edge(policy.probs));
      const h = backwardPass(ctx.tmc, target, edge(policy.probs));
      // d pi(V) / d theta_l[u][v] = d(u) pi(v|u) (h(v) - h(u)); divided by pi(V) = h(start).
      const grad = policy.probs.map((k, l) => k.map((row, u) => row.map((p, v) => d[l][u].times(p).times(h[l + 1][v].minus(h[l][u])))));
      return stepLogits(policy, grad, new D(eta).div(h[0][start]));
    },
    sampledStep: (policy) => policy,
  };
}

/** GRPO-KL (same name, family and parameters) whose exact step is GRPO's: the KL gradient dropped. */
export function grpoKlWithoutKl({ eta = 1, group = 8, beta = 1 }: { eta?: number; group?: number; beta?: number } = {}): UpdateRule {
  const plain = grpo({ eta, group });
  return { ...grpoKl({ eta, group, beta }), name: 'grpo-kl-without-kl', exactStep: plain.exactStep, sampledStep: plain.sampledStep };
}

/** RL-rej whose filter keeps the instances the current policy solves in `n` tries and skips the rest. */
export function rlRejInvertedFilter({ eta = 1, n = 5 }: { eta?: number; n?: number } = {}): UpdateRule {
  return {
    ...rlRej({ eta, n }),
    name: 'rl-rej-inverted-filter',
    exactStep: (policy, ctx) => {
      const pi = validCotProbabilities(policy, ctx.tc);
      const w = instanceWeights(ctx.tc, pi, (c) => ONE.minus(ONE.minus(c).pow(n)));
      return stepLogits(policy, weightedScore(policy, ctx.tc, w, pi), eta);
    },
    sampledStep: (policy) => policy,
  };
}

/** The Gibbs step anchored at the current policy: `pi'(v|u) = pi(v|u) exp(A(u,v)/beta) / Z(u)`. */
export function gibbsAnchoredAtCurrent({ beta = 1 }: { beta?: number } = {}): UpdateRule {
  return {
    ...gibbs({ beta }),
    name: 'gibbs-anchored-at-current',
    exactStep: (policy, ctx) => stepLogits(policy, taskValues(policy, ctx.task).A, new D(1).div(beta)),
    sampledStep: (policy) => policy,
  };
}

/** RAFT (same name, family and parameters) whose exact step drops the `1/J`: REINFORCE's step. */
export function raftWithoutNormalization({ eta = 1 }: { eta?: number } = {}): UpdateRule {
  return { ...raft({ eta }), name: 'raft-without-normalization', exactStep: reinforce({ eta }).exactStep };
}

/**
 * PPO whose clip test looks at the wrong side: an edge is clipped when `A > 0, r < 1 - eps` or
 * `A < 0, r > 1 + eps`. That is PPO's own test applied to `-A`, and the gradient is linear in the
 * kept advantages, so the step is `-eta` times PPO's surrogate gradient for `-A`.
 */
export function ppoClippedOnWrongSide(params: PpoParams = {}): UpdateRule {
  const rule = ppo(params);
  const { eta, eps, epochs } = rule.params as { eta: number; eps: number; epochs: number };
  return {
    ...rule,
    name: 'ppo-clipped-on-wrong-side',
    exactStep: (old, ctx) => {
      const { d, A } = taskValues(old, ctx.task);
      const negated = A.map((k) => k.map((row) => row.map((a) => a.neg())));
      let policy = old;
      for (let e = 0; e < epochs; e++) policy = stepLogits(policy, clippedSurrogateGradient(old, policy, d, negated, eps), -eta);
      return policy;
    },
  };
}
