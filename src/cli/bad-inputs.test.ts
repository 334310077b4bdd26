/**
 * The bad-input catalogue (fixtures/bad-inputs/expected.json): every malformed TMC file and bad
 * argument list makes `tmc` exit 2 with its expected message on stderr and no stack trace. The
 * catalogue runs in one child process (src/cli/cli-batch.ts); one real `node src/cli/tmc.mjs` run
 * checks that the batch reports what the real command does.
 */
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCliBatch, type CliRun } from './cli-batch.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CATALOGUE = 'fixtures/bad-inputs';

/** A catalogue entry: `file` means `tmc inspect fixtures/bad-inputs/FILE`; `args` any other command line. */
type Entry = { readonly fragment: string } & ({ readonly file: string } | { readonly args: readonly string[] });

const entries = JSON.parse(readFileSync(join(ROOT, CATALOGUE, 'expected.json'), 'utf8')) as Entry[];
const argsOf = (e: Entry) => ('file' in e ? ['inspect', `${CATALOGUE}/${e.file}`] : [...e.args]);
const STACK_LINE = /^ {4}at /m;

describe('bad-input catalogue: exit 2, the expected message, no stack trace', () => {
  let runs: CliRun[] = [];
  beforeAll(async () => {
    runs = await runCliBatch(entries.map(argsOf), ROOT);
  });

  test.each(entries.map((e, i) => [argsOf(e).join(' '), i] as const))('tmc %s', (_, i) => {
    const run = runs[i];
    expect(run.stderr).toContain(entries[i].fragment);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(2);
  });

  test('the catalogue has a file for each entry and an entry for each file', () => {
    const files = entries.flatMap((e) => ('file' in e ? [e.file] : []));
    const onDisk = readdirSync(join(ROOT, CATALOGUE)).filter((f) => f !== 'expected.json' && f !== 'README.md');
    expect([...files].sort()).toEqual(onDisk.sort());
  });

  test('the batch reports what the real command reports', async () => {
    const first = entries.find((e) => 'file' in e)!;
    const real = await promisify(execFile)(process.execPath, ['src/cli/tmc.mjs', ...argsOf(first)], { cwd: ROOT }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(real).toEqual({ code: runs[entries.indexOf(first)].code, stderr: runs[entries.indexOf(first)].stderr });
  });
});
