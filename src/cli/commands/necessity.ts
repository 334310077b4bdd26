/**
 * `tmc necessity [--theorem ID…] [--hypothesis H…] [--runs N] [--seed S] [--path P] [--no-save] [--json] [--no-timing] [--jobs N]`:
 * for each hypothesis of each claim, search cases meeting every other hypothesis but not this one
 * (`theorem.arbitrary(h)`); when the claim fails, fast-check shrinks the case and it is saved as
 * `fixtures/witnesses/<theorem>--<h>.json`. Verdict per hypothesis: "necessary (witness: L layers x
 * W states)", "no counterexample in N runs" (a finding: the claim may hold without it), or "not
 * tested" when the search never drew a case without it (a bug of the theorem's arbitrary; exit 1).
 */
import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { theoremRuns } from '../../arbitraries/profile.ts';
import { UsageError } from '../../errors.ts';
import { tmcSize } from '../../explain/text.ts';
import { runTheorem, type RunOptions, type RunResult } from '../../theorems/run.ts';
import type { Theorem } from '../../theorems/theorem.ts';
import { FIXTURES_DIR, checkWitnessDir, makeWitness, saveWitness, witnessFile, witnessText, type WitnessFile } from '../../theorems/witness.ts';
import { textTable } from '../format.ts';
import { numberOption, replayPathOption } from '../options.ts';
import { withPool, type JobOutcome, type TheoremPool } from '../pool/theorem-pool.ts';
import { SEED_RANGE } from '../../seed.ts';
import { EXIT_INTERRUPTED, cliIo, onCtrlC, seedAndProfile, type CommandIo } from './check.ts';

export interface NecessityOptions {
  readonly theorem?: readonly string[];
  /** Only these hypotheses (ids). */
  readonly hypothesis?: readonly string[];
  readonly runs?: number;
  readonly seed?: number;
  readonly path?: string;
  readonly properties?: string;
  /** Write witness files (default true; `--no-save` for a dry run). */
  readonly save?: boolean;
  readonly json?: boolean;
  /** Print times (default true; `--no-timing` leaves them out, so a seed's report is byte-identical). */
  readonly timing?: boolean;
  /** Directory holding witnesses/ and regressions/ (default fixtures/; tests use a temporary one). */
  readonly fixtures?: string;
  /** Worker threads (default: one per core). */
  readonly jobs?: number;
  /** Where witnesses/ is written (default ./fixtures under the current directory, never the package's own). */
  readonly out?: string;
}

export type NecessityVerdict = 'necessary' | 'no counterexample' | 'not tested' | 'interrupted';

export interface HypothesisReport {
  readonly theorem: string;
  readonly hypothesis: string;
  readonly verdict: NecessityVerdict;
  readonly result: RunResult<any>;
  readonly witness?: { readonly file: string; readonly changed: boolean; readonly layers: number; readonly widths: readonly number[] };
}

function verdictOf(r: RunResult<any>): NecessityVerdict {
  if (r.status === 'failed') return 'necessary';
  if (r.interrupted) return 'interrupted';
  return (r.withoutShare ?? 0) > 0 ? 'no counterexample' : 'not tested';
}

/** The sentence reported for one hypothesis. */
export function verdictText(rep: HypothesisReport): string {
  const r = rep.result;
  switch (rep.verdict) {
    case 'necessary': {
      const c = r.counterexample;
      return `necessary (witness: ${c ? tmcSize(c.tmc) : '?'}${c ? `, widths ${c.tmc.widths.join(',')}` : ''})`;
    }
    case 'no counterexample':
      return `no counterexample in ${r.runs} runs (${pct(r.withoutShare ?? 0)} of them without ${rep.hypothesis})`;
    case 'not tested':
      return `not tested: arbitrary(${JSON.stringify(rep.hypothesis)}) never broke it in ${r.runs} runs`;
    case 'interrupted':
      return `interrupted after ${r.runs} runs`;
  }
}

function pct(x: number): string {
  return `${(100 * x).toFixed(0)}%`;
}

/** One hypothesis search, as a pool worker receives it. */
export interface NecessityJob {
  readonly command: 'necessity';
  readonly id: string;
  readonly hypothesis: string;
  readonly seed: number;
  readonly runs?: number;
  readonly path?: string;
  /** Where the witnesses run first are read from. */
  readonly fixtures: string;
  /** Where a new witness is written (its witnesses/ folder). */
  readonly out: string;
  readonly save: boolean;
}

