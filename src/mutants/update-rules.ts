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
 *
 * Two bugs of the issue's list are not among them, because no claim of SPEC §6 can reject them:
 * - RAFT without its `1/J` normalization is REINFORCE (`theta += eta grad J`), a correct RLVR rule that
 *   every claim about RLVR rules must accept; only RAFT's definition (its exact step against the mean
 *   of its sampled steps, proofs/) tells it from RAFT.
 * - PPO clipping on the wrong side (the ratio clipped where it should run free and vice versa) still
 *   ascends `J` in every inner step; the clip only bounds step sizes, which claims 1-4 do not constrain
 *   (it passes squeezing and forgetting at `eta` 1 to 16).
 * PPO and GRPO are covered by `signFlipped`.
 */
import { backwardPass, edge, forwardPass, taskValues } from '../exact/values.ts';
import { instanceWeights } from '../methods/_internals/instance-weights.ts';
import { validCotProbabilities, weightedScore } from '../methods/_internals/weighted-score.ts';
import { grpoKl } from '../methods/grpo-kl.ts';
import { grpo } from '../methods/grpo.ts';
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
