/**
 * `tmc check [--theorem ID…] [--runs N] [--seed S] [--path P] [--method FILE] [--properties DIR] [--json]`:
 * run the registered claims (or a user's method against every law that applies) and print a
 * report: one row per theorem with its hypotheses, runs, verdict, time, seed and coverage shares;
 * then each failure with its shrunk counterexample drawn as `tmc explain` draws it, the failing
 * numbers and the command that replays it. Exit 0 all pass, 1 a claim fails, 2 bad usage,
 * 130 interrupted (Ctrl-C prints the report of what ran).
 */
import { existsSync } from 'node:fs';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { sizeProfile, runs as scaledRuns } from '../../arbitraries/profile.ts';
import { UsageError } from '../../errors.ts';
import { explainCase } from '../../explain/text.ts';
import { precision } from '../../numeric.ts';
import { encodeCase } from '../../theorems/case-codec.ts';
import { PROPERTIES_DIR, lawsFor, loadProperties } from '../../theorems/registry.ts';
import { defaultSeed, replayCommand, runTheoremAsync, type ReplayOptions, type RunOptions, type RunResult } from '../../theorems/run.ts';
import type { Theorem } from '../../theorems/theorem.ts';
import { textTable } from '../format.ts';
import { loadMethod } from '../load-method.ts';
import { numberOption, replayPathOption } from '../options.ts';
import { SEED_RANGE } from '../../seed.ts';

export interface CheckOptions {
  /** Theorem ids or claim names; default all. */
  readonly theorem?: readonly string[];
  readonly runs?: number;
  readonly seed?: number;
  readonly path?: string;
  /** A user's method file: check it against every law that applies instead of the registry. */
  readonly method?: string;
  /** Directory of `*.prop.ts` claim files (default properties/). */
  readonly properties?: string;
  readonly json?: boolean;
}

/** Where a command writes, and what can stop it. */
export interface CommandIo {
  readonly out: (text: string) => void;
  /** Aborted on Ctrl-C: the command stops at the next run and reports what ran. */
  readonly signal?: AbortSignal;
  /** Draw a progress bar on stderr (the CLI does when stderr is a terminal). */
  readonly progress?: boolean;
}

export const EXIT_INTERRUPTED = 130;


/** The theorems named by ids or claim names (all when none); an unknown name is a usage error. */
export function matchTheorems(all: readonly Theorem<any>[], names: readonly string[] | undefined): Theorem<any>[] {
  if (!names || names.length === 0) return [...all];
  const unknown = names.filter((n) => !all.some((t) => t.id === n || t.claim === n));
  if (unknown.length > 0) {
    const known = [...new Set(all.flatMap((t) => [t.claim, t.id]))].join(', ') || '(none registered)';
    throw new UsageError(`unknown theorem ${unknown.map((n) => JSON.stringify(n)).join(', ')}; known: ${known}`);
  }
  return all.filter((t) => names.some((n) => t.id === n || t.claim === n));
}

/** The theorems a check runs: the registry's, or the laws instantiated for a user's method. */
export async function selectTheorems(opts: Pick<CheckOptions, 'theorem' | 'method' | 'properties'>): Promise<Theorem<any>[]> {
  const dir = opts.properties ?? PROPERTIES_DIR;
  if (!existsSync(dir)) throw new UsageError(`claim directory ${dir} does not exist`);
  const registered = await loadProperties(dir);
  if (opts.method === undefined) {
    if (registered.length === 0) throw new UsageError(`no claim registered by the *.prop.ts files of ${dir}`);
    return matchTheorems(registered, opts.theorem);
  }
  const { kind, method } = await loadMethod(opts.method);
  const made = lawsFor(kind)
    .filter((law) => law.appliesTo(method))
    .map((law) => law.make(method));
  if (made.length === 0) throw new UsageError(`no claim applies to ${kind} ${JSON.stringify(method.name)}`);
  return matchTheorems(made, opts.theorem);
}

/**
 * Run `theorems` one after another (async, so Ctrl-C and the progress bar get a turn), stopping at
 * the first aborted one. Returns the results of those that ran.
 */
