import fc from 'fast-check';
import { test } from 'vitest';
import { runs } from '../src/arbitraries/profile.ts';
import { exactEngine } from './laws/engine.ts';
import {
  instanceMomentsEqualInstanceEnumeration,
  instanceMomentsEqualPowerBasisBeyondEnumeration,
} from './laws/instance-moments-equal-instance-enumeration.ts';

test('moment recursions give the instance weights E[R_Q(o) B(c_Q)], E[B(c_Q)] and E[B(c_Q) | Q hard] of instance enumeration, Bernstein degree 0-12, mixed signs', () => {
  fc.assert(instanceMomentsEqualInstanceEnumeration(exactEngine), { numRuns: runs(100) });
});

test('beyond enumeration (17-40 valid CoTs) the recursions equal power moments recomputed per CoT at twice the precision', () => {
  fc.assert(instanceMomentsEqualPowerBasisBeyondEnumeration(exactEngine), { numRuns: runs(30) });
});
