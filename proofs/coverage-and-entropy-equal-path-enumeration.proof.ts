import fc from 'fast-check';
import { test } from 'vitest';
import { runs } from '../src/arbitraries/profile.ts';
import { exactEngine } from './laws/engine.ts';
import { coverageAndEntropyEqualPathEnumeration } from './laws/coverage-and-entropy-equal-path-enumeration.ts';

test('coverage (task and uniform start) and CoT entropy from passes equal path enumeration', () => {
  fc.assert(coverageAndEntropyEqualPathEnumeration(exactEngine), { numRuns: runs(100) });
});
