import fc from 'fast-check';
import { test } from 'vitest';
import { runs } from '../src/arbitraries/profile.ts';
import { exactEngine } from './laws/engine.ts';
import { policyGradientEqualsFiniteDifference } from './laws/policy-gradient-equals-finite-difference.ts';

test('dJ/dtheta from the passes equals a central finite difference at 80 digits (h = 1e-20)', () => {
  fc.assert(policyGradientEqualsFiniteDifference(exactEngine), { numRuns: runs(30) });
});
