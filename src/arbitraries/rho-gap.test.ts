/**
 * Contract of `withRhoGap` and `withSecondValidCot` composed with `tmcArbitrary`: same seed, same
 * TMCs; every TMC valid; H-gap and H-unique-max hold; trees stay trees; a second valid CoT appears
 * whenever the task reaches two next-to-last states; shrinking reaches the smallest such TMC.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { taskCots } from '../exact/correctness.ts';
import { edge, forwardPass } from '../exact/values.ts';
import { hasUniqueMaxRho, isTreeFor } from '../hypotheses.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import type { Tmc } from '../tmc.ts';
import { rhoGap, withRhoGap } from './rho-gap.ts';
import { withSecondValidCot } from './second-cot.ts';
import { tmcArbitrary } from './tmc.ts';

const SAMPLES = 100;
const GAP = 1 / 10;

describe('withRhoGap and withSecondValidCot contract', () => {
  const minimal = { tree: [[['1']], [['1/3', '2/3']]], dag: [[['1/3', '2/3']], [['1'], ['1']]] };
  test.each([{ tree: true }, { tree: false }])('tree: $tree', ({ tree }) => {
    const arb = tmcArbitrary({ tree, uniqueMax: true, hardValid: true, minLayers: 3 }).map((t) => withRhoGap(withSecondValidCot(t), GAP));
    const tmcs = fc.sample(arb, { seed: 9, numRuns: SAMPLES });
    expect(fc.sample(arb, { seed: 9, numRuns: SAMPLES }).map((t) => t.spec)).toEqual(tmcs.map((t) => t.spec));
    for (const tmc of tmcs) {
      expect(tmcFromSpec(tmc.spec).spec).toEqual(tmc.spec);
      const tc = taskCots(tmc, 0);
      expect(rhoGap(tc).gte(GAP), String(tmc)).toBe(true);
      expect(hasUniqueMaxRho(tc), String(tmc)).toBe(true);
      if (tree) expect(isTreeFor(tmc, 0), String(tmc)).toBe(true);
      const penultimate = forwardPass(tmc, tmc.tasks[0].start, edge(tmc.kernels))[tmc.layers - 2].filter((m) => m.gt(0)).length;
      if (penultimate >= 2) expect(tc.cots.length, String(tmc)).toBeGreaterThanOrEqual(2);
    }
    const r = fc.check(fc.property(arb, (t) => t.layers < 3), { seed: 3 });
    expect((r.counterexample?.[0] as Tmc).spec.kernels).toEqual(tree ? minimal.tree : minimal.dag);
  });
});
