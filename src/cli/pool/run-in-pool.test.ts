/**
 * The pool gives the serial run's report (everything but the times), and Ctrl-C stops a worker
 * stuck in a user's infinite loop.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { runTheorem } from '../../theorems/run.ts';
import { EXIT_INTERRUPTED, resultJson, runCheck, selectTheorems, type CheckOptions } from '../commands/check.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const PROPS = 'src/theorems/_fixtures';

function withoutTimes(records: readonly { timeMs: number }[]): unknown[] {
  return records.map(({ timeMs: _, ...rest }) => rest);
}

test('for a seed the pool reports what a serial run reports, failures and counterexamples included', async () => {
  const opts: CheckOptions = { properties: PROPS, method: `${PROPS}/zeroing-rule.ts`, seed: 42, json: true };
  let out = '';
  const code = await runCheck({ ...opts, jobs: 2 }, { out: (t) => (out += t) });
  expect(code).toBe(1);
  const pooled = JSON.parse(out).theorems;
  const serial = (await selectTheorems(opts)).map((t) => resultJson(t, runTheorem(t, { seed: 42 }), { properties: PROPS, method: opts.method }));
  expect(serial.some((r) => r.status === 'failed')).toBe(true);
  expect(withoutTimes(pooled)).toEqual(withoutTimes(serial));
}, 60_000);

test('Ctrl-C stops a user method that loops forever: the worker is terminated, exit 130', async () => {
  const args = ['src/cli/tmc.mjs', 'check', '--seed', '1', '--properties', PROPS, '--method', `${PROPS}/busy-rule.ts`];
  const child = spawn(process.execPath, args, { cwd: ROOT });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  const timer = setTimeout(() => child.kill('SIGINT'), 4000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  clearTimeout(timer);
  expect(code).toBe(EXIT_INTERRUPTED);
  expect(stdout).toMatch(/selftest-step\/busy .* (interrupted|not run)/);
  expect(stdout).toMatch(/not finished \(interrupted\)/);
}, 60_000);
