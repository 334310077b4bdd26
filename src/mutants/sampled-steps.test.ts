/**
 * The conformance law (properties/conformance.prop.ts) fails on every sentinel sampled step
 * (src/mutants/sampled-steps.ts) with a fixed seed, and fast-check shrinks the failure to the small
 * case written here (a larger one is a regression of the shrinker or the law).
 */
import { expect, test } from 'vitest';
import { conformance } from '../../properties/conformance.prop.ts';
import { gibbs } from '../methods/gibbs-step.ts';
import { grpo } from '../methods/grpo.ts';
import { reinforce } from '../methods/reinforce.ts';
import type { UpdateRule } from '../methods/update-rule.ts';
import { runTheorem } from '../theorems/run.ts';
import type { Tmc } from '../tmc.ts';
import { doubledSampledStep, doubledWithinDeclaredRange, sampledStepWithoutLogits, throwingSampledStep } from './sampled-steps.ts';

const SEED = 1;

interface Sentinel {
  readonly title: string;
  readonly mutant: UpdateRule;
  /** The shrunk case: kernels and policy logits (quarter units, `null`: the base policy). */
  readonly kernels: readonly (readonly (readonly string[])[])[];
  readonly logits: unknown;
  readonly error: RegExp;
}

const sentinels: Sentinel[] = [
  { title: 'GRPO, sampled step doubled, no declared range', mutant: doubledSampledStep(grpo()), kernels: [[['1/2', '1/2']]], logits: null, error: /^logit 0\/0\/0: mean of 200 sampled increments 0.925184, exact 0.463914, gap 0.4613 > bound 0.2363/ },
  { title: 'Gibbs step, sampled step doubled', mutant: doubledSampledStep(gibbs()), kernels: [[['1']]], logits: [[[-1]]], error: /mean of 200 sampled increments 0.500000, exact 0.250000/ },
  { title: 'REINFORCE, sampled step doubled, declared range kept', mutant: doubledWithinDeclaredRange(reinforce()), kernels: [[['1/2', '1/2']]], logits: [[[0, -1]]], error: /span 1.12435 on one logit, more than the declared range 1/ },
  { title: 'REINFORCE, sampled step without logits', mutant: sampledStepWithoutLogits(reinforce()), kernels: [[['1']]], logits: null, error: /^reinforce.sampledStep returned no finite logit at 0\/0\/0$/ },
  { title: 'REINFORCE, sampled step throws', mutant: throwingSampledStep(reinforce()), kernels: [[['1']]], logits: null, error: /sampled step not implemented/ },
];

test.each(sentinels)('conformance fails on $title', ({ mutant, kernels, logits, error }) => {
  const r = runTheorem(conformance.make(mutant), { seed: SEED });
  expect(r.status).toBe('failed');
  const c = r.counterexample as { tmc: Tmc; logits: unknown };
  expect({ kernels: c.tmc.spec.kernels, logits: c.logits }).toEqual({ kernels, logits });
  expect(r.error).toMatch(error);
});
