/**
 * `tmc necessity [--theorem ID…] [--hypothesis H…] [--runs N] [--seed S] [--path P] [--no-save] [--json]`:
 * for each hypothesis of each claim, search cases meeting every other hypothesis but not this one
 * (`theorem.arbitrary(h)`); when the claim fails, fast-check shrinks the case and it is saved as
 * `fixtures/witnesses/<theorem>--<h>.json`. Verdict per hypothesis: "necessary (witness: L layers x
 * W states)", "no counterexample in N runs" (a finding: the claim may hold without it), or "not
 * tested" when the search never drew a case without it (a bug of the theorem's arbitrary; exit 1).
 */
import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { sizeProfile, runs as scaledRuns } from '../../arbitraries/profile.ts';
import { UsageError } from '../../errors.ts';
import { tmcSize } from '../../explain/text.ts';
import { runTheoremAsync, type RunOptions, type RunResult } from '../../theorems/run.ts';
import type { Theorem } from '../../theorems/theorem.ts';
import { FIXTURES_DIR, checkWitnessDir, makeWitness, saveWitness, witnessFile, witnessText, type WitnessFile } from '../../theorems/witness.ts';
import { textTable } from '../format.ts';
import { numberOption, replayPathOption } from '../options.ts';
import { SEED_RANGE } from '../../seed.ts';
import { EXIT_INTERRUPTED, cliIo, onCtrlC, runAll, seedAndProfile, selectTheorems, type CommandIo } from './check.ts';

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
  /** Directory holding witnesses/ and regressions/ (default fixtures/; tests use a temporary one). */
  readonly fixtures?: string;
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

/** Search every selected hypothesis, save witnesses, write the report; returns the exit code. */
export async function runNecessity(opts: NecessityOptions, io: CommandIo): Promise<number> {
  const theorems = await selectTheorems(opts);
  const wanted = opts.hypothesis;
  const selected = theorems.flatMap((t) =>
    t.hypotheses.filter((h) => !wanted || wanted.includes(h.id)).map((h) => ({ theorem: t as Theorem<any>, hypothesis: h.id, premise: h.premise })),
  );
  const unknown = (wanted ?? []).filter((h) => !selected.some((p) => p.hypothesis === h));
  const pairs = selected.filter((p) => p.premise === undefined);
  const premises = selected.flatMap((p) => (p.premise === undefined ? [] : [{ theorem: p.theorem.id, hypothesis: p.hypothesis, premise: p.premise }]));
  if (unknown.length > 0) {
    throw new UsageError(`no selected theorem has hypothesis ${unknown.join(', ')}`);
  }
  if (opts.path !== undefined && (pairs.length !== 1 || opts.seed === undefined)) {
    throw new UsageError('--path replays one search: give it with --seed, one --theorem and one --hypothesis');
  }
  const seed = seedAndProfile(opts.seed);
  const fixtures = opts.fixtures ?? FIXTURES_DIR;
  const out = resolve(opts.out ?? opts.fixtures ?? 'fixtures');
  if (opts.save !== false) checkWitnessDir(out);
  const jobs = pairs.map(({ theorem, hypothesis }) => ({
    label: `${theorem.id} without ${hypothesis}`,
    runs: opts.runs ?? scaledRuns(theorem.numRuns, sizeProfile()),
    run: async (extra: Pick<RunOptions, 'onRun'> & { signal?: AbortSignal }): Promise<HypothesisReport> => {
      const result = await runTheoremAsync(theorem, { seed, runs: opts.runs, path: opts.path, without: hypothesis, fixtures, ...extra });
      const verdict = verdictOf(result);
      const c = result.counterexample;
      if (verdict !== 'necessary' || c === undefined) return { theorem: theorem.id, hypothesis, verdict, result };
      const w = makeWitness(theorem, hypothesis, c, { seed: result.seed, path: result.path, quantities: result.error ?? '' });
      const size = { layers: c.tmc.layers, widths: [...c.tmc.widths] };
      const saved = opts.save === false ? { file: witnessFile(theorem.id, hypothesis, out), changed: false } : saveOrShow(w, out);
      return { theorem: theorem.id, hypothesis, verdict, result, witness: { ...saved, ...size } };
    },
  }));
  const reports = await runAll(jobs, io, (rep) => rep.verdict === 'interrupted');
  const stopped = io.signal?.aborted === true;
  if (opts.json) {
    const json = reports.map((rep) => ({
      theorem: rep.theorem,
      hypothesis: rep.hypothesis,
      verdict: rep.verdict,
      runs: rep.result.runs,
      withoutShare: rep.result.withoutShare ?? 0,
      seed: rep.result.seed,
      ...(rep.result.path ? { path: rep.result.path } : {}),
      timeMs: Math.round(rep.result.timeMs),
      ...(rep.witness ? { witness: { ...rep.witness, file: shortPath(rep.witness.file) } } : {}),
      ...(rep.result.error ? { quantities: rep.result.error } : {}),
    }));
    io.out(`${JSON.stringify({ seed, hypotheses: json, premises, ...(stopped ? { interrupted: true } : {}) }, null, 2)}\n`);
  } else {
    const rows = reports.map((rep) => [rep.theorem, rep.hypothesis, verdictText(rep), `${(rep.result.timeMs / 1000).toFixed(2)} s`]);
    const details = reports
      .filter((rep) => rep.witness)
      .map((rep) => {
        const w = rep.witness!;
        const where = opts.save === false ? 'not saved' : `${shortPath(w.file)} (${w.changed ? 'saved' : 'unchanged'})`;
        return `${rep.theorem} without ${rep.hypothesis}: ${where}\n  failing numbers: ${rep.result.error}`;
      });
    const skipped = premises.map((p) => `${p.theorem} ${p.hypothesis}: a premise, not searched (${p.premise})`);
    const parts = [`seed ${seed}`, textTable(['theorem', 'hypothesis', 'verdict', 'time'], rows), ...details, ...skipped];
    if (pairs.length === 0) parts.push('no selected theorem has a hypothesis');
    if (stopped) parts.push(`interrupted: ${pairs.length - reports.filter((r) => r.verdict !== 'interrupted').length} search(es) not finished`);
    io.out(`${parts.join('\n\n')}\n`);
  }
  if (reports.some((rep) => rep.verdict === 'not tested')) return 1;
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
    .action(async (opts: NecessityOptions) => {
      process.exitCode = await onCtrlC((signal) => runNecessity(opts, cliIo(signal)));
    });
}
