/**
 * The TMC file format (JSON) and its validation.
 *
 * ```json
 * { "kernels": [[["10/11","1/11"],["10/11","1/11"]], ...],   // kernels[l][u][v] = P(v|u)
 *   "easy":    [[[true,false],[true,false]], ...],          // optional, same shape
 *   "tasks":   [{"name": "task1", "start": 0, "target": 0}] }
 * ```
 * Entries are JSON numbers or exact strings (`"0.25"`, `"1/4"`), read into decimal.js without
 * floats; a JSON number a float cannot hold exactly (`1e-400`, `0.1000000000000000000001`) is read
 * from its text, as an exact string would be, and a key given twice is an error. Without `easy`, an
 * edge is easy iff its probability equals its row's maximum exactly, whatever the working precision.
 * Every rule broken raises a `TmcFormatError` naming the field, layer, row and problem.
 */
import { TmcFormatError } from './errors.ts';
import { isSafeNumber, parse as parseLossless } from 'lossless-json';
import { D, ONE, compareRatios, parseExact, parseRatio, sum, type Dec } from './numeric.ts';
import type { Task, Tmc, TmcSpec } from './tmc.ts';
import { describeTmc } from './tmc-text.ts';
import { toStringMethod } from 'fast-check';

const KEYS = new Set(['kernels', 'easy', 'tasks']);
const TASK_KEYS = new Set(['name', 'start', 'target']);
/** Rows must sum to 1 within this tolerance (issue #2). */
export const ROW_SUM_TOLERANCE = new D('1e-12');

/** Parse and validate the text of a TMC file. */
export function parseTmc(text: string): Tmc {
  return tmcFromSpec(parseTmcJson(text));
}

/**
 * The JSON of a TMC file, without validating it as a TMC: a duplicate key is an error (JSON.parse
 * keeps the last one silently), and a number a float cannot hold exactly stays its exact text.
 */