/** A search's part of the report, as plain data: its JSON entry and its verdict sentence. */
export interface NecessityRecord {
  readonly json: {
    readonly theorem: string;
    readonly hypothesis: string;
    readonly verdict: NecessityVerdict;
    readonly runs: number;
    readonly withoutShare: number;
    readonly seed: number;
    readonly path?: string;
    readonly timeMs: number;
    readonly witness?: HypothesisReport['witness'];
    readonly quantities?: string;
  };
  readonly text: string;
}

/** Search one hypothesis (in a pool worker), save its witness, and give its part of the report. */
export function searchHypothesis(theorem: Theorem<any>, job: NecessityJob, extra: Pick<RunOptions, 'onRun' | 'shouldStop'>): NecessityRecord {
  const { hypothesis, fixtures } = job;
  const result = runTheorem(theorem, { seed: job.seed, runs: job.runs, path: job.path, without: hypothesis, fixtures, ...extra });
  const verdict = verdictOf(result);
  const c = result.counterexample;
  let rep: HypothesisReport = { theorem: theorem.id, hypothesis, verdict, result };
  if (verdict === 'necessary' && c !== undefined) {
    const w = makeWitness(theorem, hypothesis, c, { seed: result.seed, path: result.path, quantities: result.error ?? '' });
    const saved = job.save ? saveOrShow(w, job.out) : { file: witnessFile(theorem.id, hypothesis, job.out), changed: false };
    rep = { ...rep, witness: { ...saved, file: shortPath(saved.file), layers: c.tmc.layers, widths: [...c.tmc.widths] } };
  }
  const json = {
    theorem: rep.theorem,
    hypothesis,
    verdict,
    runs: result.runs,
    withoutShare: result.withoutShare ?? 0,
    seed: result.seed,
    ...(result.path ? { path: result.path } : {}),
    timeMs: Math.round(result.timeMs),
    ...(rep.witness ? { witness: rep.witness } : {}),
    ...(result.error ? { quantities: result.error } : {}),
  };
  return { json, text: verdictText(rep) };
}

/** The record of a search whose worker was terminated after `runs` cases (Ctrl-C in a busy loop). */
function terminatedRecord(job: NecessityJob, end: { runs: number; timeMs: number }): NecessityRecord {
  const json = { theorem: job.id, hypothesis: job.hypothesis, verdict: 'interrupted' as const, runs: end.runs, withoutShare: 0, seed: job.seed, timeMs: end.timeMs };
  return { json, text: `interrupted after ${end.runs} runs` };
}

/** Search every selected hypothesis on a pool of workers, save witnesses, write the report; returns the exit code. */
export async function runNecessity(opts: NecessityOptions, io: CommandIo): Promise<number> {
  return withPool(opts, { threads: opts.jobs, signal: io.signal }, (pool) => necessityOnPool(pool, opts, io));
}

