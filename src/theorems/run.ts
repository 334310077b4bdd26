/**
 * Running one theorem with fast-check, and reporting the result for the human who must act:
 * verdict, shrunk counterexample, the failing quantity and the `{seed, path}` that replays it.
 *
 * Saved cases run first (fast-check `examples`): for the theorem itself its `examples()` and
 * `fixtures/regressions/<theorem>.json`; for a necessity search without hypothesis `h`, the saved
 * witness `fixtures/witnesses/<theorem>--<h>.json`. A reported `path` counts generated cases only
 * (the examples are left out), so it replays with `--seed S --path P` even after the saved cases
 * change; a failure of a saved case reports no path (it runs first under any seed).
 */
import fc from 'fast-check';
import { theoremRuns } from '../arbitraries/profile.ts';
import { decodeCase, encodeCase } from './case-codec.ts';
import type { Case, Theorem } from './theorem.ts';
import { FIXTURES_DIR, brokenHypotheses, readWitness, regressionCases, witnessCase, witnessFile } from './witness.ts';
import { existsSync } from 'node:fs';
import { parseSeed } from '../seed.ts';

export interface RunOptions {
  /** fast-check seed; default `TMC_SEED` or a fresh random seed. */
  readonly seed?: number;
  /** Number of runs; default the theorem's own (at least 100), times `TMC_RUNS`. */
  readonly runs?: number;
  /** Replay path of a failure (with its seed); saved cases are not run. */
  readonly path?: string;
  /** Necessity search: draw cases meeting every hypothesis but this one, keep those violating it. */
  readonly without?: string;
  /** Stop the whole check (runs and shrinking) after this many ms (default: no limit). */
  readonly shrinkTimeMs?: number;
  /** Directory holding `witnesses/` and `regressions/` (default `fixtures/`). */
  readonly fixtures?: string;
  /** Called after each run until the first failure, with the number of runs so far (progress bars). */
  readonly onRun?: (done: number) => void;
  /** Polled before each run: once true, the check stops there (`interrupted: true`); a pool worker's Ctrl-C. */
  readonly shouldStop?: () => boolean;
  /**
   * Leave the coverage minimums to src/theorems/coverage.test.ts (the npm test battery, which runs a
   * theorem's own count, often too few cases for its shares to be meaningful).
   */
  readonly skipCoverage?: boolean;
}

export interface AsyncRunOptions extends RunOptions {
  /** Aborting stops the check at the next run; the result then has `interrupted: true`. */
  readonly signal?: AbortSignal;
}

export interface RunResult<C extends Case = Case> {
  readonly id: string;
  readonly status: 'passed' | 'failed';
  readonly runs: number;
  /** How many of the runs were distinct cases (a small family is drawn again and again). */
  readonly distinct: number;
  readonly seed: number;
  readonly path?: string;
  readonly counterexample?: C;
  /** Why it failed: the property's error, or the coverage shares that fell short. */
  readonly error?: string;
  readonly timeMs: number;
  /** Share of runs in each labelled class (from `classify`). */
  readonly shares: Readonly<Record<string, number>>;
  /** The hypothesis dropped (necessity search). */
  readonly without?: string;
  /** Necessity search: share of runs whose case really went without the hypothesis. */
  readonly withoutShare?: number;
  /** The check was stopped early (abort signal or time limit); a pass then means "none failed so far". */
  readonly interrupted?: boolean;
  /** The counterexample is a saved case (regression or witness), not a generated one. */
  readonly savedCase?: boolean;
}

/** The seed in force when none is given: `TMC_SEED`, else a fresh one. */
export function defaultSeed(): number {
  const env = process.env.TMC_SEED;
  if (env !== undefined && env !== '') {
    return parseSeed(env, 'TMC_SEED');
  }
  return (Date.now() ^ Math.floor(Math.random() * 0x100000000)) | 0;
}

/**
 * The saved cases that run first. Without a hypothesis: its witness, if saved. Otherwise the
 * theorem's `examples()` and its regression file; a regression case that breaks a hypothesis is an
 * error (it would fail the claim for the wrong reason), reported with its file.
 */
export function savedExamples<C extends Case>(theorem: Theorem<C>, without?: string, fixtures = FIXTURES_DIR): C[] {
  if (without !== undefined) {
    const file = witnessFile(theorem.id, without, fixtures);
    return existsSync(file) ? [withFile(file, () => witnessCase(theorem, readWitness(file)))] : [];
  }
  const { file, cases } = regressionCases(theorem.id, fixtures);
  const saved = cases.map((json, i) =>
    withFile(`${file} case ${i}`, () => {
      const c = decodeCase(theorem, json);
      const broken = brokenHypotheses(theorem, c);
      if (broken.length > 0) throw new Error(`breaks hypothesis ${broken.join(', ')}`);
      return c;
    }),
  );
  return [...(theorem.examples?.() ?? []), ...saved];
}

