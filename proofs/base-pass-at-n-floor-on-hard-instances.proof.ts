/**
 * The corollary behind orm-bon-consistency's base floor (properties/orm-bon-consistency.prop.ts,
 * clause 3): base pass@N on the hard instances is at least `1 - (1 - q_min)^N`
 * (proofs/laws/base-pass-at-n-floor-on-hard-instances.ts; its sentinel, one draw too many, in
 * src/mutants/proof-step-sentinels.test.ts).
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { runs } from '../src/arbitraries/profile.ts';
import { atLeastOneHardDraw, basePassAtNFloorOnHardInstances } from './laws/base-pass-at-n-floor-on-hard-instances.ts';

test('base pass@N on hard instances >= 1 - (1 - q_min)^N', () => {
  let said = 0;
  fc.assert(basePassAtNFloorOnHardInstances(atLeastOneHardDraw, () => said++), { numRuns: runs(100), seed: 1 });
  // Most cases have hard instances, where the bound says something.
  expect(said).toBeGreaterThanOrEqual(50);
});
