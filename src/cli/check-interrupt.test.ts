/**
 * Ctrl-C on a real `tmc check` process: SIGINT about 2 s in stops it at the next run, and it prints
 * the report of what ran (finished rows, the interrupted one, the count not finished) and exits 130.
 */
import { spawn } from 'node:child_process';
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

/** Run `tmc check` and send SIGINT after `delayMs`. */
function interruptedCheck(delayMs: number): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/cli/tmc.mjs', 'check', '--seed', '1'], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGINT'), delayMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

test('tmc check interrupted with Ctrl-C prints the partial report and exits 130', async () => {
  // On a loaded machine the signal can land before the command installs its handler: try later once.
  let run = await interruptedCheck(2000);
  if (run.signal === 'SIGINT') run = await interruptedCheck(6000);
  expect(run.stderr).toContain('tmc: interrupted; reporting what ran');
  expect(run.stderr).not.toMatch(/^ {4}at /m);
  expect(run.stdout).toMatch(/^theorem +hypotheses +runs +result/m);
  expect(run.stdout).toMatch(/ interrupted /);
  expect(run.stdout).toMatch(/\d+ theorem\(s\): \d+ passed, 0 failed, \d+ not finished \(interrupted\)/);
  expect(run.code).toBe(EXIT_INTERRUPTED);
}, 60_000);
