import fc from 'fast-check';
import { test } from 'vitest';
import { runs } from '../src/arbitraries/profile.ts';
import { klOptimum } from '../src/methods/kl-optimum.ts';
import { klOptimumMaximizesRegularizedObjective } from './laws/kl-optimum-maximizes-regularized-objective.ts';

test('on tree TMCs pi* ∝ p exp(rho/beta) maximizes J - beta KL(pi || p): value, first-order condition, random competitors (H-tree)', () => {
  fc.assert(klOptimumMaximizesRegularizedObjective(klOptimum), { numRuns: runs(40) });
});
