/**
 * `tmc infer --tmc FILE --task NAME|INDEX --method M [--n N] [--lambda X] [--keep K] [--start task|uniform]
 * [--k K] [--sampled --seed S [--runs R]] [--json]`: the exact output distribution of an inference-time
 * selector (SPEC §5) from the base policy: every CoT it can return with its probability, its mass on
 * easy, hard and invalid CoTs of the task, and with `--k` the exact pass@K over the task's instances.
 * `--sampled` also runs the seeded sampler `--runs` times (default 1000) and shows the frequencies
 * beside the exact probabilities. Methods: orm-bon, soft-bon, prm-bon, dprm-bon, dprm-as, and the
 * paper's procedures orm-bon-top-k (with --keep), soft-bon-distinct, dprm-as-without-base.
 */
import type { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import { SELECTOR_NAMES, selectorByName, type Selector, type StartMode } from '../../inference/index.ts';
import { outputCoverage, outputKind, outputPassAtK } from '../../inference/output-metrics.ts';
import type { SelectedCot } from '../../inference/selector.ts';
import { checkInferWork } from '../../limits.ts';
import { D } from '../../numeric.ts';
import { makeRng } from '../../sampling.ts';
import { terminalText } from '../../escape.ts';
import type { Tmc } from '../../tmc.ts';
import { jsonDecimal, printJson, tableDecimal, textTable } from '../format.ts';
import { isMethodFile, loadSelector } from '../load-method.ts';
import { numberOption, readTmcFile, resolveTask } from '../options.ts';
import { withProgress } from '../progress.ts';

export interface InferOptions {
  readonly tmc: string;
  readonly task: string;
  readonly method: string;
  readonly n?: number;
  readonly lambda?: number;
  readonly keep?: number;
  readonly start?: string;
  readonly k?: number;
  readonly sampled?: boolean;
  readonly seed?: number;
  readonly runs?: number;
  readonly json?: boolean;
}

export interface InferResult {
  readonly method: string;
  readonly params: Readonly<Record<string, number | string>>;
  readonly task: string;
  readonly cots: { path: number[]; prob: string; kind: string; sampled?: string }[];
  readonly mass: { easy: string; hard: string; invalid: string };
  readonly passAtK?: string;
  readonly K?: number;
  readonly sampled?: { seed: number; runs: number };
}

/** Sampled frequencies of `runs` seeded runs, by path. */
function sampleFrequencies(selector: Selector, tmc: Tmc, k: number, seed: number, runs: number): Map<string, number> {
  const rng = makeRng(seed);
  const counts = new Map<string, number>();
  return withProgress(runs, (tick) => {
    for (let i = 0; i < runs; i++) {
      const key = selector.sample(tmc, k, rng).join();
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (i % 100 === 0) tick(i);
    }
    return counts;
  });
}

/** The user's selector of `--method FILE`; the built-ins' options are refused (the file sets its own). */
async function userSelector(opts: InferOptions): Promise<Selector> {
  const given = (['n', 'lambda', 'keep', 'start'] as const).find((key) => opts[key] !== undefined);
  if (given) throw new UsageError(`--${given} configures a built-in selector; ${opts.method} sets its own parameters`);
  return loadSelector(opts.method);
}

/** Run `tmc infer` and return what it prints as JSON. */
export function infer(opts: InferOptions, given?: Selector): InferResult {
  if (!given && !SELECTOR_NAMES.includes(opts.method)) throw new UsageError(`--method must be one of ${SELECTOR_NAMES.join(', ')}, got ${JSON.stringify(opts.method)}`);
  const start = opts.start ?? 'task';
  if (start !== 'task' && start !== 'uniform') throw new UsageError(`--start must be task or uniform, got ${JSON.stringify(start)}`);
  if (opts.seed !== undefined && !opts.sampled) throw new UsageError('--seed needs --sampled');
  if (opts.runs !== undefined && !opts.sampled) throw new UsageError('--runs needs --sampled');
  if (opts.method === 'orm-bon-top-k' && opts.keep === undefined) throw new UsageError('--method orm-bon-top-k needs --keep');
  const tmc = readTmcFile(opts.tmc);
  const k = resolveTask(tmc, opts.task);
  checkInferWork(tmc, start === 'uniform' ? tmc.widths.slice(0, 1).flatMap((w) => [...Array(w).keys()]) : [tmc.tasks[k].start]);
  const selector = given ?? selectorByName(opts.method, { n: opts.n ?? 8, lambda: opts.lambda ?? 1, keep: opts.keep, start: start as StartMode });
  const dist: SelectedCot[] = selector.distribution(tmc, k);
  const mass = outputCoverage(tmc, k, dist);
  const seed = opts.seed ?? 0;
  const runs = opts.runs ?? 1000;
  const freq = opts.sampled ? sampleFrequencies(selector, tmc, k, seed, runs) : undefined;
  const cots = dist.map((c) => ({
    path: [...c.path],
    prob: jsonDecimal(c.prob),
    kind: outputKind(tmc, k, c.path),
    ...(freq ? { sampled: String((freq.get(c.path.join()) ?? 0) / runs) } : {}),
  }));
  return {
    method: selector.name,
    params: selector.params,
    task: tmc.tasks[k].name,
    cots,
    mass: { easy: jsonDecimal(mass.easy), hard: jsonDecimal(mass.hard), invalid: jsonDecimal(mass.invalid) },
    ...(opts.k === undefined ? {} : { passAtK: jsonDecimal(outputPassAtK(tmc, k, dist, opts.k)), K: opts.k }),
    ...(freq ? { sampled: { seed, runs } } : {}),
  };
}

/** The result as text: the CoTs table, the masses, pass@K. */
export function inferText(r: InferResult): string {
  const params = Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join(', ');
  const header = ['CoT', 'kind', 'P(o)', ...(r.sampled ? [`sampled (${r.sampled.runs} runs, seed ${r.sampled.seed})`] : [])];
  const rows = r.cots.map((c) => [c.path.join(' '), c.kind, tableDecimal(new D(c.prob)), ...(c.sampled === undefined ? [] : [c.sampled])]);
  const lines = [
    `${r.method} (${params}) on task ${r.task}: ${r.cots.length} CoT(s) it can return`,
    textTable(header, rows),
    `mass: easy ${tableDecimal(new D(r.mass.easy))}, hard ${tableDecimal(new D(r.mass.hard))}, invalid ${tableDecimal(new D(r.mass.invalid))}`,
    ...(r.passAtK === undefined ? [] : [`pass@${r.K} (exact, over the task's instances): ${tableDecimal(new D(r.passAtK))}`]),
  ];
  return lines.join('\n');
}

export function registerInfer(program: Command): void {
  program
    .command('infer')
    .description("exact output distribution of an inference-time selector (ORM/Soft/PRM/DPRM best-of-N, DPRM-AS) from the base policy")
    .requiredOption('--tmc <file>', 'TMC file (JSON)')
    .requiredOption('--task <name|index>', 'task name or 0-based index')
    .requiredOption('--method <name|file>', `${SELECTOR_NAMES.join('|')}, or a file of yours (.ts, .js)`)
    .option('--n <N>', 'number of draws (default 8)', numberOption('n', { integer: true, min: 1 }))
    .option('--lambda <x>', 'inverse temperature lambda > 0 (default 1)', numberOption('lambda', { min: 0, exclusiveMin: true }))
    .option('--keep <K>', 'orm-bon-top-k: draws kept', numberOption('keep', { integer: true, min: 1 }))
    .option('--start <mode>', 'where draws start: task or uniform (default task)')
    .option('--k <K>', 'also print the exact pass@K', numberOption('k', { integer: true, min: 1 }))
    .option('--sampled', 'also run the seeded sampler and show frequencies')
    .option('--seed <S>', 'sampler seed (default 0)', numberOption('seed', { integer: true }))
    .option('--runs <R>', 'sampler runs (default 1000)', numberOption('runs', { integer: true, min: 1 }))
    .option('--json', 'print JSON')
    .action(async (opts: InferOptions) => {
      const r = infer(opts, isMethodFile(opts.method) ? await userSelector(opts) : undefined);
      if (opts.json) printJson(r);
      else process.stdout.write(`${terminalText(inferText(r))}\n`);
    });
}
