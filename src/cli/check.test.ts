import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { UsageError } from '../errors.ts';
import { EXIT_INTERRUPTED, onCtrlC, runCheck, type CheckOptions } from './commands/check.ts';
import { runNecessity } from './commands/necessity.ts';
import { readWitness, replayWitness, witnessFile } from '../theorems/witness.ts';
import { easyCots } from '../theorems/_fixtures/selftest.prop.ts';

const PROPS = 'src/theorems/_fixtures';
const METHODS = 'src/theorems/_fixtures';

/** Run `tmc check` in-process; returns the exit code and what it printed. */
async function check(opts: CheckOptions, signal?: AbortSignal): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runCheck({ properties: PROPS, ...opts }, { out: (t) => (out += t), signal });
  return { code, out };
}

describe('tmc check (in-process)', () => {
  test('all pass: exit 0, one table row per theorem with hypotheses, runs, seed and coverage shares', async () => {
    const { code, out } = await check({ theorem: ['selftest/easy-cots'], seed: 1 });
    expect(code).toBe(0);
    expect(out).toMatch(/selftest\/easy-cots\s+H-all-easy, H-tree\s+100 \(\d+ distinct\)\s+passed\s+[\d.]+ s\s+1\s+several valid CoTs \d+%/);
    expect(out).toMatch(/^profile: runs x1 \(TMC_RUNS\)/);
    expect(out).toContain('1 theorem(s): 1 passed, 0 failed');
  });

  test('a failure: exit 1, the counterexample drawn as a tree, the failing numbers, the replay command', async () => {
    const { code, out } = await check({ seed: 42 });
    expect(code).toBe(1);
    expect(out).toMatch(/✗ selftest\/one-cot FAILED after \d+ runs \(seed 42, path [\d:]+\)/);
    expect(out).toContain('TMC: 3 layers x 2 states (widths 1,2,1)');
    expect(out).toContain('✓ CoT 0-0-0 (easy) p(o)=0.5 rho=0.5');
    expect(out).toContain('failing numbers: |V_1| = 2');
    expect(out).toMatch(/replay: npx tmc check --theorem selftest\/one-cot --seed 42 --path [\d:]+ --properties src\/theorems\/_fixtures/);
    expect(out).toContain('3 theorem(s): 2 passed, 1 failed');
  });

  test('--json: id, status, runs, seed, hypotheses, and the counterexample with numbers as strings', async () => {
    const { code, out } = await check({ seed: 42, json: true });
    expect(code).toBe(1);
    const json = JSON.parse(out);
    const failed = json.theorems.find((t: { id: string }) => t.id === 'selftest/one-cot');
    expect(failed).toMatchObject({ status: 'failed', seed: 42, hypotheses: [], counterexample: { task: '0', tmc: { kernels: [[['1/2', '1/2']], [['1'], ['1']]] } } });
    expect(json.theorems.find((t: { id: string }) => t.id === 'selftest/easy-cots')).toMatchObject({ status: 'passed', runs: 100, hypotheses: ['H-all-easy', 'H-tree'] });
  });

  test('--method: a user rule runs against every law that applies; a wrong rule fails, a right one passes', async () => {
    const bad = await check({ method: `${METHODS}/zeroing-rule.ts`, seed: 1 });
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/selftest-step\/zeroing .*FAILED/);
    expect(bad.out).toMatch(/failing numbers: pi\([\d-]+\) = 0 after one step/);
    expect(bad.out).toMatch(/replay: npx tmc check --theorem selftest-step\/zeroing --seed 1 --path [\d:]+ --method src\/theorems\/_fixtures\/zeroing-rule.ts --properties/);
    const good = await check({ method: `${METHODS}/good-rule.ts`, seed: 1 });
    expect(good.code).toBe(0);
    expect(good.out).toContain('selftest-step/reinforce');
  });

  test('bad usage is a UsageError with a clear message (exit 2)', async () => {
    await expect(check({ theorem: ['nope'] })).rejects.toThrow(/unknown theorem "nope"; known: selftest, selftest\/easy-cots/);
    await expect(check({ method: `${METHODS}/not-a-method.ts` })).rejects.toThrow(/default export must be an UpdateRule \(with exactStep\) or a Selector/);
    await expect(check({ method: 'missing-file.ts' })).rejects.toThrow(/cannot load method file missing-file.ts/);
    await expect(check({ path: '1:2' })).rejects.toThrow(UsageError);
  });

  test('Ctrl-C stops the check at the next run and prints the report of what ran (exit 130)', async () => {
    const opts = { theorem: ['selftest/easy-cots', 'selftest-step'], runs: 1_000_000, seed: 1 };
    const interrupted = (afterMs: number) => {
      setTimeout(() => process.emit('SIGINT'), afterMs);
      return onCtrlC((signal) => check(opts, signal));
    };
    // Before the workers have loaded the claims no theorem has started: then try later once.
    let { code, out } = await interrupted(3000);
    if (!/ interrupted /.test(out)) ({ code, out } = await interrupted(10_000));
    expect(code).toBe(EXIT_INTERRUPTED);
    expect(out).toMatch(/selftest\/easy-cots .* interrupted/);
    expect(out).toContain('not finished (interrupted)');
    expect(process.listenerCount('SIGINT')).toBe(0);
  }, 60_000);
});

