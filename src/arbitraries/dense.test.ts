/**
 * Contract of the generators src/arbitraries/dense.ts and easy-max.ts: the same seed gives the same
 * TMC, every TMC is valid (it went through `tmcFromSpec`), and the property each is named for holds.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { taskCots } from '../exact/correctness.ts';
import { hasUniqueMaxRho, isTreeFor } from '../hypotheses.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import { denseTmcArbitrary } from './dense.ts';
import { easyMaxArbitrary, hasEasyMaxCot, withTiedEasyMax } from './easy-max.ts';
import { tmcArbitrary } from './tmc.ts';

const dense = denseTmcArbitrary({ minLayers: 3, maxLayers: 4, maxWidth: 3, tasks: 2 });

test('dense: same seed, same TMCs; every TMC valid; internal layers have two states or more', () => {
  const a = fc.sample(dense, { numRuns: 60, seed: 7 });
  const b = fc.sample(dense, { numRuns: 60, seed: 7 });
  expect(a.map((t) => JSON.stringify(t.spec))).toEqual(b.map((t) => JSON.stringify(t.spec)));
  for (const t of a) {
    expect(() => tmcFromSpec(t.spec)).not.toThrow();
    expect(t.widths.every((w) => w >= 2)).toBe(true);
  }
  // Dense means shared states and several valid CoTs, most of the time.
  const fourLayers = a.filter((t) => t.layers === 4);
  expect(fourLayers.filter((t) => !isTreeFor(t, 0)).length).toBeGreaterThan(fourLayers.length / 2);
  expect(a.filter((t) => taskCots(t, 0).cots.length >= 2).length).toBeGreaterThan(a.length / 2);
});

test('easy-max: task 1 has a unique largest-rho valid CoT, it is easy, every other valid CoT is hard', () => {
  const arb = easyMaxArbitrary(fc.oneof(dense, tmcArbitrary({ maxLayers: 4, maxWidth: 3 })));
  const a = fc.sample(arb, { numRuns: 80, seed: 8 });
  expect(a.map((t) => JSON.stringify(t.spec))).toEqual(fc.sample(arb, { numRuns: 80, seed: 8 }).map((t) => JSON.stringify(t.spec)));
  for (const t of a) {
    const tc = taskCots(t, 0);
    expect(hasUniqueMaxRho(tc)).toBe(true);
    expect(hasEasyMaxCot(t, 0)).toBe(true);
    expect(tc.cots.filter((c) => c.kind === 'easy')).toHaveLength(1);
  }
});

test('withTiedEasyMax: unchanged, or two or more valid CoTs tie at the top and all of them are easy (H-easy-max); most cases tie', () => {
  const arb = easyMaxArbitrary(fc.oneof(denseTmcArbitrary({ minLayers: 3, maxLayers: 4, maxWidth: 3 }), tmcArbitrary({ maxLayers: 4, maxWidth: 3 })));
  const a = fc.sample(arb, { numRuns: 80, seed: 9 });
  let tied = 0;
  for (const t of a) {
    const u = withTiedEasyMax(t);
    expect(hasEasyMaxCot(u, 0), String(u)).toBe(true);
    if (u === t) continue;
    tied++;
    expect(hasUniqueMaxRho(taskCots(u, 0)), String(u)).toBe(false);
  }
  expect(tied).toBeGreaterThan(a.length / 2);
});
