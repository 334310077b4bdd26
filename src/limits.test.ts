/**
 * Every guard rail of src/limits.ts as the user meets it: `tmc` on an input one step over a limit
 * exits 2 with a message naming the limit, and one step under it is accepted. The TMC files are
 * generated into a temporary directory; all invocations run in one child process (src/cli/cli-batch.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCliBatch, type CliRun } from './cli/cli-batch.ts';
import {
  MAX_COUNT_VECTORS,
  MAX_ENUMERATED_PATHS,
  MAX_INFER_COTS,
  MAX_LAMBDA,
  MAX_TMC_TASKS,
  MAX_INSTANCE_COTS,
  MAX_SAMPLED_DRAWS,
  MAX_SAMPLER_RUNS,
  MAX_SELECTOR_N,
  MAX_SNAPSHOTS,
  MAX_STEPS,
  MAX_RULE_COUNT,
  MAX_THEOREM_RUNS,
  MAX_TMC_ENTRIES,
  MAX_TMC_FILE_BYTES,
  MAX_TMC_LAYERS,
  MAX_TMC_WIDTH,
} from './limits.ts';

const ROOT = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'tmc-limits-'));
const PAPER = ['--tmc', 'fixtures/paper-tmc.json', '--task', 'task1'];

/** A dense TMC file: `layers` layers of `width` states, uniform rows, one task 0 -> 0. */
function denseFile(name: string, layers: number, width: number, pad = 0): string {
  const row = Array(width).fill(`1/${width}`);
  const kernels = Array.from({ length: layers - 1 }, () => Array.from({ length: width }, () => row));
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ kernels, tasks: [{ name: 't', start: 0, target: 0 }] }) + ' '.repeat(pad));
  return file;
}

/** A file with one ragged layer: `rows` rows of `cols` entries (each row sums to 1). */
function layerFile(name: string, rows: number, cols: number): string {
  const file = join(dir, name);
  const kernels = [Array.from({ length: rows }, () => Array(cols).fill(`1/${cols}`))];
  writeFileSync(file, JSON.stringify({ kernels, tasks: [{ name: 't', start: 0, target: 0 }] }));
  return file;
}

/** The paper's TMC with `count` tasks (all 0 -> 0, distinct names). */
function tasksFile(name: string, count: number): string {
  const file = join(dir, name);
  const kernels = [[['1/2', '1/2'], ['1/2', '1/2']]];
  writeFileSync(file, JSON.stringify({ kernels, tasks: Array.from({ length: count }, (_, i) => ({ name: `t${i}`, start: 0, target: 0 })) }));
  return file;
}

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  /** Expected message fragment; absent when the command must succeed. */
  readonly fragment?: string;
}

