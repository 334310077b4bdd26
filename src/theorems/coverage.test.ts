/**
 * Coverage minimums of every registered theorem, on its generator alone: `theoremRuns(numRuns)`
 * cases (at least MIN_THEOREM_RUNS, as `tmc check` runs) drawn from `arbitrary()` and classified,
 * each class at least its `minShares`. The npm test battery runs fewer cases than that and leaves
 * coverage to this test (the property's cost is in the dynamics, not in drawing cases).
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { theoremRuns } from '../arbitraries/profile.ts';
import { loadProperties } from './registry.ts';
import { coverageShortfall, defaultSeed } from './run.ts';

const seed = defaultSeed();
const all = (await loadProperties()).filter((t) => t.minShares !== undefined && Object.keys(t.minShares).length > 0);

test.each(all.map((t) => [t.id, t] as const))(`%s: every interesting class meets its share (seed ${seed})`, (_, theorem) => {
  const n = theoremRuns(theorem.numRuns);
  const cases = fc.sample(theorem.arbitrary(), { numRuns: n, seed });
  const counts = new Map<string, number>();
  for (const c of cases) for (const label of theorem.classify?.(c) ?? []) counts.set(label, (counts.get(label) ?? 0) + 1);
  const shares = Object.fromEntries([...counts].map(([label, k]) => [label, k / n]));
  expect(coverageShortfall(theorem, shares), `${n} cases`).toEqual([]);
});
