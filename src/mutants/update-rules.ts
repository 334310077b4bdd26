/**
 * # Sentinel update rules: deliberately wrong variants of the built-in rules
 *
 * Each mutant is a bug a person could write; the claims of properties/ must reject it, and
 * src/mutants/update-rules.test.ts checks that they do and that fast-check shrinks the counterexample
 * to a small TMC. A law no mutant fails would be a law that checks nothing.
 *
 * - `signFlipped(rule)`: the step goes the other way (`theta - Delta` for the rule's `theta + Delta`),
 *   e.g. gradient descent on `J` for REINFORCE.
 */
import { policyFromLogits, type Policy } from '../policy.ts';
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
