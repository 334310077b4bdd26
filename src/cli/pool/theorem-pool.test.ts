/**
 * The pool changes where theorems run, not what they find: for a seed, `tmc check` on the pool
 * gives each theorem the status, runs, path, counterexample, error and shares of a serial
 * in-process `runTheorem`, whatever the number of workers; and `--json --no-timing` is
 * byte-identical between runs.
 */
import { describe, expect, test } from 'vitest';
import { loadProperties } from '../../theorems/registry.ts';
import { runTheorem } from '../../theorems/run.ts';
import { resultJson, runCheck, type CheckOptions } from '../commands/check.ts';
import { runNecessity } from '../commands/necessity.ts';

const PROPS = 'src/theorems/_fixtures';

async function checkJson(opts: CheckOptions): Promise<string> {
  let out = '';
  await runCheck({ json: true, timing: false, ...opts }, { out: (t) => (out += t) });
  return out;
}

/** The serial reference: each theorem run in this process, as `tmc check --json --no-timing` records it. */
async function serial(ids: readonly string[], seed: number, runs?: number, properties?: string) {
  const all = await loadProperties(properties);
  return ids.map((id) => {
    const theorem = all.find((t) => t.id === id)!;
    const { timeMs: _, ...record } = resultJson(theorem, runTheorem(theorem, { seed, runs }), { properties });
    return record;
  });
}

describe('the theorem pool matches a serial run', () => {
  test('self-test claims, a failing one included: same records as in-process runs, with 1 or 2 workers', async () => {
    const ids = ['selftest/easy-cots', 'selftest/one-cot', 'selftest-step/reinforce'];
    const [two, one] = [await checkJson({ properties: PROPS, seed: 42, jobs: 2 }), await checkJson({ properties: PROPS, seed: 42, jobs: 1 })];
    expect(one).toBe(two);
    const pooled = JSON.parse(two).theorems;
    expect(pooled.map((t: { id: string }) => t.id)).toEqual(ids);
    expect(pooled[1]).toMatchObject({ status: 'failed', path: expect.stringMatching(/^\d/), error: '|V_1| = 2' });
    expect(pooled).toEqual(await serial(ids, 42, undefined, PROPS));
  }, 60_000);

  test('registered claims of the paper: same records as in-process runs', async () => {
    const ids = ['forgetting/reinforce', 'prm-bon-deterministic/prm-bon', 'rare-cots']; // registry order
    const pooled = JSON.parse(await checkJson({ theorem: ids, seed: 7, runs: 30 })).theorems;
    expect(pooled.map((t: { id: string }) => t.id)).toEqual(ids);
    expect(pooled).toEqual(await serial(ids, 7, 30));
  }, 120_000);

  test('--json --no-timing is byte-identical for a seed; --json alone records each time', async () => {
    const opts = { properties: PROPS, theorem: ['selftest'], seed: 3 };
    const first = await checkJson(opts);
    expect(await checkJson(opts)).toBe(first);
    expect(first).not.toContain('timeMs');
    const timed = JSON.parse(await checkJson({ ...opts, timing: true })).theorems;
    expect(timed.every((t: { timeMs: unknown }) => typeof t.timeMs === 'number')).toBe(true);
  }, 60_000);

  test('tmc necessity --json --no-timing is byte-identical for a seed', async () => {
    const necessity = async () => {
      let out = '';
      await runNecessity({ properties: PROPS, theorem: ['selftest/easy-cots'], seed: 7, save: false, json: true, timing: false }, { out: (t) => (out += t) });
      return out;
    };
    const first = await necessity();
    expect(JSON.parse(first).hypotheses.map((h: { verdict: string }) => h.verdict)).toEqual(['necessary', 'no counterexample']);
    expect(first).not.toContain('timeMs');
    expect(await necessity()).toBe(first);
  }, 60_000);
});
