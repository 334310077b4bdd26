import fc from 'fast-check';
import { test } from 'vitest';
import { runs } from '../src/arbitraries/profile.ts';
import { exactEngine } from './laws/engine.ts';
import { passAtKAgreesWithSampling } from './laws/pass-at-k-agrees-with-sampling.ts';

test('exact pass@K (all and hard instances) is within 5 sigma of a seeded sampled estimate', () => {
  fc.assert(passAtKAgreesWithSampling(exactEngine), { numRuns: runs(30) });
});
