/**
 * Each selector's exact output distribution agrees with its seeded sampler (the selector run as a
 * practitioner runs it): over `M` runs every CoT's count is within 5 standard deviations of `M P(o)`,
 * and no run returns a CoT of exact probability 0. Fixed seeds, so the check replays bit for bit.
 * A sampler compared with a mutant's exact distribution fails.
 */
import { expect, test } from 'vitest';
import { dprmAs, dprmAsWithoutBase, dprmBon, ormBon, ormBonTopK, prmBon, softBon, softBonDistinct, type Selector } from '../src/inference/index.ts';
import { ormBonLowest } from '../src/mutants/selectors.ts';
import { paperTmc } from '../src/paper/reference.ts';
import { makeRng } from '../src/sampling.ts';
import { tmcFromSpec } from '../src/tmc-file.ts';
import type { Tmc } from '../src/tmc.ts';
import type { SelectedCot } from '../src/inference/selector.ts';

const RUNS = 1500;

/** Children 0 and 1 of the start tie in R_prm and R_dprm; child 2 is worse. */
const TIES = tmcFromSpec({
  kernels: [[['1/3', '1/3', '1/3']], [['1/2', '1/2'], ['1/2', '1/2'], ['1/4', '3/4']]],
  tasks: [{ name: 't', start: 0, target: 0 }],
});

/** The first CoT whose sampled count is off by more than 5 sigma, or that has probability 0. */
function fiveSigmaFailure(exact: readonly SelectedCot[], sample: () => number[], runs = RUNS): string | null {
  const counts = new Map<string, number>();
  for (let i = 0; i < runs; i++) {
    const key = sample().join('-');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const key of counts.keys()) if (!exact.some((c) => c.path.join('-') === key)) return `sampled ${key}, which has exact probability 0`;
  for (const c of exact) {
    const p = c.prob.toNumber();
    const n = counts.get(c.path.join('-')) ?? 0;
    const sigma = Math.sqrt(runs * p * (1 - p));
    if (Math.abs(n - runs * p) > 5 * sigma + 1) return `${c.path.join('-')}: ${n} of ${runs} runs, exact ${p} (5 sigma = ${(5 * sigma).toFixed(1)})`;
  }
  return null;
}

const cases: [string, Selector, Tmc, number][] = [
  ['orm-bon N=4 uniform start', ormBon({ n: 4, start: 'uniform' }), paperTmc(), 0],
  ['orm-bon-top-k N=4 keep 2', ormBonTopK({ n: 4, keep: 2 }), paperTmc(), 1],
  ['soft-bon N=4 lambda=3 uniform start', softBon({ n: 4, lambda: 3, start: 'uniform' }), paperTmc(), 0],
  ['soft-bon-distinct N=5 lambda=2', softBonDistinct({ n: 5, lambda: 2, start: 'uniform' }), paperTmc(), 0],
  ['prm-bon with a tie', prmBon(), TIES, 0],
  ['dprm-bon with a tie', dprmBon({ lambda: 2 }), TIES, 0],
  ['dprm-as lambda=3 (shared states)', dprmAs({ lambda: 3 }), paperTmc(), 0],
  ['dprm-as-without-base lambda=0.5', dprmAsWithoutBase({ lambda: 0.5 }), paperTmc(), 1],
];

test.each(cases)('%s: exact distribution within 5 sigma of the seeded sampler', (_, selector, tmc, k) => {
  const rng = makeRng(`sampler-${selector.name}`);
  expect(fiveSigmaFailure(selector.distribution(tmc, k), () => selector.sample(tmc, k, rng))).toBeNull();
});

test('the check fails against the exact distributions of mutants', () => {
  const tmc = paperTmc();
  const rng = makeRng('sampler-mutants');
  expect(fiveSigmaFailure(ormBonLowest(4).distribution(tmc, 0), () => ormBon({ n: 4 }).sample(tmc, 0, rng), 300)).not.toBeNull();
  expect(fiveSigmaFailure(dprmAsWithoutBase({ lambda: 3 }).distribution(tmc, 0), () => dprmAs({ lambda: 3 }).sample(tmc, 0, rng), 300)).not.toBeNull();
});
