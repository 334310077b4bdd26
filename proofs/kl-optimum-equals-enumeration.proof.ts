import fc from 'fast-check';
import { test } from 'vitest';
import { runs } from '../src/arbitraries/profile.ts';
import { klOptimum } from '../src/methods/kl-optimum.ts';
import { klOptimumEqualsEnumeration } from './laws/kl-optimum-equals-enumeration.ts';

test('on trees the KL optimum by a backward pass equals p(o) exp(rho/beta) summed over enumerated CoTs, edge by edge, for kernel and random base policies (H-tree)', () => {
  fc.assert(klOptimumEqualsEnumeration(klOptimum), { numRuns: runs(100) });
});
