import fc from 'fast-check';
import { describe, test } from 'vitest';
import { runs } from '../src/arbitraries/profile.ts';
import { builtinRules } from '../src/methods/index.ts';
import { ppo } from '../src/methods/ppo.ts';
import { DRAWS, sampledStepMeanConvergesToExactStep } from './laws/sampled-step-mean-converges-to-exact-step.ts';

/** Fixed, so the sampled means (and any failure) replay exactly. */
const SEED = 20251107;

// PPO at a step small enough for its bias bound (no ratio can leave the clip range), small batches.
const rules = builtinRules().map((r) => (r.name === 'ppo' ? ppo({ eta: 0.05, epochs: 2, batch: 2 }) : r));

describe(`the mean of ${DRAWS} seeded sampled steps is within an empirical-Bernstein radius (+ PPO's declared bias) of the exact step`, () => {
  for (const rule of rules) {
    test(`${rule.name} ${JSON.stringify(rule.params)}`, () => {
      fc.assert(sampledStepMeanConvergesToExactStep(rule), { numRuns: runs(4), seed: SEED });
    });
  }
});
