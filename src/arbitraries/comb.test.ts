/**
 * Contract of `combArbitrary`: same seed, same TMCs; every TMC valid; a tree whose spine is the unique
 * most consistent CoT with `rho(o) <= 3/4 rho*` for the others; every other CoT leaves the spine once
 * and has no choice after (out-degree <= 2 on the spine); at least one valid one does; shrinking
 * reaches the two-CoT bandit `2/3, 1/3`.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { singleDepartures } from '../../properties/squeezing-rate.prop.ts';
import { taskCots } from '../exact/correctness.ts';
import { enumeratePaths } from '../exact/paths.ts';
import { isTreeFor } from '../hypotheses.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import type { Tmc } from '../tmc.ts';
import { combArbitrary } from './comb.ts';

test('combArbitrary contract', () => {
  const arb = combArbitrary();
  const tmcs = fc.sample(arb, { seed: 4, numRuns: 200 });
  expect(fc.sample(arb, { seed: 4, numRuns: 200 }).map((t) => t.spec)).toEqual(tmcs.map((t) => t.spec));
  for (const tmc of tmcs) {
    expect(tmcFromSpec(tmc.spec).spec).toEqual(tmc.spec);
    expect(isTreeFor(tmc, 0), String(tmc)).toBe(true);
    const tc = taskCots(tmc, 0);
    const spine = tc.cots.find((c) => c.path.every((x) => x === 0))!;
    for (const c of tc.cots) if (c !== spine) expect(c.rho.times(4).lte(spine.rho.times(3).plus('1e-30')), String(tmc)).toBe(true); // equality at 3/4, up to rounding
    const departures = singleDepartures(tmc, tc);
    expect(departures.length, String(tmc)).toBe(enumeratePaths(tmc.kernels, 0).length - 1);
    expect(departures.every((d) => d.degree === 2)).toBe(true);
    expect(departures.some((d) => d.valid), String(tmc)).toBe(true);
  }
  const r = fc.check(fc.property(arb, (t) => t.layers < 3), { seed: 3 });
  expect((r.counterexample?.[0] as Tmc).spec.kernels).toEqual([[['2/3', '1/3']], [['1'], ['1']]]); // the spine raised to meet the 3/4 gap
});

test('combArbitrary({ easySpine }): the spine is the easy CoT and every other valid CoT is hard', () => {
  for (const tmc of fc.sample(combArbitrary({ easySpine: true }), { seed: 5, numRuns: 100 })) {
    for (const c of taskCots(tmc, 0).cots) expect(c.kind, `${c.path.join('-')} in\n${tmc}`).toBe(c.path.every((x) => x === 0) ? 'easy' : 'hard');
  }
});

test('combArbitrary({ twoValid }): about half the 4-layer combs have valid detours at both first spine states', () => {
  const fourLayers = fc.sample(combArbitrary({ easySpine: true, minLayers: 4, twoValid: true }), { seed: 6, numRuns: 100 });
  const both = fourLayers.filter((tmc) => {
    const layers = singleDepartures(tmc, taskCots(tmc, 0)).filter((d) => d.valid).map((d) => d.layer);
    return layers.includes(0) && layers.includes(1);
  });
  expect(both.length).toBeGreaterThan(40);
  expect(fc.sample(combArbitrary(), { seed: 6, numRuns: 20 }).map((t) => t.spec)).toEqual(fc.sample(combArbitrary({ twoValid: false }), { seed: 6, numRuns: 20 }).map((t) => t.spec));
});
