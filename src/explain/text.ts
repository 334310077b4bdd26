/**
 * # TMCs, cases and witnesses as text
 *
 * What `tmc explain` prints and how `tmc check` shows a counterexample: a size line, the case's
 * other fields, then each task's step tree (src/explain/tree.ts).
 */
import { defaultEncode, encodeCase } from '../theorems/case-codec.ts';
import type { Case, JsonValue, Theorem } from '../theorems/theorem.ts';
import type { WitnessFile } from '../theorems/witness.ts';
import type { Tmc } from '../tmc.ts';
import { stepTree } from './tree.ts';

export interface ExplainOptions {
  /** Only this task (index); default every task. */
  readonly task?: number;
}

/** `L layers x W states`: the size a witness is reported by (W the widest layer). */
export function tmcSize(tmc: Tmc): string {
  return `${tmc.layers} layers x ${Math.max(...tmc.widths)} states`;
}

/** A TMC: its size, then the step tree of each task (or of `options.task`). */
export function explainTmc(tmc: Tmc, options: ExplainOptions = {}): string {
  const head = `TMC: ${tmcSize(tmc)} (widths ${tmc.widths.join(',')}), ${tmc.tasks.length} task(s)`;
  const tasks = options.task === undefined ? tmc.tasks.map((_, k) => k) : [options.task];
  return [head, ...tasks.map((k) => stepTree(tmc, k))].join('\n\n');
}

function showValue(x: JsonValue | undefined): string {
  return typeof x === 'string' ? x : JSON.stringify(x);
}

/** The fields of an encoded case other than `tmc`, one `name = value` per line. */
export function caseFields(fields: Readonly<Record<string, JsonValue>>): string[] {
  return Object.entries(fields).map(([k, v]) => `${k} = ${showValue(v)}`);
}

/** A case: its fields other than the TMC (as `theorem` encodes them), then the TMC explained. */
export function explainCase(c: Case, options: ExplainOptions & { readonly theorem?: Theorem<any> } = {}): string {
  let fields: Record<string, JsonValue> = {};
  try {
    const { tmc: _tmc, ...rest } = options.theorem ? encodeCase(options.theorem, c) : defaultEncode(c);
    fields = rest as Record<string, JsonValue>;
  } catch {
    // A field without a JSON form: the TMC alone still shows the case's shape.
  }
  return [...caseFields(fields), explainTmc(c.tmc, options)].join('\n');
}

/** A witness file: what it shows, the failing numbers, the case. */
export function explainWitness(w: WitnessFile, tmc: Tmc, options: ExplainOptions = {}): string {
  const head = [
    `witness: ${w.theorem} fails without ${w.hypothesis}`,
    `failing numbers: ${w.quantities}`,
    ...(w.seed === undefined ? [] : [`found with seed ${w.seed}${w.path ? `, path ${w.path}` : ''}`]),
    ...caseFields(w.case ?? {}),
  ];
  return [...head, explainTmc(tmc, options)].join('\n');
}
