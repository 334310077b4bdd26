/**
 * The contract every option of `tmcArbitrary` must keep: the same seed gives the same TMCs, every
 * TMC is valid and within its size bounds, the hypothesis the option names holds (checked with the
 * exact predicates of src/hypotheses.ts), and shrinking reaches the smallest TMC the options allow.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { taskCots } from '../exact/correctness.ts';
import { easyHardMargin, hasHardValidCot, hasUniqueMaxRho, isTree, sharedStates } from '../hypotheses.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import type { Tmc } from '../tmc.ts';
import { sizeProfile } from './profile.ts';
import { tmcArbitrary, type TmcArbitraryOptions } from './tmc.ts';

const SAMPLES = 100;

interface Contract {
  readonly options: TmcArbitraryOptions;
  /** `kernels` of the TMC a property failing on every TMC shrinks to. */
  readonly minimal: string[][][];
}

const oneEdge = [[['1']]];
const contracts: Contract[] = [
  { options: {}, minimal: oneEdge },
  { options: { tree: true }, minimal: oneEdge },
  { options: { uniqueMax: true }, minimal: oneEdge },
  { options: { hardValid: true }, minimal: [[['1/3', '2/3']]] },
  { options: { margin: 3 }, minimal: oneEdge },
  { options: { tasks: 2, shared: true }, minimal: oneEdge },
  { options: { tasks: 2, tree: true }, minimal: [[['1'], ['1']]] },
  { options: { tree: true, uniqueMax: true, hardValid: true, margin: 3 }, minimal: [[['1/4', '3/4']]] },
  { options: { tasks: 2, shared: true, uniqueMax: true, hardValid: true, margin: 2 }, minimal: [[['1/3', '2/3']]] },
  { options: { minLayers: 3, maxLayers: 5, maxWidth: 4, maxWeight: 9 }, minimal: [[['1']], [['1']]] },
  { options: { maxWidth: 1 }, minimal: oneEdge },
];

/** Every hypothesis the options impose, as exact predicates; the names of those that fail. */
function brokenHypotheses(tmc: Tmc, o: TmcArbitraryOptions): string[] {
  const tc = taskCots(tmc, 0);
  const holds: Record<string, boolean> = {
    tree: !o.tree || isTree(tmc),
    uniqueMax: !o.uniqueMax || hasUniqueMaxRho(tc),
    hardValid: !o.hardValid || hasHardValidCot(tc),
    margin: o.margin === undefined || easyHardMargin(tmc).gte(o.margin),
    shared: !o.shared || sharedStates(tmc, 0, 1).length > 0,
    tasks: tmc.tasks.length === (o.tasks ?? 1),
  };
  return Object.keys(holds).filter((h) => !holds[h]);
}

describe('tmcArbitrary contract', () => {
  test.each(contracts)('$options', ({ options, minimal }) => {
    const arb = tmcArbitrary(options);
    const tmcs = fc.sample(arb, { seed: 11, numRuns: SAMPLES });
    // Same seed, same TMCs.
    expect(fc.sample(arb, { seed: 11, numRuns: SAMPLES }).map((t) => t.spec)).toEqual(tmcs.map((t) => t.spec));
    const profile = sizeProfile();
    const maxWidth = Math.max(options.maxWidth ?? profile.maxWidth, 2);
    for (const tmc of tmcs) {
      // Valid: the spec reads back to the same TMC, within the size bounds.
      expect(tmcFromSpec(tmc.spec).spec).toEqual(tmc.spec);
      expect(tmc.layers).toBeGreaterThanOrEqual(options.minLayers ?? 2);
      expect(tmc.layers).toBeLessThanOrEqual(options.maxLayers ?? profile.maxLayers);
      expect(Math.max(...tmc.widths)).toBeLessThanOrEqual(maxWidth);
      expect(brokenHypotheses(tmc, options), String(tmc)).toEqual([]);
    }
    // Varied: not all samples alike (width-1 chains of 2 to 4 layers are only 3 TMCs).
    expect(new Set(tmcs.map((t) => JSON.stringify(t.spec))).size).toBeGreaterThan(options.maxWidth === 1 ? 2 : SAMPLES / 4);
    // Shrinking: a property failing on every TMC shrinks to the smallest TMC the options allow.
    const r = fc.check(fc.property(arb, (t) => t.layers < 2), { seed: 3 });
    expect((r.counterexample?.[0] as Tmc).spec.kernels).toEqual(minimal);
  });
});