describe('tmc necessity (in-process)', () => {
  test('a witness for each hypothesis it can break, saved and replayable; "no counterexample" for the other', async () => {
    const fixtures = mkdtempSync(join(tmpdir(), 'tmc-necessity-'));
    let out = '';
    const code = await runNecessity({ properties: PROPS, theorem: ['selftest/easy-cots'], seed: 7, fixtures }, { out: (t) => (out += t) });
    expect(code).toBe(0);
    expect(out).toMatch(/H-all-easy\s+necessary \(witness: 2 layers x 2 states, widths 1,2\)/);
    expect(out).toMatch(/H-tree\s+no counterexample in 100 runs \(\d+% of them without H-tree\)/);
    const w = readWitness(witnessFile('selftest/easy-cots', 'H-all-easy', fixtures));
    expect(w.quantities).toMatch(/^hard valid CoT 0-0 with p\(o\) = 0\.333/);
    expect(replayWitness(easyCots, w)).toEqual([]);
    let again = '';
    await runNecessity({ properties: PROPS, theorem: ['selftest/easy-cots'], hypothesis: ['H-all-easy'], seed: 8, fixtures, json: true }, { out: (t) => (again += t) });
    expect(JSON.parse(again).hypotheses).toMatchObject([{ hypothesis: 'H-all-easy', verdict: 'necessary', witness: { changed: false, layers: 2, widths: [1, 2] } }]);
  });

  test('a search that never goes without its hypothesis is "not tested" (exit 1)', async () => {
    const fixtures = mkdtempSync(join(tmpdir(), 'tmc-necessity-'));
    let out = '';
    const code = await runNecessity({ properties: PROPS, theorem: ['selftest/easy-cots'], hypothesis: ['H-tree'], runs: 1, seed: 1, fixtures, save: false }, { out: (t) => (out += t) });
    expect(out).toMatch(/H-tree\s+(not tested|no counterexample)/);
    expect(code).toBe(out.includes('not tested') ? 1 : 0);
    await expect(runNecessity({ properties: PROPS, hypothesis: ['H-nope'] }, { out: () => undefined })).rejects.toThrow(/no selected theorem has hypothesis H-nope/);
  });
});

const run = promisify(execFile);

/** Spawn the real CLI; returns exit code and output. */
async function tmc(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['src/cli/tmc.mjs', ...args], { env: { ...process.env, TMC_SEED: '' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('tmc check (spawned CLI)', () => {
  test('exit 0 when all pass, 2 on an unknown theorem (message, no stack)', async () => {
    const [pass, usage] = await Promise.all([
      tmc('check', '--properties', PROPS, '--theorem', 'selftest/easy-cots', '--seed', '1'),
      tmc('check', '--properties', PROPS, '--theorem', 'nope'),
    ]);
    expect(pass.code).toBe(0);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^tmc: unknown theorem "nope"/);
    expect(usage.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  test('exit 1 on a failure, and the printed replay command reproduces it', async () => {
    const first = await tmc('check', '--properties', PROPS, '--theorem', 'selftest/one-cot');
    expect(first.code).toBe(1);
    const replay = first.stdout.match(/replay: npx tmc (.*)/)![1].split(' ');
    const again = await tmc(...replay);
    expect(again.code).toBe(1);
    const numbers = (s: string) => s.match(/failing numbers: .*/)![0];
    const tree = (s: string) => s.slice(s.indexOf('counterexample:'), s.indexOf('failing numbers'));
    expect(numbers(again.stdout)).toBe(numbers(first.stdout));
    expect(tree(again.stdout)).toBe(tree(first.stdout));
  });
});
