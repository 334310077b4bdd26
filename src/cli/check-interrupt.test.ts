/**
 * Ctrl-C on a real `tmc check` process: SIGINT a few seconds in stops it at the next run, and it prints
 * the report of what ran (finished rows, the interrupted one, the count not finished) and exits 130.
 * A user's method stuck in a synchronous loop is stopped too: its worker is terminated.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { EXIT_INTERRUPTED } from './commands/check.ts';

const ROOT = join(import.meta.dirname, '..', '..');

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `tmc check ARGS` and send SIGINT when `ready()` first holds (polled every 50 ms). */
function interruptedCheck(args: readonly string[], ready: () => boolean, env: NodeJS.ProcessEnv = {}): Promise<Exit & { afterSigintMs: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/cli/tmc.mjs', 'check', '--seed', '1', ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    let sentAt = Number.NaN;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const poll = setInterval(() => {
      if (!ready()) return;
      clearInterval(poll);
      sentAt = Date.now();
      child.kill('SIGINT');
    }, 50);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      resolve({ code, signal, stdout, stderr, afterSigintMs: Date.now() - sentAt });
    });
  });
}

/** True from `ms` after the call on. */
function after(ms: number): () => boolean {
  const at = Date.now() + ms;
  return () => Date.now() >= at;
}

test('tmc check interrupted with Ctrl-C prints the partial report and exits 130', async () => {
  // On a loaded machine the signal can land before the command installs its handler, or before the
  // workers have loaded the claims (then no theorem has started): try later once.
  let run = await interruptedCheck([], after(3000));
  if (run.signal === 'SIGINT' || !/ interrupted /.test(run.stdout)) run = await interruptedCheck([], after(10_000));
  expect(run.stderr).toContain('tmc: interrupted; reporting what ran');
  expect(run.stderr).not.toMatch(/^ {4}at /m);
  expect(run.stdout).toMatch(/^theorem +hypotheses +runs +result/m);
  expect(run.stdout).toMatch(/ interrupted /);
  expect(run.stdout).toMatch(/\d+ theorem\(s\): \d+ passed, 0 failed, \d+ not finished \(interrupted\)/);
  expect(run.code).toBe(EXIT_INTERRUPTED);
}, 60_000);

test("Ctrl-C stops a user's method looping forever inside a case: report, exit 130, within seconds", async () => {
  const marker = join(mkdtempSync(join(tmpdir(), 'tmc-busy-')), 'looping');
  const method = ['--method', 'src/theorems/_fixtures/busy-loop-rule.ts', '--properties', 'src/theorems/_fixtures'];
  const run = await interruptedCheck(method, () => existsSync(marker), { TMC_BUSY_LOOP_MARKER: marker });
  expect(run.stderr).toContain('tmc: interrupted; reporting what ran');
  expect(run.stdout).toMatch(/^selftest-step\/busy-loop +- +0 +interrupted /m);
  expect(run.stdout).toContain('1 theorem(s): 0 passed, 0 failed, 1 not finished (interrupted)');
  expect(run.code).toBe(EXIT_INTERRUPTED);
  // Generous guard: the worker is terminated STOP_GRACE_MS (2 s) after the signal.
  expect(run.afterSigintMs).toBeLessThan(20_000);
}, 60_000);

test('Ctrl-C while a method file loads forever: says so, exit 130', async () => {
  const marker = join(mkdtempSync(join(tmpdir(), 'tmc-busy-')), 'looping');
  const method = ['--method', 'src/theorems/_fixtures/loop-on-load.ts', '--properties', 'src/theorems/_fixtures'];
  const run = await interruptedCheck(method, () => existsSync(marker), { TMC_BUSY_LOOP_MARKER: marker });
  expect(run.stdout).toBe('interrupted while loading the claims and src/theorems/_fixtures/loop-on-load.ts: no theorem ran\n');
  expect(run.code).toBe(EXIT_INTERRUPTED);
  expect(run.afterSigintMs).toBeLessThan(20_000);
}, 60_000);
