/**
 * Running a command's theorems on every core: a tinypool of worker threads (one per core by
 * default), one theorem run per task. Each run depends only on its seed and options, so the replies
 * equal a serial run's but for the times; they come back in the order given, whatever order they
 * finish in.
 *
 * Ctrl-C (`signal`) raises a shared stop flag: every worker ends its run before the next case and
 * replies with what ran, and runs not started are skipped. Workers still busy `STOP_GRACE_MS` later
 * (a user's method looping inside one case, or while it loads) are terminated; their runs are
 * reported with the cases they had finished.
 */
import { availableParallelism } from 'node:os';
import cliProgress from 'cli-progress';
import Tinypool from 'tinypool';
import { LIKE_PARAMS } from '../differential.ts';
import { UsageError } from '../../errors.ts';
import { precision } from '../../numeric.ts';
import type { CheckJob } from '../commands/check.ts';
import type { NecessityJob } from '../commands/necessity.ts';
import type { RunReply, SelectReply, Selection, Task, TheoremSummary } from './tasks.ts';

/** How long workers get to stop before the next case, after Ctrl-C, before they are terminated. */
export const STOP_GRACE_MS = 2000;
const PROGRESS_EVERY_MS = 100;

export interface PoolJob<J extends CheckJob | NecessityJob> {
  readonly job: J;
  /** Runs it makes (progress bar total). */
  readonly runs: number;
  /** Dispatch order, lowest first (results keep the given order). */
  readonly priority: number;
}

/** A job's end: the worker's report, terminated after `runs` cases, or never started. */
export type JobOutcome<R> = { readonly report: R } | { readonly terminated: { readonly runs: number; readonly timeMs: number } } | { readonly skipped: true };

export interface PoolOptions {
  /** Worker threads (default: one per core). */
  readonly threads?: number;
  readonly signal?: AbortSignal;
}

export class TheoremPool {
  private readonly pool: Tinypool;
  private readonly stop = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  private readonly signal?: AbortSignal;
  private grace?: NodeJS.Timeout;
  private terminated = false;
  private readonly onAbort = () => {
    Atomics.store(new Int32Array(this.stop), 0, 1);
    this.grace = setTimeout(() => {
      this.terminated = true;
      void this.pool.destroy();
    }, STOP_GRACE_MS);
  };

  private readonly selection: Selection;

  /** The working precision, which workers set before each task. */
  private readonly precision = precision();

  constructor(selection: Selection, options: PoolOptions = {}) {
    // Only what picks the theorems crosses to the workers (the rule options of --like among it).
    const { theorem, method, properties, like } = selection;
    this.selection = { theorem, method, properties, like, ...Object.fromEntries(LIKE_PARAMS.map((k) => [k, selection[k]])) };
    const threads = options.threads ?? availableParallelism();
    // Workers start on demand: a check that stops at loading (a usage error) or runs one theorem starts one.
    this.pool = new Tinypool({ filename: new URL('./worker.mjs', import.meta.url).href, minThreads: 0, maxThreads: threads, idleTimeout: 60_000 });
    this.signal = options.signal;
    if (this.signal?.aborted) this.onAbort();
    else this.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** The selected theorems (loaded in a worker); `undefined` when Ctrl-C ended the loading. */
  async select(): Promise<readonly TheoremSummary[] | undefined> {
    const task: Task = { kind: 'select', selection: this.selection, precision: this.precision, stop: this.stop };
    let reply: SelectReply;
    try {
      reply = await this.pool.run(task);
    } catch (e) {
      if (this.terminated) return undefined;
      throw e;
    }
    if ('usageError' in reply) throw new UsageError(reply.usageError);
    return reply.theorems;
  }

  /** Run the jobs, drawing a progress bar on stderr when `progress`; outcomes in the order given. */
  async run<J extends CheckJob | NecessityJob, R>(jobs: readonly PoolJob<J>[], progress = false): Promise<JobOutcome<R>[]> {
    const counts = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * jobs.length)).fill(-1);
    const startedAt = new Float64Array(new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT * jobs.length));
    const outcomes: JobOutcome<R>[] = jobs.map(() => ({ skipped: true }));
    const finished = new Set<number>();
    const stopBar = progressBar(jobs, counts, finished, progress);
    const order = jobs.map((_, i) => i).sort((a, b) => jobs[a].priority - jobs[b].priority || a - b);
    const shared = { selection: this.selection, precision: this.precision, stop: this.stop };
    try {
      await Promise.all(
        order.map(async (index) => {
          const task: Task = { ...shared, kind: 'run', index, job: jobs[index].job, progress: counts.buffer as SharedArrayBuffer, startedAt: startedAt.buffer as SharedArrayBuffer };
          try {
            const reply: RunReply = await this.pool.run(task);
            if ('report' in reply) outcomes[index] = { report: reply.report as R };
          } catch (e) {
            if (!this.terminated) throw e;
            const runs = Atomics.load(counts, index);
            if (runs >= 0) outcomes[index] = { terminated: { runs, timeMs: Date.now() - startedAt[index] } };
          } finally {
            finished.add(index);
          }
        }),
      );
    } finally {
      stopBar();
    }
    return outcomes;
  }

  /** End the workers (waits for them to exit). */
  async close(): Promise<void> {
    this.signal?.removeEventListener('abort', this.onAbort);
    clearTimeout(this.grace);
    if (!this.terminated) {
      this.terminated = true;
      await this.pool.destroy();
    }
  }
}

/** A bar of runs done over all jobs, from the workers' counts; returns the function that removes it. */
function progressBar(jobs: readonly PoolJob<any>[], counts: Int32Array, finished: ReadonlySet<number>, enabled: boolean): () => void {
  if (!enabled) return () => undefined;
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: '{bar} {value}/{total} runs | {label}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  const total = jobs.reduce((a, j) => a + j.runs, 0);
  const update = () => {
    let done = 0;
    const running: string[] = [];
    jobs.forEach((j, i) => {
      const n = Atomics.load(counts, i);
      done += finished.has(i) ? j.runs : Math.max(0, Math.min(n, j.runs));
      if (n >= 0 && !finished.has(i)) running.push(j.job.id);
    });
    bar.update(done, { label: running.join(', ') });
  };
  bar.start(total, 0, { label: '' });
  const ticker = setInterval(update, PROGRESS_EVERY_MS);
  return () => {
    clearInterval(ticker);
    update();
    bar.stop();
  };
}

/** Run `fn` on a new pool, whose workers end when it settles. */
export async function withPool<T>(selection: Selection, options: PoolOptions, fn: (pool: TheoremPool) => Promise<T>): Promise<T> {
  const pool = new TheoremPool(selection, options);
  try {
    return await fn(pool);
  } finally {
    await pool.close();
  }
}