async function necessityOnPool(pool: TheoremPool, opts: NecessityOptions, io: CommandIo): Promise<number> {
  const theorems = (await pool.select()) ?? [];
  const wanted = opts.hypothesis;
  const selected = theorems.flatMap((t) =>
    t.hypotheses.filter((h) => !wanted || wanted.includes(h.id)).map((h) => ({ theorem: t, hypothesis: h.id, premise: h.premise })),
  );
  const unknown = io.signal?.aborted ? [] : (wanted ?? []).filter((h) => !selected.some((p) => p.hypothesis === h));
  const pairs = selected.filter((p) => p.premise === undefined);
  const premises = selected.flatMap((p) => (p.premise === undefined ? [] : [{ theorem: p.theorem.id, hypothesis: p.hypothesis, premise: p.premise }]));
  if (unknown.length > 0) {
    throw new UsageError(`no selected theorem has hypothesis ${unknown.join(', ')}`);
  }
  if (opts.path !== undefined && !io.signal?.aborted && (pairs.length !== 1 || opts.seed === undefined)) {
    throw new UsageError('--path replays one search: give it with --seed, one --theorem and one --hypothesis');
  }
  const seed = seedAndProfile(opts.seed);
  const fixtures = opts.fixtures ?? FIXTURES_DIR;
  const out = resolve(opts.out ?? opts.fixtures ?? 'fixtures');
  if (opts.save !== false) checkWitnessDir(out);
  const jobs = pairs.map(({ theorem, hypothesis }) => ({
    job: { command: 'necessity' as const, id: theorem.id, hypothesis, seed, runs: opts.runs, path: opts.path, fixtures, out, save: opts.save !== false },
    runs: opts.runs ?? theoremRuns(theorem.numRuns),
    priority: theorem.numRuns,
  }));
  const outcomes: JobOutcome<NecessityRecord>[] = await pool.run(jobs, io.progress);
  const reports = outcomes.flatMap((o, i) => ('report' in o ? [o.report] : 'terminated' in o ? [terminatedRecord(jobs[i].job, o.terminated)] : []));
  const stopped = io.signal?.aborted === true;
  const timing = opts.timing !== false;
  if (opts.json) {
    const json = reports.map((r) => (timing ? r.json : { ...r.json, timeMs: undefined }));
    io.out(`${JSON.stringify({ seed, hypotheses: json, premises, ...(stopped ? { interrupted: true } : {}) }, null, 2)}\n`);
  } else {
    const rows = reports.map(({ json, text }) => [json.theorem, json.hypothesis, text, ...(timing ? [`${(json.timeMs / 1000).toFixed(2)} s`] : [])]);
    const details = reports.flatMap(({ json }) => {
      const w = json.witness;
      if (!w) return [];
      const where = opts.save === false ? 'not saved' : `${w.file} (${w.changed ? 'saved' : 'unchanged'})`;
      return [`${json.theorem} without ${json.hypothesis}: ${where}\n  failing numbers: ${json.quantities}`];
    });
    const skipped = premises.map((p) => `${p.theorem} ${p.hypothesis}: a premise, not searched (${p.premise})`);
    const parts = [`seed ${seed}`, textTable(['theorem', 'hypothesis', 'verdict', ...(timing ? ['time'] : [])], rows), ...details, ...skipped];
    if (pairs.length === 0 && !stopped) parts.push('no selected theorem has a hypothesis');
    if (stopped) parts.push(`interrupted: ${pairs.length - reports.filter((r) => r.json.verdict !== 'interrupted').length} search(es) not finished`);
    io.out(`${parts.join('\n\n')}\n`);
  }
  if (reports.some((r) => r.json.verdict === 'not tested')) return 1;
  return stopped ? EXIT_INTERRUPTED : 0;
}

/** Save a witness; if the write fails after all, print the witness so the search is not lost. */
function saveOrShow(w: WitnessFile, out: string): { file: string; changed: boolean } {
  try {
    return saveWitness(w, out);
  } catch (e) {
    process.stderr.write(`tmc: cannot write the witness of ${w.theorem} without ${w.hypothesis} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); here it is:\n${witnessText(w)}`);
    return { file: witnessFile(w.theorem, w.hypothesis, out), changed: false };
  }
}

function shortPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

export function registerNecessity(program: Command): void {
  program
    .command('necessity')
    .description('for each hypothesis, search a case that meets the others and breaks the claim; save the shrunk witness')
    .option('--theorem <id...>', 'theorem ids or claim names (default: all)')
    .option('--hypothesis <id...>', 'only these hypotheses')
    .option('--runs <n>', 'runs per search (default: the theorem\'s own, times TMC_RUNS)', numberOption('runs', { integer: true, min: 1 }))
    .option('--seed <s>', 'fast-check seed (default: TMC_SEED or random)', numberOption('seed', SEED_RANGE))
    .option('--path <path>', 'replay path of a witness search (with --seed, one --theorem and one --hypothesis)', replayPathOption)
    .option('--properties <dir>', 'directory of *.prop.ts claim files (default: properties/)')
    .option('--out <dir>', 'write witnesses to DIR/witnesses/ (default: ./fixtures)')
    .option('--no-save', 'do not write witness files')
    .option('--json', 'print JSON')
    .option('--no-timing', 'leave out times, so that a seed gives a byte-identical report')
    .option('--jobs <n>', 'worker threads (default: one per core)', numberOption('jobs', { integer: true, min: 1, max: 64 }))
    .action(async (opts: NecessityOptions) => {
      process.exitCode = await onCtrlC((signal) => runNecessity(opts, cliIo(signal)));
    });
}