const cases: Case[] = [
  { name: 'layers', args: ['inspect', denseFile('layers.json', MAX_TMC_LAYERS + 1, 1)], fragment: `kernels: ${MAX_TMC_LAYERS + 1} layers, over the limit of ${MAX_TMC_LAYERS} (src/limits.ts)` },
  { name: 'layers at the limit', args: ['inspect', denseFile('layers-ok.json', MAX_TMC_LAYERS, 1)] },
  { name: 'width (rows)', args: ['inspect', layerFile('rows.json', MAX_TMC_WIDTH + 1, 1)], fragment: `kernels[0]: layer 0: ${MAX_TMC_WIDTH + 1} states, over the limit of ${MAX_TMC_WIDTH}` },
  { name: 'width (columns)', args: ['inspect', layerFile('cols.json', 1, MAX_TMC_WIDTH + 1)], fragment: `kernels[0]: layer 1: ${MAX_TMC_WIDTH + 1} states, over the limit of ${MAX_TMC_WIDTH}` },
  { name: 'kernel entries', args: ['inspect', denseFile('entries.json', 3, 71)], fragment: `kernels: ${2 * 71 * 71} kernel entries, over the limit of ${MAX_TMC_ENTRIES}` },
  { name: 'file bytes', args: ['inspect', denseFile('bytes.json', 2, 1, MAX_TMC_FILE_BYTES)], fragment: `more than ${MAX_TMC_FILE_BYTES} bytes, over the limit (src/limits.ts)` },
  // A size from stat says nothing about a device or a pipe: reading stops at the limit.
  { name: 'file bytes from /dev/zero', args: ['inspect', '/dev/zero'], fragment: `/dev/zero: more than ${MAX_TMC_FILE_BYTES} bytes` },
  { name: 'explain file bytes', args: ['explain', denseFile('explain-bytes.json', 2, 1, MAX_TMC_FILE_BYTES)], fragment: `more than ${MAX_TMC_FILE_BYTES} bytes` },
  { name: 'explain layers', args: ['explain', denseFile('explain-layers.json', MAX_TMC_LAYERS + 1, 1)], fragment: `over the limit of ${MAX_TMC_LAYERS}` },
  { name: 'tasks', args: ['inspect', tasksFile('tasks.json', MAX_TMC_TASKS + 1)], fragment: `tasks: ${MAX_TMC_TASKS + 1} tasks, over the limit of ${MAX_TMC_TASKS}` },
  { name: 'tasks at the limit', args: ['inspect', tasksFile('tasks-ok.json', MAX_TMC_TASKS), '--json'] },
  { name: 'train --steps', args: ['train', ...PAPER, '--method', 'reinforce', '--steps', String(MAX_STEPS + 1)], fragment: `--steps ${MAX_STEPS + 1}: over the limit of ${MAX_STEPS} steps per run` },
  { name: 'train --group', args: ['train', ...PAPER, '--method', 'grpo', '--group', String(MAX_RULE_COUNT + 1)], fragment: `--group ${MAX_RULE_COUNT + 1}: over the limit of ${MAX_RULE_COUNT} CoTs per group` },
  { name: 'train --n', args: ['train', ...PAPER, '--method', 'rl-rej', '--n', String(MAX_RULE_COUNT + 1)], fragment: `--n ${MAX_RULE_COUNT + 1}: over the limit of ${MAX_RULE_COUNT} tries` },
  { name: 'train --epochs', args: ['train', ...PAPER, '--method', 'ppo', '--epochs', String(MAX_RULE_COUNT + 1)], fragment: `--epochs ${MAX_RULE_COUNT + 1}: over the limit of ${MAX_RULE_COUNT} epochs` },
  { name: 'train --every', args: ['train', ...PAPER, '--method', 'reinforce', '--steps', String(MAX_SNAPSHOTS), '--every', '1', '--json'], fragment: `(${MAX_SNAPSHOTS + 1} snapshots): over the limit of ${MAX_SNAPSHOTS} trajectory snapshots` },
  { name: 'infer --n', args: ['infer', ...PAPER, '--method', 'orm-bon', '--n', String(MAX_SELECTOR_N + 1)], fragment: `--n ${MAX_SELECTOR_N + 1}: over the limit of ${MAX_SELECTOR_N} draws` },
  { name: 'infer --n at the limit', args: ['infer', ...PAPER, '--method', 'orm-bon', '--n', String(MAX_SELECTOR_N), '--json'] },
  { name: 'infer --keep', args: ['infer', ...PAPER, '--method', 'orm-bon-top-k', '--keep', String(MAX_SELECTOR_N + 1)], fragment: `--keep ${MAX_SELECTOR_N + 1}: over the limit of ${MAX_SELECTOR_N} kept draws` },
  { name: 'infer --runs', args: ['infer', ...PAPER, '--method', 'dprm-as', '--sampled', '--runs', String(MAX_SAMPLER_RUNS + 1)], fragment: `--runs ${MAX_SAMPLER_RUNS + 1}: over the limit of ${MAX_SAMPLER_RUNS} sampler runs` },
  {
    name: 'infer --runs times --n',
    args: ['infer', ...PAPER, '--method', 'orm-bon', '--sampled', '--runs', String(MAX_SAMPLER_RUNS), '--n', '11'],
    fragment: `(${11 * MAX_SAMPLER_RUNS} CoTs drawn): over the limit of ${MAX_SAMPLED_DRAWS} sampled CoTs`,
  },
  { name: 'check --runs', args: ['check', '--runs', String(MAX_THEOREM_RUNS + 1)], fragment: `--runs ${MAX_THEOREM_RUNS + 1}: over the limit of ${MAX_THEOREM_RUNS} runs per theorem` },
  { name: 'necessity --runs', args: ['necessity', '--runs', String(MAX_THEOREM_RUNS + 1)], fragment: `--runs ${MAX_THEOREM_RUNS + 1}: over the limit of ${MAX_THEOREM_RUNS} runs per theorem` },
  // The engine's limits, met as it computes.
  // Bounded up front, before any enumeration.
  { name: 'listed paths', args: ['inspect', denseFile('paths.json', 20, 2)], fragment: `walks ${2 ** 19} paths: over the limit of ${MAX_ENUMERATED_PATHS} paths` },
  { name: 'infer output CoTs', args: ['infer', '--tmc', denseFile('outputs.json', 11, 2), '--task', 't', '--method', 'dprm-as'], fragment: `any of 1024 CoTs: over the limit of ${MAX_INFER_COTS} output CoTs` },
  { name: 'infer output CoTs at the limit', args: ['infer', '--tmc', denseFile('outputs-ok.json', 10, 2), '--task', 't', '--method', 'orm-bon', '--json'] },
  { name: 'infer --lambda', args: ['infer', ...PAPER, '--method', 'soft-bon', '--lambda', '1e300'], fragment: `over the limit of ${MAX_LAMBDA} (inverse temperature)` },
  // The false FAILED at --precision 600: Soft-BoN's exact sum raises the precision past the CLI's 1000.
  { name: 'check soft-bon-tilt at --precision 600 passes', args: ['--precision', '600', 'check', '--theorem', 'soft-bon-tilt/soft-bon', '--runs', '2', '--seed', '1'] },
  { name: 'infer --lambda at the limit, at the top precision', args: ['--precision', '1000', 'infer', ...PAPER, '--method', 'soft-bon', '--lambda', String(MAX_LAMBDA), '--json'] },
  // 15 layers of width 2: 2^13 = 8192 valid CoTs, twice the limit.
  { name: 'instance CoTs', args: ['train', '--tmc', denseFile('instances.json', 15, 2), '--task', 't', '--method', 'grpo', '--steps', '1'], fragment: `task t has 8192 valid CoTs; exact instance quantities allow at most ${MAX_INSTANCE_COTS}` },
  { name: 'count vectors', args: ['infer', ...PAPER, '--method', 'soft-bon', '--n', String(MAX_SELECTOR_N)], fragment: `(limit ${MAX_COUNT_VECTORS})` },
];

describe('guard rails: over a limit, exit 2 with a message naming it; at the limit, accepted', () => {
  let runs: CliRun[] = [];
  beforeAll(async () => {
    runs = await runCliBatch(cases.map((c) => c.args), ROOT);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each(cases.map((c, i) => [c.name, i] as const))('%s', (_, i) => {
    const { fragment } = cases[i];
    const run = runs[i];
    if (fragment === undefined) {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    } else {
      expect(run.stderr).toContain(fragment);
      expect(run.stderr).not.toMatch(/^ {4}at /m);
      expect(run.code).toBe(2);
    }
  });
});
