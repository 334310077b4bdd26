import fc from 'fast-check';
import { test } from 'vitest';
import { runs } from '../src/arbitraries/profile.ts';
import { reinforce } from '../src/methods/reinforce.ts';
import { reinforceStepEqualsEnumeratedWeightedScore } from './laws/reinforce-step-equals-enumerated-weighted-score.ts';

test('REINFORCE exact step (layer passes) = eta sum_{o in V} pi(o) rho(o) grad log pi(o) over enumerated CoTs, base and random policies, eta 1 and 3', () => {
  fc.assert(reinforceStepEqualsEnumeratedWeightedScore(reinforce()), { numRuns: runs(50) });
  fc.assert(reinforceStepEqualsEnumeratedWeightedScore(reinforce({ eta: 3 })), { numRuns: runs(20) });
});
