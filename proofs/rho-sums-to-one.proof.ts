import fc from 'fast-check';
import { test } from 'vitest';
import { runs } from '../src/arbitraries/profile.ts';
import { exactEngine } from './laws/engine.ts';
import { rhoSumsToOne } from './laws/rho-sums-to-one.ts';

test('rho_k is positive on V_k and sums to 1', () => {
  fc.assert(rhoSumsToOne(exactEngine), { numRuns: runs(100) });
});