function withFile<T>(where: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new Error(`${where}: ${(e as Error).message}`);
  }
}

type Plugin<C> = fc.Plugin<[C]>;

/** The case as a JSON string, or undefined when it has no JSON form. */
function caseKey<C extends Case>(theorem: Theorem<C>, c: C): string | undefined {
  try {
    return JSON.stringify(encodeCase(theorem, c));
  } catch {
    return undefined;
  }
}

/** The classes whose share falls under the theorem's `minShares`, each as `"label" in 7% of runs (needs 10%)`. */
export function coverageShortfall(theorem: Theorem<any>, shares: Readonly<Record<string, number>>): string[] {
  return Object.entries(theorem.minShares ?? {})
    .filter(([label, min]) => (shares[label] ?? 0) < min)
    .map(([label, min]) => `"${label}" in ${pct(shares[label] ?? 0)} of runs (needs ${pct(min)})`);
}

/** What the sync and async runners share: the predicate, fast-check's parameters, the verdict. */
function setup<C extends Case>(theorem: Theorem<C>, options: RunOptions) {
  const seed = options.seed ?? defaultSeed();
  const numRuns = options.runs ?? theoremRuns(theorem.numRuns);
  const dropped = options.without === undefined ? undefined : theorem.hypotheses.find((h) => h.id === options.without);
  if (options.without !== undefined && dropped === undefined) {
    throw new RangeError(`theorem ${theorem.id} has no hypothesis ${options.without}`);
  }
  const others = theorem.hypotheses.filter((h) => h !== dropped);
  const examples = options.path ? [] : savedExamples(theorem, options.without, options.fixtures);
  const counts = new Map<string, number>();
  let counting = true;
  let done = 0;
  let withoutCount = 0;

  // A property is a function of its case: a case drawn again (small families, shrinking) is judged
  // once. Cases without a JSON form are judged every time.
  const verdicts = new Map<string, { ok: boolean } | { error: unknown }>();
  let distinctRuns = 0;
  const judged = (c: C): boolean => {
    const key = caseKey(theorem, c);
    const seen = key === undefined ? undefined : verdicts.get(key);
    if (counting && !seen) distinctRuns++;
    if (seen) {
      if ('error' in seen) throw seen.error;
      return seen.ok;
    }
    try {
      const ok = theorem.property(c) !== false;
      if (key !== undefined) verdicts.set(key, { ok });
      return ok;
    } catch (error) {
      if (key !== undefined) verdicts.set(key, { error });
      throw error;
    }
  };

  const predicate = (c: C): boolean => {
    try {
      // A necessity search only judges cases that go without the dropped hypothesis alone.
      if (dropped && (dropped.holds(c) || others.some((h) => !h.holds(c)))) return true;
      if (counting) {
        if (dropped) withoutCount++;
        for (const label of theorem.classify?.(c) ?? []) counts.set(label, (counts.get(label) ?? 0) + 1);
      }
      const ok = judged(c);
      if (!ok) counting = false;
      return ok;
    } catch (e) {
      counting = false;
      throw e;
    } finally {
      if (counting) options.onRun?.(++done);
    }
  };

  const plugins: Plugin<C>[] = options.shrinkTimeMs === undefined ? [] : [fc.interruptAfterTimeLimit(options.shrinkTimeMs) as Plugin<C>];
  const { shouldStop } = options;
  if (shouldStop) plugins.push(() => ({ decorateRun: (nested) => (v) => (shouldStop() ? new fc.PreconditionFailure(true) : nested(v)) }));
  const params: fc.Parameters<[C]> = { seed, numRuns, path: options.path, examples: examples.map((c) => [c] as [C]), plugins };

  const finish = (details: fc.RunDetails<[C]>, timeMs: number): RunResult<C> => {
    const shares = Object.fromEntries([...counts].map(([label, n]) => [label, n / Math.max(1, details.numRuns)]));
    const base = {
      id: theorem.id,
      runs: details.numRuns,
      distinct: Math.min(details.numRuns, distinctRuns),
      seed,
      timeMs,
      shares,
      ...(dropped ? { without: dropped.id, withoutShare: withoutCount / Math.max(1, details.numRuns) } : {}),
      ...(details.interrupted ? { interrupted: true } : {}),
    };
    // fast-check counts a run interrupted before any case as failed, with no counterexample.
    if (details.failed && details.counterexample === null && !details.interrupted) {
      return { ...base, status: 'failed', error: `fast-check skipped too many runs (${details.numSkips})` };
    }
    if (details.failed && details.counterexample !== null) {
      const c = (details.counterexample as [C])[0];
      const located = generatedPath(details.counterexamplePath, examples.length);
      let error = describeError(details.errorInstance);
      const broken = dropped ? [] : brokenHypotheses(theorem, c);
      if (broken.length > 0) error += `\n(the counterexample breaks ${broken.join(', ')}: the theorem's arbitrary should not draw it)`;
      return {
        ...base,
        status: 'failed',
        ...(located.path === undefined ? {} : { path: located.path }),
        ...(located.saved ? { savedCase: true } : {}),
        counterexample: c,
        error,
      };
    }
    if (!dropped && !details.interrupted && !options.skipCoverage) {
      const short = coverageShortfall(theorem, shares);
      if (short.length > 0) return { ...base, status: 'failed', error: `checked too little: ${short.join('; ')}` };
    }
    return { ...base, status: 'passed' };
  };

  return { arbitrary: theorem.arbitrary(options.without), predicate, params, finish };
}

