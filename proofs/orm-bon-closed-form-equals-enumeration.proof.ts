/**
 * ORM-BoN's closed form over the ranking, `P(o) = q(o)/m_c ((B_c + m_c)^N - B_c^N)`, equals the
 * distribution obtained by enumerating all `|draws|^N` sequences and returning the first draw with the
 * largest `rho` (ties decided exactly). Same for the paper's top-K-of-N procedure (`orm-bon-top-k`),
 * which is ORM-BoN at `K = 1` and base sampling at `K >= N`. The mutant returning the lowest score
 * fails the same comparison.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { denseTmcArbitrary } from '../src/arbitraries/dense.ts';
import { tmcArbitrary } from '../src/arbitraries/tmc.ts';
import { ormBon, ormBonTopK } from '../src/inference/orm-bon.ts';
import { ormBonLowest } from '../src/mutants/selectors.ts';
import { paperTmc } from '../src/paper/reference.ts';
import { firstDifference, ormBonByEnumeration, ormBonTopKByEnumeration } from './_internals/by-enumeration.ts';

const cases = fc.record({
  tmc: fc.oneof(tmcArbitrary({ maxLayers: 3, maxWidth: 2, tasks: 2 }), denseTmcArbitrary({ minLayers: 3, maxLayers: 3, maxWidth: 2, tasks: 2 })),
  n: fc.integer({ min: 1, max: 3 }),
  start: fc.constantFrom('task' as const, 'uniform' as const),
});

test.prop([cases], { numRuns: 25, seed: 41 })('orm-bon closed form equals enumeration of the N draws', ({ tmc, n, start }) => {
  expect(firstDifference(ormBon({ n, start }).distribution(tmc, 0), ormBonByEnumeration(tmc, 0, n, { start }))).toBeNull();
});

test.prop([cases, fc.integer({ min: 1, max: 4 })], { numRuns: 20, seed: 42 })(
  'orm-bon-top-k closed form equals enumeration of the N draws',
  ({ tmc, n, start }, keep) => {
    expect(firstDifference(ormBonTopK({ n, keep, start }).distribution(tmc, 0), ormBonTopKByEnumeration(tmc, 0, n, keep, { start }))).toBeNull();
  },
);

test('orm-bon on the paper TMC (tied hard CoTs) equals enumeration, N = 3', () => {
  const tmc = paperTmc();
  expect(firstDifference(ormBon({ n: 3 }).distribution(tmc, 0), ormBonByEnumeration(tmc, 0, 3))).toBeNull();
});

test('the check fails on the mutant returning the lowest score', () => {
  const failed = fc.check(
    fc.property(cases, ({ tmc, n }) => firstDifference(ormBonLowest(n).distribution(tmc, 0), ormBonByEnumeration(tmc, 0, n)) === null),
    { numRuns: 50, seed: 43 },
  ).failed;
  expect(failed).toBe(true);
  // ...while it matches the enumeration of its own rule.
  const tmc = paperTmc();
  expect(firstDifference(ormBonLowest(2).distribution(tmc, 0), ormBonByEnumeration(tmc, 0, 2, { lowest: true }))).toBeNull();
});
