/**
 * # Conformance: a rule's sampled step is an estimate of its exact step (SPEC §4)
 *
 * ## Main statements
 * - law `conformance` (every update rule whose declared `sampledBounds.bias` is finite), theorem
 *   `conformance/<rule>`: over random one-task TMCs and policies, the mean of `N` seeded sampled
 *   steps is within an empirical-Bernstein radius (from the observed increments' variance and range)
 *   plus the rule's declared bias of its exact step, on every support logit.
 *
 * ## Why
 * Every other claim runs the exact step only. This one ties the algorithm a practitioner runs (the
 * sampled step) to the step the claims are proved for, for any rule, built-in or a user's, by
 * nothing but the two steps' outputs: a sampled step twice too long, one that drifts, or one that
 * throws fails it. It does not constrain the exact step itself (`tmc check --like` compares that
 * with a built-in's).
 *
 * ## Hypotheses
 * None. The bound holds with probability `1 - 1e-6` per case (a false alarm is replayable and
 * would show at the same seed every time).
 *
 * ## Rests on
 * proofs/sampled-step-mean-converges-to-exact-step (the bound, and PPO's bias).
 */
import { builtinRules, zooRules } from '../src/methods/index.ts';
import type { UpdateRule } from '../src/methods/update-rule.ts';
import { registerLaw } from '../src/theorems/registry.ts';
import type { Law, Theorem } from '../src/theorems/theorem.ts';
import { checkSampledCase, sampledCases, type SampledCase } from '../proofs/laws/sampled-step-mean-converges-to-exact-step.ts';
import { isTreeFor } from '../src/hypotheses.ts';

/** Sampled steps per case: with 100 runs a rule takes 1 to 10 s (GRPO-KL the slowest). */
export const CONFORMANCE_DRAWS = 200;

export const conformance: Law<UpdateRule> = {
  claim: 'conformance',
  kind: 'update-rule',
  appliesTo: (rule) => Number.isFinite(rule.sampledBounds?.bias ?? 0),
  make: (rule): Theorem<SampledCase> => {
    return {
      id: `conformance/${rule.name}`,
      claim: 'conformance',
      statement:
        `|mean of ${CONFORMANCE_DRAWS} seeded sampled increments - exact increment| <= empirical-Bernstein radius (delta = 1e-6) ` +
        '+ declared bias, on every support logit',
      hypotheses: [],
      arbitrary: () => sampledCases(),
      property: (c) => checkSampledCase(rule, c, CONFORMANCE_DRAWS),
      numRuns: 25,
      classify: (c) => [c.logits === null ? 'base policy' : 'random policy', ...(isTreeFor(c.tmc, 0) ? [] : ['shared state'])],
      minShares: { 'random policy': 0.3 },
    };
  },
};

registerLaw(conformance, [...builtinRules(), ...zooRules()]);
