import fc from 'fast-check';
import { expect, test } from 'vitest';
import { taskCots } from '../exact/correctness.ts';
import { hasUniqueMaxRho } from '../hypotheses.ts';
import { D, compareExact } from '../numeric.ts';
import { withNearTie } from './near-tie.ts';
import { rhoGap } from './rho-gap.ts';
import { tmcArbitrary } from './tmc.ts';

test('withNearTie turns a tie at the top into a gap in (0, 1/101] and leaves other TMCs alone', () => {
  let ties = 0;
  fc.assert(
    fc.property(tmcArbitrary({ tree: true, minLayers: 3, maxWeight: 1 }), (tmc) => {
      const before = taskCots(tmc, 0);
      const after = withNearTie(tmc);
      if (hasUniqueMaxRho(before)) return after === tmc;
      ties++;
      const gap = rhoGap(taskCots(after, 0));
      expect(gap.gt(0) && compareExact(gap, new D(1).div(101)) <= 0, `gap ${gap}`).toBe(true);
    }),
    { numRuns: 100, seed: 1 },
  );
  expect(ties).toBeGreaterThan(5);
});
