/**
 * Running a check's theorems on every core: one tinypool worker thread per core, one theorem per
 * task, results in the order given whatever order they finish in. A theorem's run depends only on
 * its seed and options, so the report equals a serial run's but for the times.
 *
 * Ctrl-C (`signal`) raises the shared stop flag: each worker ends its theorem at the next case and
 * reports what ran, and queued theorems are skipped. A worker still busy after `STOP_GRACE_MS`
 * (a user's method looping inside one case) is terminated, and its theorem reported with the runs
 * it had finished.
 */
import { availableParallelism } from 'node:os';
import cliProgress from 'cli-progress';
import Tinypool from 'tinypool';
import type { Theorem } from '../../theorems/theorem.ts';
import type { CheckOptions } from '../commands/check.ts';
import type { JobReport, ResultRecord } from './job.ts';

/** How long workers get to stop at a case boundary before they are terminated. */
export const STOP_GRACE_MS = 2000;
const PROGRESS_EVERY_MS = 100;

export interface PoolRun {
  readonly theorem: Theorem<any>;
  readonly runs: number;
}

/** A theorem's record; `not run` when Ctrl-C came before it started. */
export type PoolRecord = Omit<ResultRecord, 'status'> & { readonly status: ResultRecord['status'] | 'not run' };

export interface PoolOutcome {
  /** Per theorem, in the order given. */
  readonly records: PoolRecord[];
  readonly failures: (string | undefined)[];
}

export interface PoolIo {
  readonly signal?: AbortSignal;
  readonly progress?: boolean;
  /** Worker threads (default: one per core, at most one per theorem). */
  readonly threads?: number;
}

/** Run `jobs` in a pool; `options` are the check's (with the seed fixed), `precision` the working one. */
export async function runInPool(
  jobs: readonly PoolRun[],
  options: CheckOptions & { readonly seed: number },
  precision: number,
  io: PoolIo,
): Promise<PoolOutcome> {
  const control = new SharedArrayBuffer(4 * (1 + jobs.length));
  const slots = new Int32Array(control);
  const threads = Math.max(1, Math.min(io.threads ?? availableParallelism(), jobs.length));
  const pool = new Tinypool({ filename: new URL('./worker.mjs', import.meta.url).href, minThreads: threads, maxThreads: threads, idleTimeout: 0 });
  const record = (theorem: Theorem<any>, status: 'interrupted' | 'not run', runs: number): PoolRecord => ({
    id: theorem.id,
    status,
    runs,
    seed: options.seed,
    hypotheses: theorem.hypotheses.map((h) => h.id),
    timeMs: 0,
    shares: {},
  });
  const records = jobs.map(({ theorem }) => record(theorem, 'not run', 0));
  const failures: (string | undefined)[] = jobs.map(() => undefined);
  const started = performance.now();
  const total = jobs.reduce((a, j) => a + j.runs, 0);
  const bar = io.progress
    ? new cliProgress.SingleBar(
        { stream: process.stderr, format: '{bar} {value}/{total} runs | {label}', hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(total, 0, { label: `${threads} worker(s)` });
  const finished = new Set<number>();
  const done = () => jobs.reduce((a, j, i) => a + (finished.has(i) ? j.runs : Math.min(j.runs, Atomics.load(slots, 1 + i))), 0);
  const ticker = bar ? setInterval(() => bar.update(done()), PROGRESS_EVERY_MS) : undefined;

  let killed = false;
  let grace: NodeJS.Timeout | undefined;
  const stop = () => {
    Atomics.store(slots, 0, 1);
    grace = setTimeout(() => {
      killed = true;
      void pool.destroy();
    }, STOP_GRACE_MS);
  };
  if (io.signal?.aborted) stop();
  else io.signal?.addEventListener('abort', stop, { once: true });

  const tasks = jobs.map(async ({ theorem }, index) => {
    try {
      const report: JobReport = await pool.run({ index, id: theorem.id, options, precision, control });
      if (!report.skipped) {
        records[index] = report.json;
        failures[index] = report.failure;
      }
    } catch (e) {
      if (!killed) throw e;
      // Terminated while looping inside a case: report the runs it finished.
      records[index] = { ...record(theorem, 'interrupted', Atomics.load(slots, 1 + index)), timeMs: Math.round(performance.now() - started) };
    } finally {
      finished.add(index);
    }
  });
  try {
    await Promise.all(tasks);
  } finally {
    io.signal?.removeEventListener('abort', stop);
    clearTimeout(grace);
    if (ticker) clearInterval(ticker);
    bar?.stop();
    if (!killed) await pool.destroy();
  }
  return { records, failures };
}
