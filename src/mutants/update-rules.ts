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
 *
 * RAFT without its `1/J` normalization is not among them: it is REINFORCE (`theta += eta grad J`), a
 * correct RLVR rule that every claim about RLVR rules must accept. Only RAFT's own definition (its
 * exact step against the mean of its sampled steps, proofs/) can tell it from RAFT.
 */
import { backwardPass, edge, forwardPass } from '../exact/values.ts';
import { D } from '../numeric.ts';
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