/**
 * fast-check's path counts the examples first; report it over generated cases only. A failure of
 * an example (index below their count) has no seed path: the example runs first under any seed.
 */
function generatedPath(path: string | null | undefined, examples: number): { path?: string; saved?: boolean } {
  if (!path) return {};
  const [first, ...rest] = path.split(':');
  const i = Number(first);
  if (i < examples) return { saved: true };
  return { path: [String(i - examples), ...rest].join(':') };
}

/** Check `theorem` with fast-check and return its verdict (never throws for a failing claim). */
export function runTheorem<C extends Case>(theorem: Theorem<C>, options: RunOptions = {}): RunResult<C> {
  const s = setup(theorem, options);
  const started = performance.now();
  const details = fc.check(fc.property(s.arbitrary, s.predicate), s.params);
  return s.finish(details, performance.now() - started);
}

/** How often the async runner lets the event loop run (signals, progress redraws). */
const YIELD_EVERY_MS = 25;

/**
 * `runTheorem` that yields to the event loop between runs, so a Ctrl-C handler can abort it
 * (`signal`) and a progress bar can redraw; the CLI uses it.
 */
export async function runTheoremAsync<C extends Case>(theorem: Theorem<C>, options: AsyncRunOptions = {}): Promise<RunResult<C>> {
  const s = setup(theorem, options);
  const started = performance.now();
  let lastYield = started;
  const abortable: Plugin<C> = () => ({
    decorateRun: (nested) => async (v) => {
      if (performance.now() - lastYield > YIELD_EVERY_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
      return options.signal?.aborted ? new fc.PreconditionFailure(true) : nested(v);
    },
  });
  const property = fc.asyncProperty(s.arbitrary, async (c: C) => s.predicate(c));
  const details = await fc.check(property, { ...s.params, plugins: [...(s.params.plugins ?? []), abortable] });
  return s.finish(details, performance.now() - started);
}

function pct(x: number): string {
  return `${(100 * x).toFixed(0)}%`;
}

function describeError(e: unknown): string {
  if (e === null || e === undefined) return 'property returned false';
  return e instanceof Error ? e.message : String(e);
}

export interface ReplayOptions {
  /** The claim directory, when not the default `properties/`. */
  readonly properties?: string;
  /** The user's method file the theorem was made for (`tmc check --method`). */
  readonly method?: string;
  /** `--like NAME` and its rule options, as arguments (`['--like', 'grpo', '--group', '8']`). */
  readonly like?: readonly string[];
}

/** `arg` quoted for a POSIX shell when it holds anything but safe characters. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`;
}

/** The command that replays a failure (a necessity failure replays with `tmc necessity`). */
export function replayCommand(result: RunResult<any>, options: ReplayOptions = {}): string {
  const command = result.without ? 'necessity' : 'check';
  const args = [
    ...['--theorem', result.id],
    ...(result.without ? ['--hypothesis', result.without] : []),
    ...['--seed', String(result.seed)],
    ...(result.path ? ['--path', result.path] : []),
    ...(options.method ? ['--method', options.method] : []),
    ...(options.like ?? []),
    ...(options.properties ? ['--properties', options.properties] : []),
  ];
  return `npx tmc ${command} ${args.map(shellQuote).join(' ')}`;
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
