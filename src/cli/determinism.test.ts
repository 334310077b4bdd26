/**
 * Determinism and precision of the CLI's output: `tmc inspect` and `tmc paper-table`, in JSON and as
 * text, print the same bytes in two separate runs, and raising `--precision` from 40 to 80 changes
 * no printed digit. Each run is one child process running every command (src/cli/cli-batch.ts).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCliBatch, type CliRun } from './cli-batch.ts';

const ROOT = join(import.meta.dirname, '..', '..');

const commands: Record<string, string[]> = {
  'inspect fixtures/paper-tmc.json --json': ['inspect', 'fixtures/paper-tmc.json', '--json'],
  'inspect fixtures/paper-tmc.json': ['inspect', 'fixtures/paper-tmc.json'],
  'paper-table --json': ['paper-table', '--json'],
  'paper-table': ['paper-table'],
};
const names = Object.keys(commands);
/** Each command at the default precision, then each at `--precision 80` (a global option, first). */
const invocations = [...names.map((n) => commands[n]), ...names.map((n) => ['--precision', '80', ...commands[n]])];

describe('tmc output is deterministic and independent of the working precision', () => {
  let first: CliRun[] = [];
  let second: CliRun[] = [];
  beforeAll(async () => {
    [first, second] = await Promise.all([runCliBatch(invocations, ROOT), runCliBatch(invocations, ROOT)]);
  });

  test.each(names.map((n, i) => [n, i] as const))('tmc %s: byte-identical across two runs', (_, i) => {
    expect(first[i]).toMatchObject({ code: 0, stderr: '' });
    expect(first[i].stdout.length).toBeGreaterThan(0);
    expect(second[i].stdout).toBe(first[i].stdout);
    expect(second[names.length + i].stdout).toBe(first[names.length + i].stdout);
  });

  test.each(names.map((n, i) => [n, i] as const))('tmc %s: --precision 80 prints the same as the default 40', (_, i) => {
    expect(first[names.length + i]).toMatchObject({ code: 0, stderr: '' });
    expect(first[names.length + i].stdout).toBe(first[i].stdout);
  });
});
