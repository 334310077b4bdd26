import fc from 'fast-check';
import { test } from 'vitest';
import { runs } from '../src/arbitraries/profile.ts';
import { gibbsStep } from '../src/methods/gibbs-step.ts';
import { gibbsStepMaximizesPerStateObjective } from './laws/gibbs-step-maximizes-per-state-objective.ts';

test("the Gibbs step p exp(A/beta)/Z maximizes sum_v pi'(v|u) A(u,v) - beta KL(pi'(.|u) || p(.|u)) at every state", () => {
  fc.assert(gibbsStepMaximizesPerStateObjective(gibbsStep), { numRuns: runs(40) });
});
