/** A reader that closes the pipe early (`tmc ... | head -1`) ends `tmc` quietly: exit 0, no EPIPE trace. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** Run `tmc args`, close its stdout after the first chunk; resolve with the exit code and stderr. */
function closedEarly(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['src/cli/tmc.mjs', ...args], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

// The output (hundreds of KB) outlasts the pipe's buffer, so later writes meet the closed pipe.
test('tmc train --json | head -1 exits 0 without a stack trace', async () => {
  const run = await closedEarly(['train', '--tmc', 'fixtures/paper-tmc.json', '--task', '0', '--method', 'reinforce', '--steps', '500', '--every', '1', '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
}, 60_000);
