import fc from 'fast-check';
import { expect, test } from 'vitest';
import { runs } from '../src/arbitraries/profile.ts';
import { ppo } from '../src/methods/ppo.ts';
import { ppoStepAscendsClippedSurrogate } from './laws/ppo-step-ascends-clipped-surrogate.ts';

test("each of PPO's inner steps is eta times the gradient of the clipped surrogate, which is flat where clipping binds", () => {
  let clipped = 0;
  let total = 0;
  fc.assert(
    ppoStepAscendsClippedSurrogate(ppo, (c) => {
      total++;
      clipped += c ? 1 : 0;
    }),
    { numRuns: runs(30) },
  );
  // Clipping binds in about 43% of the cases (the first inner step has r = 1 and never clips); 30
  // runs fall to 10% with probability < 1e-4.
  expect(clipped / total).toBeGreaterThan(0.1);
});
