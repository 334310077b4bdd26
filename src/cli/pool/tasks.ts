/**
 * What a theorem-pool worker does. Theorems hold functions and fast-check arbitraries, which cannot
 * cross threads, so a worker rebuilds them from the selection (claim files, the user's method: the
 * user's code loads and runs only here, where the pool can terminate it) and runs one by id. Replies
 * are plain data: summaries of the selected theorems, or a command's report pieces for one run.
 *
 * Ctrl-C and progress go through shared memory: `stop[0]` is the stop flag; `progress[i]` is job
 * `i`'s runs so far (-1 before it starts) and `startedAt[i]` its start (epoch ms).
 */
import { isUserError } from '../../errors.ts';
import { setPrecision } from '../../numeric.ts';
import type { RunOptions } from '../../theorems/run.ts';
import type { Theorem } from '../../theorems/theorem.ts';
import { checkTheorem, selectTheorems, type CheckJob, type CheckOptions, type TheoremReport } from '../commands/check.ts';
import type { LikeOptions } from '../differential.ts';
import { searchHypothesis, type NecessityJob, type NecessityRecord } from '../commands/necessity.ts';

/** The options that pick the theorems. */
export type Selection = Pick<CheckOptions, 'theorem' | 'method' | 'properties'> & LikeOptions;

/** A selected theorem as plain data. */
export interface TheoremSummary {
  readonly id: string;
  readonly numRuns: number;
  readonly hypotheses: readonly { readonly id: string; readonly premise?: string }[];
}

export interface Shared {
  readonly selection: Selection;
  readonly precision: number;
  readonly stop: SharedArrayBuffer;
}

export type Task =
  | (Shared & { readonly kind: 'select' })
  | (Shared & {
      readonly kind: 'run';
      readonly index: number;
      readonly job: CheckJob | NecessityJob;
      readonly progress: SharedArrayBuffer;
      readonly startedAt: SharedArrayBuffer;
    });

export type SelectReply = { readonly theorems: readonly TheoremSummary[] } | { readonly usageError: string };
export type RunReply = { readonly skipped: true } | { readonly report: TheoremReport | NecessityRecord };

const selections = new Map<string, Promise<Theorem<any>[]>>();

/** The theorems of a selection, built once per worker. */
function theoremsOf(selection: Selection): Promise<Theorem<any>[]> {
  const key = JSON.stringify([selection.theorem, selection.method, selection.properties]);
  let found = selections.get(key);
  if (!found) {
    found = selectTheorems(selection);
    selections.set(key, found);
  }
  return found;
}

/** The worker's task handler (the default export of worker.mjs). */
export async function runTask(task: Task): Promise<SelectReply | RunReply> {
  setPrecision(task.precision);
  if (task.kind === 'select') {
    try {
      const theorems = await theoremsOf(task.selection);
      return { theorems: theorems.map((t) => ({ id: t.id, numRuns: t.numRuns, hypotheses: t.hypotheses.map((h) => ({ id: h.id, premise: h.premise })) })) };
    } catch (e) {
      if (isUserError(e)) return { usageError: (e as Error).message };
      throw e;
    }
  }
  const stop = new Int32Array(task.stop);
  if (Atomics.load(stop, 0) !== 0) return { skipped: true };
  const progress = new Int32Array(task.progress);
  new Float64Array(task.startedAt)[task.index] = Date.now();
  Atomics.store(progress, task.index, 0);
  const theorem = (await theoremsOf(task.selection)).find((t) => t.id === task.job.id);
  if (!theorem) throw new Error(`pool worker: no theorem ${task.job.id} in this selection`);
  const extra: Pick<RunOptions, 'onRun' | 'shouldStop'> = {
    shouldStop: () => Atomics.load(stop, 0) !== 0,
    onRun: (done) => Atomics.store(progress, task.index, done),
  };
  const report = task.job.command === 'check' ? checkTheorem(theorem, task.job, extra) : searchHypothesis(theorem, task.job, extra);
  return { report };
}
