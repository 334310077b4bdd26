/**
 * # Group rules written in Python (`tmc check --method my_rule.py`)
 *
 * The file defines `name`, `group`, `advantage(rewards) -> list` and optionally `family`, `eta` and
 * `step(logits, cots, rewards, eta) -> logits` (python/README.md; python/tmc_runner.py is the
 * protocol). The rule is `groupRule` (src/methods/group-rule.ts) of the Python advantage, so its
 * exact step is the one a TypeScript file with the same advantage gets, to the last digit.
 *
 * Implementation notes. For `G <= 16` the advantage is read on all `2^G` reward vectors at load, in
 * batches (one round trip per `BATCH_VECTORS`), and the Python process is closed: the steps are
 * table lookups. A rule with `step`, or with `G > 16` (where `groupRule` asks for reward vectors as
 * it goes), keeps the process and calls it synchronously; it dies when the checker exits.
 * The sampled step with `step` draws the instance and the `G` CoTs with the seeded generator, as
 * `groupRule` does, and lets Python move the logits, so the user's own training code meets the
 * conformance law. Every Python failure becomes a `UsageError` naming the file.
 *
 * Environment: `TMC_PYTHON` the interpreter (default `python3`), `TMC_PYTHON_TIMEOUT` the seconds
 * one request may take (default 30).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { D, type Dec } from '../numeric.ts';
import { policyFromLogits, type Logits } from '../policy.ts';
import { sampleCot } from '../sampling.ts';
import { instanceReward } from './_internals/sampled.ts';
import { PythonError, PythonProcess, type PythonProcessOptions } from './_internals/python-process.ts';
import { groupRule, MAX_ENUMERATED_GROUP, rewardsOf, type AdvantageValue } from './group-rule.ts';
import { drawInstance, type RuleFamily, type UpdateRule } from './update-rule.ts';

/** Reward vectors per `advantage` request while reading the table. */
const BATCH_VECTORS = 4096;
const DEFAULT_TIMEOUT_S = 30;
/** Extra digits a Python Fraction is divided out to, past the working precision. */
const GUARD_DIGITS = 10;

/** What the runner's `describe` returns. */
interface Description {
  readonly name: string;
  readonly group: number;
  readonly family: RuleFamily;
  readonly eta: number;
  readonly step: boolean;
  readonly python: string;
}

/** The interpreter and the per-request deadline, from `TMC_PYTHON` and `TMC_PYTHON_TIMEOUT`. */
function processOptions(): PythonProcessOptions {
  const raw = process.env.TMC_PYTHON_TIMEOUT;
  const seconds = raw === undefined || raw === '' ? DEFAULT_TIMEOUT_S : Number(raw);
  if (!(seconds > 0) || !Number.isFinite(seconds)) {
    throw new UsageError(`TMC_PYTHON_TIMEOUT must be a positive number of seconds, got ${JSON.stringify(raw)}`);
  }
  return { python: process.env.TMC_PYTHON || 'python3', timeoutMs: seconds * 1000 };
}

/** A Python failure as the user reads it: the file, the call, the exception, the user's frames. */
function usageError(file: string, e: unknown): unknown {
  if (!(e instanceof PythonError)) return e instanceof UsageError ? new UsageError(`${file}: ${e.message}`) : e;
  const r = e.raised;
  if (!r) return new UsageError(`${file}: ${e.message}`);
  const what = r.where ? `${r.where} raised ${r.type}: ${r.message}` : r.message;
  const frames = r.traceback ? `\n${r.traceback.replace(/^/gm, '  ')}` : '';
  return new UsageError(`${file}: ${what}${frames}`);
}

/**
 * The `UpdateRule` of a Python file: `groupRule` of its `advantage`, with its own `step` as the
 * sampled step when it defines one. Refuses (a `UsageError` naming the file) a missing
 * interpreter, a file that does not import, a missing or malformed `advantage`, a bad return value
 * and a request that takes longer than `TMC_PYTHON_TIMEOUT`.
 *
 * @example
 * // my_grpo.py:  name = "my-grpo"; group = 8; def advantage(rewards): ...
 * const rule = await loadPythonRule('my_grpo.py');
 */
export async function loadPythonRule(file: string): Promise<UpdateRule> {
  if (!existsSync(file)) throw new UsageError(`cannot load method file ${file}: no such file`);
  const python = new PythonProcess(resolve(file), processOptions());
  try {
    const info = python.request('describe') as Description;
    const G = info.group;
    const digits = D.precision + GUARD_DIGITS;
    const weights = new Map<string, AdvantageValue[]>();
    const ask = (vectors: number[][]): void => {
      const out = python.request('advantage', { rewards: vectors, digits }) as AdvantageValue[][];
      vectors.forEach((r, k) => weights.set(r.join(''), out[k]));
    };
    const tabulated = Number.isInteger(G) && G >= 1 && G <= MAX_ENUMERATED_GROUP;
    if (tabulated) {
      for (let from = 0; from < 2 ** G; from += BATCH_VECTORS) {
        ask(Array.from({ length: Math.min(BATCH_VECTORS, 2 ** G - from) }, (_, k) => rewardsOf(from + k, G)));
      }
    }
    const advantage = (rewards: readonly number[]): AdvantageValue[] => {
      const key = rewards.join('');
      if (!weights.has(key)) ask([[...rewards]]);
      return weights.get(key)!;
    };
    const rule = groupRule({ name: info.name, group: G, advantage, family: info.family, eta: info.eta, params: { python: info.python } });
    if (!info.step) {
      if (tabulated) python.close();
      return guarded(file, rule);
    }
    return guarded(file, {
      ...rule,
      sampledStep: (policy, ctx, rng) => {
        const correct = drawInstance(ctx, rng);
        const cots = Array.from({ length: G }, () => sampleCot(policy.probs, ctx.tc.task.start, rng));
        const rewards = cots.map((o) => instanceReward(ctx.tc, correct, o));
        const logits = policy.logits.map((k) => k.map((row) => row.map((x) => (x === null ? null : x.toNumber()))));
        const next = python.request('step', { logits, cots, rewards, eta: info.eta, digits }) as (number | string | null)[][][];
        return policyFromLogits(policy.tmc, toLogits(next));
      },
    });
  } catch (e) {
    python.close();
    throw usageError(file, e);
  }
}

/** The runner checked the shape and the `null`s; the values become decimals. */
function toLogits(next: readonly (readonly (readonly (number | string | null)[])[])[]): Logits {
  return next.map((k) => k.map((row) => row.map((x): Dec | null => (x === null ? null : new D(x)))));
}

/** `rule` whose steps report a Python failure as a `UsageError` naming `file`. */
function guarded(file: string, rule: UpdateRule): UpdateRule {
  const wrap =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      try {
        return fn(...args);
      } catch (e) {
        throw usageError(file, e);
      }
    };
  return { ...rule, exactStep: wrap(rule.exactStep), sampledStep: wrap(rule.sampledStep) };
}
