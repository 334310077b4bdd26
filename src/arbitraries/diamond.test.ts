/** Contract of `diamondArbitrary`: same seed, same TMCs; valid; shared states (not a tree); a unique leader with a rho gap of 1/10. */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { taskCots } from '../exact/correctness.ts';
import { hasUniqueMaxRho, isTreeFor } from '../hypotheses.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import { diamondArbitrary } from './diamond.ts';
import { rhoGap } from './rho-gap.ts';

test('diamondArbitrary contract', () => {
  const tmcs = fc.sample(diamondArbitrary(), { seed: 2, numRuns: 100 });
  expect(fc.sample(diamondArbitrary(), { seed: 2, numRuns: 100 }).map((t) => t.spec)).toEqual(tmcs.map((t) => t.spec));
  for (const tmc of tmcs) {
    expect(tmcFromSpec(tmc.spec).spec).toEqual(tmc.spec);
    expect(isTreeFor(tmc, 0), String(tmc)).toBe(false);
    const tc = taskCots(tmc, 0);
    expect(tc.cots.length).toBe(4);
    expect(hasUniqueMaxRho(tc) && rhoGap(tc).gte(0.1), String(tmc)).toBe(true);
  }
});
