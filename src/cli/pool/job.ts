/**
 * One theorem run inside a pool worker. The worker rebuilds the theorems from the same check
 * options (claim files, the user's method, `--like`), since theorems hold functions and cannot
 * cross threads, and returns the report pieces as plain data: the JSON record and the failure text.
 * Progress and Ctrl-C go through a shared array: slot 0 is the stop flag, slot `1 + index` this
 * job's runs so far.
 */
import { setPrecision } from '../../numeric.ts';
import { runTheorem } from '../../theorems/run.ts';
import type { Theorem } from '../../theorems/theorem.ts';
import { failureText, resultJson, selectTheorems, type CheckOptions } from '../commands/check.ts';

export interface Job {
  readonly index: number;
  readonly id: string;
  /** The check's options with the seed fixed. */
  readonly options: CheckOptions & { readonly seed: number };
  readonly precision: number;
  /** Int32 slots: `[stop, runs of job 0, runs of job 1, …]`. */
  readonly control: SharedArrayBuffer;
}

export type ResultRecord = ReturnType<typeof resultJson>;

/** The job's report; `skipped` when the check was stopped before it started. */
export type JobReport =
  | { readonly index: number; readonly skipped: true }
  | { readonly index: number; readonly skipped?: undefined; readonly json: ResultRecord; readonly failure?: string };

const selections = new Map<string, Promise<Theorem<any>[]>>();

/** The theorems of a check, built once per worker and option set. */
function theoremsFor(options: CheckOptions): Promise<Theorem<any>[]> {
  const key = JSON.stringify(options, ['theorem', 'method', 'properties', 'like', 'params']);
  let found = selections.get(key);
  if (!found) {
    found = selectTheorems(options);
    selections.set(key, found);
  }
  return found;
}

export async function runJob(job: Job): Promise<JobReport> {
  const control = new Int32Array(job.control);
  if (Atomics.load(control, 0) !== 0) return { index: job.index, skipped: true };
  setPrecision(job.precision);
  const theorem = (await theoremsFor(job.options)).find((t) => t.id === job.id);
  if (!theorem) throw new Error(`pool worker: no theorem ${job.id}`);
  const { seed, runs, path, properties, method } = job.options;
  const result = runTheorem(theorem, {
    seed,
    runs,
    path,
    shouldStop: () => Atomics.load(control, 0) !== 0,
    onRun: (done) => Atomics.store(control, 1 + job.index, done),
  });
  const replay = { properties, method };
  return {
    index: job.index,
    json: resultJson(theorem, result, replay),
    ...(result.status === 'failed' ? { failure: failureText(theorem, result, replay) } : {}),
  };
}
