/**
 * # Sentinel sampled steps: rules whose sampled step is not an estimate of their exact step
 *
 * The conformance law (properties/conformance.prop.ts) must reject each one;
 * src/mutants/sampled-steps.test.ts checks that it does and that the witness shrinks.
 * - `doubledSampledStep(rule)`: the sampled step moves the logits twice as far as it should (a
 *   learning rate applied twice, or a sum where a mean was meant); the exact step is untouched. It
 *   declares no range, as a user's rule may not, so the mean itself must give it away.
 * - `doubledWithinDeclaredRange(rule)`: the same, keeping the rule's declared range, which its
 *   increments then exceed.
 * - `sampledStepWithoutLogits(rule)`: the sampled step returns a policy whose logits are missing
 *   (a shape bug): every law must name the missing logit, not crash.
 * - `throwingSampledStep(rule)`: the sampled step throws (`--method` once never ran it).
 */
import { ZERO } from '../numeric.ts';
import { stepLogits } from '../policy.ts';
import type { UpdateRule } from '../methods/update-rule.ts';

/** `rule` whose sampled increment is doubled, with no declared range. */
export function doubledSampledStep(rule: UpdateRule): UpdateRule {
  const { sampledBounds: _, ...undeclared } = doubledWithinDeclaredRange(rule);
  return undeclared;
}

/** `rule` whose sampled increment is doubled, its declared range kept. */
export function doubledWithinDeclaredRange(rule: UpdateRule): UpdateRule {
  return {
    ...rule,
    sampledStep: (policy, ctx, rng) => {
      const next = rule.sampledStep(policy, ctx, rng);
      const delta = next.logits.map((k, l) => k.map((row, u) => row.map((x, v) => (x === null ? ZERO : x.minus(policy.logits[l][u][v]!)))));
      return stepLogits(policy, delta, 2);
    },
  };
}

/** `rule` whose sampled step throws. */
export function throwingSampledStep(rule: UpdateRule): UpdateRule {
  return {
    ...rule,
    sampledStep: () => {
      throw new Error('sampled step not implemented');
    },
  };
}

/** `rule` whose sampled step returns a policy with no logits. */
export function sampledStepWithoutLogits(rule: UpdateRule): UpdateRule {
  return { ...rule, sampledStep: (policy, ctx, rng) => ({ ...rule.sampledStep(policy, ctx, rng), logits: [] }) };
}
