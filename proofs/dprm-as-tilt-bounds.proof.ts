/**
 * The corollaries of dprm-as-exactness clause 1 (properties/dprm-as-exactness.prop.ts), on the closed
 * form `pi = p exp(lambda rho) / Z`: a selector that clause 1 accepts has this `pi` (up to the working
 * precision), so these hold for it without reading it: `pi` maximizes `E[rho] - KL/lambda`, the floor
 * `p exp(-lambda (rho* - rho))`, `|pi - p|_1 <= e^(lambda rho*) - 1`, and the mass off `M`
 * (proofs/laws/dprm-as-tilt-bounds.ts; a sentinel per clause in src/mutants/proof-step-sentinels.test.ts).
 */
import fc from 'fast-check';
import { test } from 'vitest';
import { runs } from '../src/arbitraries/profile.ts';
import { dprmAsTiltBounds } from './laws/dprm-as-tilt-bounds.ts';

test('the exact tilt maximizes F and obeys the floor, the L1 bound and the off-M bound', () => {
  fc.assert(dprmAsTiltBounds(), { numRuns: runs(100), seed: 1 });
});