export async function runAll<T>(
  jobs: readonly { readonly label: string; readonly runs: number; readonly run: (extra: Pick<RunOptions, 'onRun'> & { signal?: AbortSignal }) => Promise<T> }[],
  io: CommandIo,
  interrupted: (result: T) => boolean,
): Promise<T[]> {
  const total = jobs.reduce((a, j) => a + j.runs, 0);
  const bar = io.progress
    ? new cliProgress.SingleBar(
        { stream: process.stderr, format: '{bar} {value}/{total} runs | {label}', hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(total, 0, { label: '' });
  const results: T[] = [];
  let before = 0;
  try {
    for (const job of jobs) {
      if (io.signal?.aborted) break;
      bar?.update(before, { label: job.label });
      const result = await job.run({ signal: io.signal, onRun: (n) => bar?.update(before + Math.min(n, job.runs)) });
      results.push(result);
      before += job.runs;
      if (interrupted(result)) break;
    }
  } finally {
    bar?.stop();
  }
  return results;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** Coverage shares as `label 42%`, largest first. */
export function formatShares(shares: Readonly<Record<string, number>>): string {
  return Object.entries(shares)
    .sort((a, b) => b[1] - a[1])
    .map(([label, x]) => `${label} ${(100 * x).toFixed(0)}%`)
    .join(', ');
}

function verdict(r: RunResult<any>): string {
  if (r.status === 'failed') return 'FAILED';
  return r.interrupted ? 'interrupted' : 'passed';
}

/** The profile line printed above the report. */
export function profileLine(seed: number): string {
  const p = sizeProfile();
  return `profile: runs x${p.runsFactor} (TMC_RUNS), layers <= ${p.maxLayers} (TMC_MAX_LAYERS), width <= ${p.maxWidth} (TMC_MAX_WIDTH); precision ${precision()} digits; seed ${seed}`;
}

/** A failure for a human: what failed, the counterexample drawn as a tree, the numbers, the replay. */
export function failureText(theorem: Theorem<any>, r: RunResult<any>, replay: ReplayOptions = {}): string {
  const where = r.savedCase ? 'a saved case (fixtures/regressions or fixtures/witnesses)' : `${r.runs} runs`;
  const lines = [`✗ ${r.id} FAILED after ${where} (seed ${r.seed}${r.path ? `, path ${r.path}` : ''})`];
  if (r.counterexample !== undefined) {
    lines.push('counterexample:', indent(explainCase(r.counterexample, { theorem })));
  }
  if (r.error) lines.push(`failing numbers: ${r.error}`);
  lines.push(`replay: ${replayCommand(r, replay)}`);
  return lines.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? l : `  ${l}`))
    .join('\n');
}

/** The JSON record of one result (`counterexample`: the case as saved, numbers as strings). */
export function resultJson(theorem: Theorem<any>, r: RunResult<any>, replay: ReplayOptions = {}) {
  return {
    id: r.id,
    status: r.status === 'passed' && r.interrupted ? 'interrupted' : r.status,
    runs: r.runs,
    seed: r.seed,
    ...(r.path ? { path: r.path } : {}),
    hypotheses: theorem.hypotheses.map((h) => h.id),
    timeMs: Math.round(r.timeMs),
    shares: r.shares,
    ...(r.error ? { error: r.error } : {}),
    ...(r.counterexample !== undefined ? { counterexample: encodeCase(theorem, r.counterexample) } : {}),
    ...(r.status === 'failed' ? { replay: replayCommand(r, replay) } : {}),
  };
}

/** The seed in force, after checking the TMC_* environment (a bad value is a usage error). */
export function seedAndProfile(seed: number | undefined): number {
  try {
    sizeProfile();
    return seed ?? defaultSeed();
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
}

/** Run a check and write its report; returns the exit code. */
export async function runCheck(opts: CheckOptions, io: CommandIo): Promise<number> {
  const theorems = await selectTheorems(opts);
  if (opts.path !== undefined && (theorems.length !== 1 || opts.seed === undefined)) {
    throw new UsageError('--path replays one failure: give it with --seed and a --theorem that names one theorem');
  }
  const seed = seedAndProfile(opts.seed);
  const jobs = theorems.map((t) => ({
    label: t.id,
    runs: opts.runs ?? scaledRuns(t.numRuns, sizeProfile()),
    run: (extra: Pick<RunOptions, 'onRun'> & { signal?: AbortSignal }) => runTheoremAsync(t, { seed, runs: opts.runs, path: opts.path, ...extra }),
  }));
  const results = await runAll(jobs, io, (r) => r.interrupted === true && r.status === 'passed');
  const stopped = io.signal?.aborted === true;
  const byId = new Map(theorems.map((t) => [t.id, t]));
  const props: ReplayOptions = { properties: opts.properties, method: opts.method };
  if (opts.json) {
    const json = results.map((r) => resultJson(byId.get(r.id)!, r, props));
    const p = sizeProfile();
    const profile = { runsFactor: p.runsFactor, maxLayers: p.maxLayers, maxWidth: p.maxWidth, precision: precision() };
    printTo(io, JSON.stringify({ seed, profile, theorems: json, ...(stopped ? { interrupted: true } : {}) }, null, 2));
  } else {
    const rows = results.map((r) => {
      const t = byId.get(r.id)!;
      return [r.id, t.hypotheses.map((h) => h.id).join(', ') || '-', String(r.runs), verdict(r), seconds(r.timeMs), String(r.seed), formatShares(r.shares)];
    });
    const failures = results.filter((r) => r.status === 'failed');
    const passed = results.filter((r) => r.status === 'passed' && !r.interrupted).length;
    const parts = [
      profileLine(seed),
      textTable(['theorem', 'hypotheses', 'runs', 'result', 'time', 'seed', 'coverage'], rows),
      ...failures.map((r) => failureText(byId.get(r.id)!, r, props)),
      `${theorems.length} theorem(s): ${passed} passed, ${failures.length} failed` +
        (stopped ? `, ${theorems.length - passed - failures.length} not finished (interrupted)` : '') +
        ` (${seconds(results.reduce((a, r) => a + r.timeMs, 0))})`,
    ];
    printTo(io, parts.join('\n\n'));
  }
  if (results.some((r) => r.status === 'failed')) return 1;
  return stopped ? EXIT_INTERRUPTED : 0;
}

function printTo(io: CommandIo, text: string): void {
  io.out(`${text}\n`);
}

/** Run `fn` with a signal that Ctrl-C aborts (once; a second Ctrl-C kills the process as usual). */
export async function onCtrlC<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const stop = () => {
    process.stderr.write('\ntmc: interrupted; reporting what ran (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.once('SIGINT', stop);
  try {
    return await fn(controller.signal);
  } finally {
    process.removeListener('SIGINT', stop);
  }
}

/** The CLI's standard io: stdout, Ctrl-C, a progress bar when stderr is a terminal. */
export function cliIo(signal: AbortSignal): CommandIo {
  return { out: (text) => process.stdout.write(text), signal, progress: process.stderr.isTTY === true };
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('check every registered claim (or those named) and print the report; exit 1 when one fails')
    .option('--theorem <id...>', 'theorem ids or claim names (default: all)')
    .option('--runs <n>', 'runs per theorem (default: its own, times TMC_RUNS)', numberOption('runs', { integer: true, min: 1 }))
    .option('--seed <s>', 'fast-check seed (default: TMC_SEED or random)', numberOption('seed', SEED_RANGE))
    .option('--path <path>', 'replay path of a failure (with --seed and one --theorem)', replayPathOption)
    .option('--method <file>', "check a user's UpdateRule or Selector (default export of a .ts/.js module) against every law that applies")
    .option('--properties <dir>', 'directory of *.prop.ts claim files (default: properties/)')
    .option('--json', 'print JSON')
    .action(async (opts: CheckOptions) => {
      process.exitCode = await onCtrlC((signal) => runCheck(opts, cliIo(signal)));
    });
}
