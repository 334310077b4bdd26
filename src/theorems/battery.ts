/**
 * The theorem battery as vitest tests: every registered theorem, one test each. The battery is split
 * in shards (one test file each) so vitest runs them on separate cores; `vitest --shard=i/n` splits
 * the files further across machines. Runs and sizes follow the profile (`TMC_RUNS`,
 * `TMC_MAX_LAYERS`, `TMC_MAX_WIDTH`); a deep profile lifts the per-test time limit.
 */
import { expect, test } from 'vitest';
import { runs, sizeProfile } from '../arbitraries/profile.ts';
import { loadProperties } from './registry.ts';
import { formatFailure, runTheorem } from './run.ts';

export const BATTERY_SHARDS = 4;

/** True when any of `TMC_RUNS`, `TMC_MAX_LAYERS`, `TMC_MAX_WIDTH` is set. */
function deepProfile(): boolean {
  return ['TMC_RUNS', 'TMC_MAX_LAYERS', 'TMC_MAX_WIDTH'].some((v) => (process.env[v] ?? '') !== '');
}

/** Define a vitest test for each theorem whose index is `shard` modulo `BATTERY_SHARDS`. */
export async function defineBattery(shard: number): Promise<void> {
  const all = await loadProperties();
  sizeProfile(); // a malformed TMC_* variable fails here, once, with its message
  const timeout = deepProfile() ? 0 : undefined; // 0: no limit
  const mine = all.filter((_, i) => i % BATTERY_SHARDS === shard);
  if (mine.length === 0) test.skip(`no theorem in battery shard ${shard}`, () => undefined);
  mine.forEach((theorem) =>
    test(
      theorem.id,
      () => {
        // The theorem's own count (times TMC_RUNS), not tmc check's floor of MIN_THEOREM_RUNS: at 100
        // cases the 95 theorems cost ~400 s of CPU, past the 3-minute budget of npm test. The coverage
        // minimums need 100 cases: coverage.test.ts checks them on the generators alone.
        const result = runTheorem(theorem, { runs: runs(theorem.numRuns), skipCoverage: true });
        if (result.status === 'failed') expect.fail(formatFailure(result));
      },
      timeout,
    ),
  );
}
