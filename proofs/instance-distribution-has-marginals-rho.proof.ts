import fc from 'fast-check';
import { test } from 'vitest';
import { runs } from '../src/arbitraries/profile.ts';
import { exactEngine } from './laws/engine.ts';
import { instanceDistributionHasMarginalsRho } from './laws/instance-distribution-has-marginals-rho.ts';

test('the 2^|V_k| instances have total probability 1 and P(o in C_Q) = rho_k(o)', () => {
  fc.assert(instanceDistributionHasMarginalsRho(exactEngine), { numRuns: runs(100) });
});
