/** forkTreeArbitrary's contract: deterministic per seed, trees with a unique leader, and both regimes of PRM-BoN. */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { taskCots } from '../exact/correctness.ts';
import { hasUniqueMaxRho, isTree } from '../hypotheses.ts';
import { forksAlong, forkPrmMargin } from '../oracles/dprm-threshold.ts';
import { forkTreeArbitrary } from './fork-tree.ts';
import { leaderAndRunnerUp } from './rho-gap.ts';

test('same seed, same fork trees; each a tree with a unique leader', () => {
  const a = fc.sample(forkTreeArbitrary(), { seed: 7, numRuns: 50 });
  expect(a.map((t) => JSON.stringify(t.spec))).toEqual(fc.sample(forkTreeArbitrary(), { seed: 7, numRuns: 50 }).map((t) => JSON.stringify(t.spec)));
  for (const tmc of a) {
    expect(isTree(tmc)).toBe(true);
    expect(hasUniqueMaxRho(taskCots(tmc, 0))).toBe(true);
  }
});

test('PRM-BoN misses argmax rho on a good share of fork trees (141 in 300 at seed 2)', () => {
  const misses = fc.sample(forkTreeArbitrary(), { seed: 2, numRuns: 300 }).filter((tmc) => {
    const tc = taskCots(tmc, 0);
    return forksAlong(tmc, tc, leaderAndRunnerUp(tc).leader.path).some((f) => forkPrmMargin(f) < 0);
  });
  expect(misses.length).toBe(141);
});
