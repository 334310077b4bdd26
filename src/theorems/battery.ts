/**
 * The theorem battery as vitest tests: every registered theorem, one test each. The battery is split
 * in shards (one test file each) so vitest runs them on separate cores.
 */
import { expect, test } from 'vitest';
import { loadProperties } from './registry.ts';
import { formatFailure, runTheorem } from './run.ts';

export const BATTERY_SHARDS = 2;

/** Define a vitest test for each theorem whose index is `shard` modulo `BATTERY_SHARDS`. */
export async function defineBattery(shard: number): Promise<void> {
  const all = await loadProperties();
  all
    .filter((_, i) => i % BATTERY_SHARDS === shard)
    .forEach((theorem) =>
      test(theorem.id, () => {
        const result = runTheorem(theorem);
        if (result.status === 'failed') expect.fail(formatFailure(result));
      }),
    );
}
