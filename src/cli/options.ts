/**
 * Reading CLI inputs: TMC files and numeric options, each failure a `UsageError` or
 * `TmcFormatError` with a message that says what is wrong (exit 2, no stack trace).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { TmcFormatError, UsageError } from '../errors.ts';
import { MAX_TMC_FILE_BYTES, checkTmcShape } from '../limits.ts';
import { parseTmcJson, tmcFromSpec } from '../tmc-file.ts';
import { taskIndex, type Tmc } from '../tmc.ts';

/**
 * The text of `file`, read up to `limit` bytes: reading stops there, so `/dev/zero`, a pipe or a
 * file still growing cannot be read without end (a size from `stat` says nothing about those).
 */
export function readCapped(file: string, limit = MAX_TMC_FILE_BYTES): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length <= limit; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > limit) throw new UsageError(`${file}: more than ${limit} bytes, over the limit (src/limits.ts)`);
    return buffer.toString('utf8', 0, length);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  } finally {
    closeSync(fd);
  }
}

/** Parse JSON text read from `file` within the shape limits; errors name the file. */
export function readJsonFile(file: string): unknown {
  try {
    return parseTmcJson(readCapped(file));
  } catch (e) {
    if (e instanceof TmcFormatError) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
}

/** Validate parsed JSON as a TMC within the size limits (src/limits.ts); errors name the file. */
export function tmcOfJson(file: string, json: unknown): Tmc {
  try {
    checkTmcShape(json);
    return tmcFromSpec(json);
  } catch (e) {
    if (e instanceof TmcFormatError) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
}

/** Read and validate a TMC file within the size limits (src/limits.ts); errors name the file. */
export function readTmcFile(file: string): Tmc {
  return tmcOfJson(file, readJsonFile(file));
}

/** The index of the task named (or numbered) `spec`. */
export function resolveTask(tmc: Tmc, spec: string): number {
  const k = taskIndex(tmc, spec);
  if (k < 0) {
    throw new UsageError(`unknown task ${JSON.stringify(spec)}; tasks: ${tmc.tasks.map((t) => t.name).join(', ')}`);
  }
  return k;
}

export interface NumberRule {
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** Reject `min` itself (e.g. beta > 0). */
  readonly exclusiveMin?: boolean;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A commander option parser for a number within bounds. */
export function numberOption(name: string, rule: NumberRule = {}): (text: string) => number {
  return (text: string) => {
    const x = Number(text);
    const kind = rule.integer ? 'an integer' : 'a number';
    // Decimal notation only: Number() also reads "0x10", "0b1" and "" (as 0).
    if (!DECIMAL.test(text.trim()) || !Number.isFinite(x) || (rule.integer && !Number.isInteger(x))) {
      throw new UsageError(`--${name} must be ${kind}, got ${JSON.stringify(text)}`);
    }
    if (rule.min !== undefined && (rule.exclusiveMin ? x <= rule.min : x < rule.min)) {
      throw new UsageError(`--${name} must be ${rule.exclusiveMin ? '>' : '>='} ${rule.min}, got ${text}`);
    }
    if (rule.max !== undefined && x > rule.max) throw new UsageError(`--${name} must be <= ${rule.max}, got ${text}`);
    // Above 2^53 a float holds another integer than the one written (a seed would silently change).
    if (rule.integer && !Number.isSafeInteger(x)) throw new UsageError(`--${name} must be an integer within +-(2^53 - 1), got ${text}`);
    return x;
  };
}

/** Steps of a replay path at most, and the largest step: far above any shrink fast-check reports. */
export const MAX_PATH_STEPS = 10_000;
const MAX_PATH_STEP = 1_000_000;

/** A commander parser for `--path`: fast-check's replay path, `RUN(:STEP)*` of bounded integers. */
export function replayPathOption(text: string): string {
  const steps = text.split(':');
  if (!/^\d+(:\d+)*$/.test(text)) {
    throw new UsageError(`--path must be run and shrink steps as non-negative integers joined by ':' (like 3:0:1), got ${JSON.stringify(text)}`);
  }
  if (steps.length > MAX_PATH_STEPS) throw new UsageError(`--path has ${steps.length} steps, over the limit of ${MAX_PATH_STEPS}`);
  const big = steps.find((n) => Number(n) > MAX_PATH_STEP);
  if (big !== undefined) throw new UsageError(`--path step ${big} is over the limit of ${MAX_PATH_STEP}`);
  return text;
}