export function parseTmcJson(text: string): unknown {
  if (text.trim() === '') throw new TmcFormatError('(file)', 'is empty; expected a JSON object');
  try {
    return parseLossless(text, null, (digits) => (isSafeNumber(digits) ? Number(digits) : digits));
  } catch (e) {
    throw new TmcFormatError('(file)', `is not valid JSON (${(e as Error).message})`);
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Validate a TMC given as a plain object (the parsed file) and build it. */
export function tmcFromSpec(json: unknown): Tmc {
  if (!isObject(json)) throw new TmcFormatError('(top level)', 'must be a JSON object with "kernels" and "tasks"');
  for (const key of Object.keys(json)) {
    if (!KEYS.has(key)) throw new TmcFormatError(key, `unknown top-level key (allowed: kernels, easy, tasks)`);
  }
  const kernels = readKernels(json.kernels);
  const layers = kernels.length + 1;
  const widths = [kernels[0].length, ...kernels.map((k) => k[0].length)];
  const easy = json.easy === undefined ? defaultEasy(json.kernels as unknown[][][]) : readEasy(json.easy, kernels);
  const tasks = readTasks(json.tasks, widths, kernels);
  const spec: TmcSpec = {
    kernels: (json.kernels as (number | string)[][][]).map((k) => k.map((r) => [...r])),
    easy,
    tasks,
  };
  const tmc: Tmc = { layers, widths, kernels, easy, tasks, spec };
  // fast-check prints counterexamples through toStringMethod; String(tmc) reads the same.
  const show = () => describeTmc(tmc);
  Object.defineProperty(tmc, toStringMethod, { value: show, enumerable: false });
  Object.defineProperty(tmc, 'toString', { value: show, enumerable: false });
  return tmc;
}

function readKernels(raw: unknown): Dec[][][] {
  if (raw === undefined) throw new TmcFormatError('kernels', 'is missing');
  if (!Array.isArray(raw)) throw new TmcFormatError('kernels', 'must be an array of layers');
  if (raw.length < 1) throw new TmcFormatError('kernels', 'needs at least one kernel (a TMC has at least 2 layers)');
  const kernels: Dec[][][] = [];
  raw.forEach((layer: unknown, l) => {
    const field = `kernels[${l}]`;
    if (!Array.isArray(layer) || layer.length === 0) {
      throw new TmcFormatError(field, 'must be a non-empty array of rows', l);
    }
    if (l > 0 && layer.length !== kernels[l - 1][0].length) {
      throw new TmcFormatError(
        field,
        `has ${layer.length} rows but layer ${l} has ${kernels[l - 1][0].length} states (the width of kernels[${l - 1}]'s rows)`,
        l,
      );
    }
    const rows: Dec[][] = [];
    layer.forEach((row: unknown, u) => {
      const rowField = `${field}[${u}]`;
      if (!Array.isArray(row) || row.length === 0) {
        throw new TmcFormatError(rowField, 'must be a non-empty array of probabilities', l, u);
      }
      if (u > 0 && row.length !== rows[0].length) {
        throw new TmcFormatError(rowField, `has ${row.length} entries but row 0 has ${rows[0].length} (ragged layer)`, l, u);
      }
      const entries = row.map((x: unknown, v) => {
        const at = `${rowField}[${v}]`;
        let value: Dec | null;
        try {
          value = parseExact(x);
        } catch (e) {
          throw new TmcFormatError(at, `${JSON.stringify(x)} ${(e as RangeError).message}`, l, u);
        }
        if (value === null) {
          const problem = typeof x === 'number' ? `${x} is not a finite number` : `${JSON.stringify(x)} is not a number or exact fraction`;
          throw new TmcFormatError(at, problem, l, u);
        }
        // lt, not isNeg: "-0" is zero.
        if (value.lt(0)) throw new TmcFormatError(at, `${JSON.stringify(x)} is negative`, l, u);
        return value;
      });
      const total = sum(entries);
      if (total.minus(ONE).abs().gt(ROW_SUM_TOLERANCE)) {
        throw new TmcFormatError(rowField, `entries sum to ${total.toSignificantDigits(15)}, not 1`, l, u);
      }
      rows.push(entries);
    });
    kernels.push(rows);
  });
  return kernels;
}

/** Easy marks by the exact row maximum, so they never depend on the working precision. */
function defaultEasy(raw: unknown[][][]): boolean[][][] {
  return raw.map((k) =>
    k.map((row) => {
      const ratios = row.map((x) => parseRatio(x)!);
      const max = ratios.reduce((m, r) => (compareRatios(r, m) > 0 ? r : m));
      return ratios.map((r) => !r[0].isZero() && compareRatios(r, max) === 0);
    }),
  );
}

function readEasy(raw: unknown, kernels: Dec[][][]): boolean[][][] {
  if (!Array.isArray(raw) || raw.length !== kernels.length) {
    throw new TmcFormatError('easy', `must be an array of ${kernels.length} layers, the shape of kernels`);
  }
  return kernels.map((k, l) => {
    const layer = raw[l];
    if (!Array.isArray(layer) || layer.length !== k.length) {
      throw new TmcFormatError(`easy[${l}]`, `must have ${k.length} rows, like kernels[${l}]`, l);
    }
    return k.map((row, u) => {
      const marks = layer[u];
      const field = `easy[${l}][${u}]`;
      if (!Array.isArray(marks) || marks.length !== row.length) {
        throw new TmcFormatError(field, `must have ${row.length} booleans, like kernels[${l}][${u}]`, l, u);
      }
      marks.forEach((m: unknown, v) => {
        if (typeof m !== 'boolean') throw new TmcFormatError(`${field}[${v}]`, `${JSON.stringify(m)} is not a boolean`, l, u);
        if (m && row[v].isZero()) throw new TmcFormatError(`${field}[${v}]`, 'marks a zero-probability edge easy', l, u);
      });
      if (!marks.some((m: boolean) => m)) throw new TmcFormatError(field, 'has no easy edge', l, u);
      return marks as boolean[];
    });
  });
}

function readTasks(raw: unknown, widths: number[], kernels: Dec[][][]): Task[] {
  if (raw === undefined) throw new TmcFormatError('tasks', 'is missing');
  if (!Array.isArray(raw) || raw.length === 0) throw new TmcFormatError('tasks', 'must be a non-empty array');
  const last = widths.length - 1;
  const names = new Set<string>();
  return raw.map((t: unknown, k) => {
    const field = `tasks[${k}]`;
    if (!isObject(t)) throw new TmcFormatError(field, 'must be an object {name, start, target}');
    for (const key of Object.keys(t)) {
      if (!TASK_KEYS.has(key)) throw new TmcFormatError(`${field}.${key}`, 'unknown key (allowed: name, start, target)');
    }
    if (typeof t.name !== 'string' || t.name === '') throw new TmcFormatError(`${field}.name`, 'must be a non-empty string');
    if (names.has(t.name)) throw new TmcFormatError(`${field}.name`, `duplicate task name ${JSON.stringify(t.name)}`);
    names.add(t.name);
    const state = (key: 'start' | 'target', layer: number) => {
      const s = t[key];
      if (s === undefined) throw new TmcFormatError(`${field}.${key}`, `is missing (a state of layer ${layer})`, layer);
      if (!Number.isInteger(s) || (s as number) < 0 || (s as number) >= widths[layer]) {
        throw new TmcFormatError(`${field}.${key}`, `${JSON.stringify(s)} is not a state of layer ${layer} (0..${widths[layer] - 1})`, layer);
      }
      return s as number;
    };
    const task: Task = { name: t.name, start: state('start', 0), target: state('target', last) };
    if (!reaches(kernels, task)) {
      throw new TmcFormatError(field, `task ${JSON.stringify(task.name)} has no valid CoT: target ${task.target} is unreachable from start ${task.start}`);
    }
    return task;
  });
}

function reaches(kernels: Dec[][][], task: Task): boolean {
  let frontier = new Set([task.start]);
  for (const k of kernels) {
    const next = new Set<number>();
    for (const u of frontier) k[u].forEach((p, v) => p.gt(0) && next.add(v));
    frontier = next;
  }
  return frontier.has(task.target);
}

/** The TMC as a plain object in the file format, exact entries as given. */
export function tmcToJson(tmc: Tmc): TmcSpec {
  return tmc.spec;
}
