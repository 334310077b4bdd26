import fc from 'fast-check';
import { test } from 'vitest';
import { runs } from '../src/arbitraries/profile.ts';
import { exactEngine } from './laws/engine.ts';
import { valuesAgreeAcrossPrecision } from './laws/values-agree-across-precision.ts';

test('every exact quantity agrees to 35 digits between precision 40 and 80', () => {
  fc.assert(valuesAgreeAcrossPrecision(exactEngine), { numRuns: runs(40) });
});
