/**
 * `tmc check [--theorem ID…] [--runs N] [--seed S] [--path P] [--method FILE [--like NAME [rule options]]] [--properties DIR] [--json] [--no-timing] [--jobs N]`:
 * run the registered claims (or a user's method against every law that applies) and print a
 * report: one row per theorem with its hypotheses, runs, verdict, time, seed and coverage shares;
 * then each failure with its shrunk counterexample drawn as `tmc explain` draws it, the failing
 * numbers and the command that replays it. Exit 0 all pass, 1 a claim fails, 2 bad usage,
 * 130 interrupted (Ctrl-C prints the report of what ran).
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { sizeProfile, theoremRuns } from '../../arbitraries/profile.ts';
import { UsageError } from '../../errors.ts';
import { explainCase } from '../../explain/text.ts';
import { precision } from '../../numeric.ts';
import { encodeCase } from '../../theorems/case-codec.ts';
import { PROPERTIES_DIR, lawsFor, loadProperties } from '../../theorems/registry.ts';
import { defaultSeed, replayCommand, runTheorem, type ReplayOptions, type RunOptions, type RunResult } from '../../theorems/run.ts';
import type { Theorem } from '../../theorems/theorem.ts';
import { textTable } from '../format.ts';
import { addLikeOptions, likeArguments, likeReference, likeTheorem, type LikeOptions } from '../differential.ts';
import { loadMethod } from '../load-method.ts';
import type { UpdateRule } from '../../methods/update-rule.ts';
import { numberOption, replayPathOption } from '../options.ts';
import { withPool, type JobOutcome, type TheoremPool } from '../pool/theorem-pool.ts';
import type { TheoremSummary } from '../pool/tasks.ts';
import { SEED_RANGE } from '../../seed.ts';

export interface CheckOptions extends LikeOptions {
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
  /** Print times (default true; `--no-timing` leaves them out, so a seed's report is byte-identical). */
  readonly timing?: boolean;
  /** Worker threads (default: one per core). */
  readonly jobs?: number;
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
export async function selectTheorems(opts: Pick<CheckOptions, 'theorem' | 'method' | 'properties'> & LikeOptions): Promise<Theorem<any>[]> {
  const dir = opts.properties ?? PROPERTIES_DIR;
  if (!existsSync(dir)) throw new UsageError(`claim directory ${dir} does not exist`);
  // A method file is loaded first: its mistakes are reported before the claims take time to load.
  const loaded = opts.method === undefined ? undefined : await loadMethod(opts.method);
  const registered = await loadProperties(dir);
  if (opts.method === undefined || loaded === undefined) {
    likeReference(opts, undefined); // rule options without --like, or --like without --method, are usage errors
    if (registered.length === 0) throw new UsageError(`no claim registered by the *.prop.ts files of ${dir}`);
    return matchTheorems(registered, opts.theorem);
  }
  const reference = likeReference(opts, opts.method);
  const { kind, method } = loaded;
  if (reference) {
    if (kind !== 'update-rule') throw new UsageError(`--like compares update rules; ${opts.method} is a selector`);
    return matchTheorems([likeTheorem(method as UpdateRule, reference)], opts.theorem);
  }
  const made = lawsFor(kind)
    .filter((law) => law.appliesTo(method))
    .map((law) => law.make(method));
  if (made.length === 0) throw new UsageError(`no claim applies to ${kind} ${JSON.stringify(method.name)}`);
  return matchTheorems(made, opts.theorem);
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
    distinct: r.distinct,
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

export type ResultRecord = ReturnType<typeof resultJson>;

/** One theorem run of `tmc check`, as a pool worker receives it. */
export interface CheckJob {
  readonly command: 'check';
  readonly id: string;
  readonly seed: number;
  readonly runs?: number;
  readonly path?: string;
  readonly replay: ReplayOptions;
}

/** A theorem's part of the report, as plain data: its JSON record and, when it failed, the failure text. */
export interface TheoremReport {
  readonly record: ResultRecord;
  readonly failure?: string;
}

/** Run one theorem (in a pool worker) and give its part of the report. */
export function checkTheorem(theorem: Theorem<any>, job: CheckJob, extra: Pick<RunOptions, 'onRun' | 'shouldStop'>): TheoremReport {
  const r = runTheorem(theorem, { seed: job.seed, runs: job.runs, path: job.path, ...extra });
  return { record: resultJson(theorem, r, job.replay), ...(r.status === 'failed' ? { failure: failureText(theorem, r, job.replay) } : {}) };
}

/** The record of a theorem whose worker was terminated after `runs` cases (Ctrl-C in a busy loop). */
function terminatedRecord(t: TheoremSummary, seed: number, end: { runs: number; timeMs: number }): ResultRecord {
  return { id: t.id, status: 'interrupted', runs: end.runs, distinct: end.runs, seed, hypotheses: t.hypotheses.map((h) => h.id), timeMs: end.timeMs, shares: {} };
}

/** Leave out the time of a record (`--no-timing`). */
function untimed({ timeMs: _, ...rest }: ResultRecord): Omit<ResultRecord, 'timeMs'> {
  return rest;
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

/** Run a check on a pool of workers and write its report; returns the exit code. */
export async function runCheck(opts: CheckOptions, io: CommandIo): Promise<number> {
  return withPool(opts, { threads: opts.jobs, signal: io.signal }, (pool) => checkOnPool(pool, opts, io));
}

async function checkOnPool(pool: TheoremPool, opts: CheckOptions, io: CommandIo): Promise<number> {
  const theorems = await pool.select();
  const seed = seedAndProfile(opts.seed);
  if (theorems === undefined) {
    const what = `the claims${opts.method === undefined ? '' : ` and ${opts.method}`}`;
    printTo(io, opts.json ? JSON.stringify({ seed, theorems: [], interrupted: true }, null, 2) : `interrupted while loading ${what}: no theorem ran`);
    return EXIT_INTERRUPTED;
  }
  if (opts.path !== undefined && (theorems.length !== 1 || opts.seed === undefined)) {
    throw new UsageError('--path replays one failure: give it with --seed and a --theorem that names one theorem');
  }
  const replay: ReplayOptions = { properties: opts.properties, method: opts.method, like: likeArguments(opts) };
  const jobs = theorems.map((t) => ({
    job: { command: 'check' as const, id: t.id, seed, runs: opts.runs, path: opts.path, replay },
    runs: opts.runs ?? theoremRuns(t.numRuns),
    // A small own count marks a theorem slow per case: start those first, for a shorter makespan.
    priority: t.numRuns,
  }));
  const outcomes: JobOutcome<TheoremReport>[] = await pool.run(jobs, io.progress);
  const stopped = io.signal?.aborted === true;
  const reports = outcomes.flatMap((o, i): TheoremReport[] => ('report' in o ? [o.report] : 'terminated' in o ? [{ record: terminatedRecord(theorems[i], seed, o.terminated) }] : []));
  const records = reports.map((r) => r.record);
  const timing = opts.timing !== false;
  if (opts.json) {
    const p = sizeProfile();
    const profile = { runsFactor: p.runsFactor, maxLayers: p.maxLayers, maxWidth: p.maxWidth, precision: precision() };
    const json = timing ? records : records.map(untimed);
    printTo(io, JSON.stringify({ seed, profile, theorems: json, ...(stopped ? { interrupted: true } : {}) }, null, 2));
  } else {
    const head = ['theorem', 'hypotheses', 'runs', 'result', ...(timing ? ['time'] : []), 'seed', 'coverage'];
    const rows = records.map((r) => [
      r.id,
      r.hypotheses.join(', ') || '-',
      r.distinct !== undefined && r.distinct < r.runs ? `${r.runs} (${r.distinct} distinct)` : String(r.runs),
      r.status === 'failed' ? 'FAILED' : r.status,
      ...(timing ? [seconds(r.timeMs)] : []),
      String(r.seed),
      formatShares(r.shares),
    ]);
    const passed = records.filter((r) => r.status === 'passed').length;
    const failed = records.filter((r) => r.status === 'failed').length;
    const parts = [
      profileLine(seed),
      textTable(head, rows),
      ...reports.flatMap((r) => (r.failure === undefined ? [] : [r.failure])),
      `${theorems.length} theorem(s): ${passed} passed, ${failed} failed` +
        (stopped ? `, ${theorems.length - passed - failed} not finished (interrupted)` : '') +
        (timing ? ` (${seconds(records.reduce((a, r) => a + r.timeMs, 0))} of theorem time)` : ''),
    ];
    printTo(io, parts.join('\n\n'));
  }
  if (records.some((r) => r.status === 'failed')) return 1;
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
  const command = program
    .command('check')
    .description('check every registered claim (or those named) and print the report; exit 1 when one fails')
    .option('--theorem <id...>', 'theorem ids or claim names (default: all)')
    .option('--runs <n>', 'runs per theorem (default: its own, times TMC_RUNS)', numberOption('runs', { integer: true, min: 1 }))
    .option('--seed <s>', 'fast-check seed (default: TMC_SEED or random)', numberOption('seed', SEED_RANGE))
    .option('--path <path>', 'replay path of a failure (with --seed and one --theorem)', replayPathOption)
    .option('--method <file>', "check your UpdateRule or Selector (default export of a .ts/.mts/.js/.mjs module in any folder, or a .py rule) against every law that applies; runs your code")
    .option('--properties <dir>', 'directory of *.prop.ts claim files (default: properties/)')
    .option('--json', 'print JSON')
    .option('--no-timing', 'leave out times, so that a seed gives a byte-identical report')
    .option('--jobs <n>', 'worker threads (default: one per core)', numberOption('jobs', { integer: true, min: 1, max: 64 }));
  addLikeOptions(command).action(async (opts: CheckOptions) => {
    process.exitCode = await onCtrlC((signal) => runCheck(opts, cliIo(signal)));
  });
}
