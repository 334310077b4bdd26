import fc from 'fast-check';
import { test } from 'vitest';
import { runs } from '../src/arbitraries/profile.ts';
import { exactEngine } from './laws/engine.ts';
import { rhoEqualsPOverPValid } from './laws/rho-equals-p-over-p-valid.ts';

test('rho_k(o) = p(o) / p(V_k) on exactly the paths from s_k to t_k, by path recursion', () => {
  fc.assert(rhoEqualsPOverPValid(exactEngine), { numRuns: runs(100) });
});
