/**
 * Reading CLI inputs: TMC files and numeric options, each failure a `UsageError` or
 * `TmcFormatError` with a message that says what is wrong (exit 2, no stack trace).
 */
import { readFileSync, statSync } from 'node:fs';
import { TmcFormatError, UsageError } from '../errors.ts';
import { MAX_TMC_FILE_BYTES, checkTmcShape } from '../limits.ts';
import { parseTmc, tmcFromSpec } from '../tmc-file.ts';
import { taskIndex, type Tmc } from '../tmc.ts';

/** Read and validate a TMC file within the size limits (src/limits.ts); errors name the file. */
export function readTmcFile(file: string): Tmc {
  let text: string;
  try {
    const bytes = statSync(file).size;
    if (bytes > MAX_TMC_FILE_BYTES) throw new UsageError(`${file}: ${bytes} bytes, over the limit of ${MAX_TMC_FILE_BYTES} (src/limits.ts)`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read TMC file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return parseTmc(text); // throws the file format's message for empty or non-JSON text
    }
    checkTmcShape(json);
    return tmcFromSpec(json);
  } catch (e) {
    if (e instanceof TmcFormatError) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
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

/** A commander option parser for a number within bounds. */
export function numberOption(name: string, rule: NumberRule = {}): (text: string) => number {
  return (text: string) => {
    const x = Number(text);
    const kind = rule.integer ? 'an integer' : 'a number';
    if (text.trim() === '' || !Number.isFinite(x) || (rule.integer && !Number.isInteger(x))) {
      throw new UsageError(`--${name} must be ${kind}, got ${JSON.stringify(text)}`);
    }
    if (rule.min !== undefined && (rule.exclusiveMin ? x <= rule.min : x < rule.min)) {
      throw new UsageError(`--${name} must be ${rule.exclusiveMin ? '>' : '>='} ${rule.min}, got ${text}`);
    }
    if (rule.max !== undefined && x > rule.max) throw new UsageError(`--${name} must be <= ${rule.max}, got ${text}`);
    return x;
  };
}
