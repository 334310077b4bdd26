/**
 * Running one theorem with fast-check, and reporting the result for the human who must act:
 * verdict, shrunk counterexample, the failing quantity and the `{seed, path}` that replays it.
 */
import fc from 'fast-check';
import { sizeProfile, runs as scaledRuns } from '../arbitraries/profile.ts';
import type { Case, Theorem } from './theorem.ts';

export interface RunOptions {
  /** fast-check seed; default `TMC_SEED` or a fresh random seed. */
  readonly seed?: number;
  /** Number of runs; default the theorem's own, times `TMC_RUNS`. */
  readonly runs?: number;
  /** Replay path of a failure (with its seed). */
  readonly path?: string;
  /** Necessity search: draw cases meeting every hypothesis but this one, keep those violating it. */
  readonly without?: string;
  /** Stop shrinking after this many ms (default: shrink fully). */
  readonly shrinkTimeMs?: number;
}

export interface RunResult<C extends Case = Case> {
  readonly id: string;
  readonly status: 'passed' | 'failed';
  readonly runs: number;
  readonly seed: number;
  readonly path?: string;
  readonly counterexample?: C;
  /** Why it failed: the property's error, or the coverage shares that fell short. */
  readonly error?: string;
  readonly timeMs: number;
  /** Share of runs in each labelled class (from `classify`). */
  readonly shares: Readonly<Record<string, number>>;
}

/** The seed in force when none is given: `TMC_SEED`, else a fresh one. */
export function defaultSeed(): number {
  const env = process.env.TMC_SEED;
  if (env !== undefined && env !== '') {
    const n = Number(env);
    if (!Number.isInteger(n)) throw new RangeError(`TMC_SEED must be an integer, got ${JSON.stringify(env)}`);
    return n;
  }
  return (Date.now() ^ Math.floor(Math.random() * 0x100000000)) | 0;
}

/** Check `theorem` with fast-check and return its verdict (never throws for a failing claim). */
export function runTheorem<C extends Case>(theorem: Theorem<C>, options: RunOptions = {}): RunResult<C> {
  const seed = options.seed ?? defaultSeed();
  const numRuns = options.runs ?? scaledRuns(theorem.numRuns, sizeProfile());
  const dropped = options.without === undefined ? undefined : theorem.hypotheses.find((h) => h.id === options.without);
  if (options.without !== undefined && dropped === undefined) {
    throw new RangeError(`theorem ${theorem.id} has no hypothesis ${options.without}`);
  }
  const counts = new Map<string, number>();
  let counting = true;
  const property = fc.property(theorem.arbitrary(options.without), (c: C) => {
    if (dropped && dropped.holds(c)) return true;
    if (counting) for (const label of theorem.classify?.(c) ?? []) counts.set(label, (counts.get(label) ?? 0) + 1);
    try {
      const ok = theorem.property(c) !== false;
      if (!ok) counting = false;
      return ok;
    } catch (e) {
      counting = false;
      throw e;
    }
  });
  const started = performance.now();
  const details = fc.check(property, {
    seed,
    numRuns,
    path: options.path,
    examples: options.without || options.path ? [] : (theorem.examples?.() ?? []).map((c) => [c] as [C]),
    plugins: options.shrinkTimeMs === undefined ? [] : [fc.interruptAfterTimeLimit(options.shrinkTimeMs)],
  });
  const timeMs = performance.now() - started;
  const shares = Object.fromEntries([...counts].map(([label, n]) => [label, n / Math.max(1, details.numRuns)]));
  const base = { id: theorem.id, runs: details.numRuns, seed, timeMs, shares };
  if (details.failed) {
    return {
      ...base,
      status: 'failed',
      path: details.counterexamplePath ?? undefined,
      counterexample: (details.counterexample as [C] | null)?.[0],
      error: describeError(details.errorInstance),
    };
  }
  if (!dropped) {
    const short = Object.entries(theorem.minShares ?? {}).filter(([label, min]) => (shares[label] ?? 0) < min);
    if (short.length > 0) {
      const why = short.map(([label, min]) => `"${label}" in ${pct(shares[label] ?? 0)} of runs (needs ${pct(min)})`);
      return { ...base, status: 'failed', error: `checked too little: ${why.join('; ')}` };
    }
  }
  return { ...base, status: 'passed' };
}

function pct(x: number): string {
  return `${(100 * x).toFixed(0)}%`;
}

function describeError(e: unknown): string {
  if (e === null || e === undefined) return 'property returned false';
  return e instanceof Error ? e.message : String(e);
}

/** The command that replays a failure. */
export function replayCommand(result: RunResult<any>): string {
  const path = result.path ? ` --path ${result.path}` : '';
  return `npx tmc check --theorem ${result.id} --seed ${result.seed}${path}`;
}

/** A failure as lines for a human: counterexample first, then the error and the replay command. */
export function formatFailure(result: RunResult<any>): string {
  const lines = [`${result.id} FAILED after ${result.runs} runs (seed ${result.seed}${result.path ? `, path ${result.path}` : ''})`];
  if (result.counterexample !== undefined) lines.push('counterexample:', indent(fc.stringify(result.counterexample)));
  if (result.error) lines.push(`error: ${result.error}`);
  lines.push(`replay: ${replayCommand(result)}`);
  return lines.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
