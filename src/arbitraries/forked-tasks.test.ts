/**
 * Contract of `forkedTasksArbitrary`: same seed, same TMCs; every TMC valid; each variant meets the
 * hypotheses it keeps and breaks the one it is named for; shrinking reaches the smallest fork.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { tmcFromSpec } from '../tmc-file.ts';
import type { Tmc } from '../tmc.ts';
import { disjointContinuations, forkedTasksArbitrary, sharedValidStates, twoWayForks, type ForkVariant } from './forked-tasks.ts';

const SAMPLES = 100;

/** The hypotheses each variant must meet (true) or break (false); undefined: either. */
const contracts: { variant: ForkVariant; shared: boolean; disjoint: boolean; twoWay?: boolean; minimal: string[][][] }[] = [
  { variant: 'fork', shared: true, disjoint: true, twoWay: true, minimal: [[['1/2', '1/2'], ['0', '1']]] },
  { variant: 'third-edge', shared: true, disjoint: true, twoWay: false, minimal: [[['1/3', '1/3', '1/3'], ['0', '1', '0']]] },
  { variant: 'shared-continuation', shared: true, disjoint: false, minimal: [[['1/2', '1/2'], ['0', '1']]] },
  { variant: 'no-crossing', shared: false, disjoint: true, twoWay: true, minimal: [[['1/2', '1/2'], ['0', '1']]] },
];

describe('forkedTasksArbitrary contract', () => {
  test.each(contracts)('$variant', ({ variant, shared, disjoint, twoWay, minimal }) => {
    const arb = forkedTasksArbitrary({ variant });
    const tmcs = fc.sample(arb, { seed: 5, numRuns: SAMPLES });
    expect(fc.sample(arb, { seed: 5, numRuns: SAMPLES }).map((t) => t.spec)).toEqual(tmcs.map((t) => t.spec));
    for (const tmc of tmcs) {
      expect(tmcFromSpec(tmc.spec).spec).toEqual(tmc.spec);
      expect(tmc.tasks.length).toBe(2);
      expect(sharedValidStates(tmc).length > 0, String(tmc)).toBe(shared);
      expect(disjointContinuations(tmc), String(tmc)).toBe(disjoint);
      if (twoWay !== undefined) expect(twoWayForks(tmc), String(tmc)).toBe(twoWay);
    }
    expect(new Set(tmcs.map((t) => JSON.stringify(t.spec))).size).toBeGreaterThan(SAMPLES / 4);
    const r = fc.check(fc.property(arb, (t) => t.layers < 2), { seed: 3 });
    expect((r.counterexample?.[0] as Tmc).spec.kernels).toEqual(minimal);
  });
});
