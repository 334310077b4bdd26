/**
 * # Saved counterexamples: witness files and regression files
 *
 * - `fixtures/witnesses/<theorem>--<hypothesis>.json`: a shrunk case that meets every hypothesis of
 *   the theorem but `hypothesis` and breaks the claim, written by `tmc necessity`:
 *   `{theorem, hypothesis, tmc: <TmcSpec>, case: {<other fields>}, seed, path, quantities, size}`.
 *   It shows the hypothesis is needed; `src/theorems/witnesses.test.ts` replays every file.
 * - `fixtures/regressions/<theorem>.json`: `{theorem, cases: [<case as tmc check --json prints it>]}`,
 *   cases the true theorem must keep passing (fixed bugs, cases that once broke it).
 *
 * File names replace `/` in theorem ids with `.` (`squeezing/reinforce` -> `squeezing.reinforce`).
 */
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR } from '../paper/reference.ts';
import type { TmcSpec } from '../tmc.ts';
import { decodeCase, encodeCase } from './case-codec.ts';
import type { Case, EncodedCase, JsonValue, Theorem } from './theorem.ts';
import { UsageError } from '../errors.ts';

export { FIXTURES_DIR };

export interface WitnessFile {
  readonly theorem: string;
  /** The hypothesis the case goes without. */
  readonly hypothesis: string;
  readonly tmc: TmcSpec;
  /** The case's fields other than `tmc`, as the case codec writes them. */
  readonly case?: Readonly<Record<string, JsonValue>>;
  readonly seed?: number;
  readonly path?: string;
  /** What failed: the property's error with the failing numbers. */
  readonly quantities: string;
  readonly size?: { readonly layers: number; readonly widths: readonly number[] };
}

/** A theorem or hypothesis id as a file-name part. */
export function slug(id: string): string {
  return id.replace(/\//g, '.').replace(/[^A-Za-z0-9_.-]/g, '_');
}

export function witnessDir(fixtures = FIXTURES_DIR): string {
  return join(fixtures, 'witnesses');
}

export function regressionDir(fixtures = FIXTURES_DIR): string {
  return join(fixtures, 'regressions');
}

export function witnessFile(theoremId: string, hypothesisId: string, fixtures = FIXTURES_DIR): string {
  return join(witnessDir(fixtures), `${slug(theoremId)}--${slug(hypothesisId)}.json`);
}

/** `{tmc, case}` of a witness as one encoded case. */
export function witnessEncodedCase(w: WitnessFile): EncodedCase {
  return { ...(w.case ?? {}), tmc: w.tmc };
}

/** Split an encoded case into the witness fields `tmc` and `case`. */
function splitCase(encoded: EncodedCase): { tmc: TmcSpec; case?: Record<string, JsonValue> } {
  const { tmc, ...rest } = encoded;
  return Object.keys(rest).length === 0 ? { tmc } : { tmc, case: rest as Record<string, JsonValue> };
}

/** The witness record for a counterexample of `theorem` without `hypothesis`. */
export function makeWitness<C extends Case>(
  theorem: Theorem<C>,
  hypothesis: string,
  c: C,
  run: { seed?: number; path?: string; quantities: string },
): WitnessFile {
  return {
    theorem: theorem.id,
    hypothesis,
    ...splitCase(encodeCase(theorem, c)),
    ...(run.seed === undefined ? {} : { seed: run.seed }),
    ...(run.path === undefined ? {} : { path: run.path }),
    quantities: run.quantities,
    size: { layers: c.tmc.layers, widths: [...c.tmc.widths] },
  };
}

/**
 * Write a witness file unless it already holds the same case (so a re-run that finds the saved
 * witness again leaves the file, and git, untouched). Returns the file and whether it changed.
 */
/**
 * Make sure witnesses can be written under `out` (creating witnesses/), before a search that may
 * take minutes; the error names the folder and why.
 */
export function checkWitnessDir(out: string): void {
  const dir = witnessDir(out);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new UsageError(`cannot write witnesses to ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** The witness file's text, as `saveWitness` writes it. */
export function witnessText(w: WitnessFile): string {
  return `${readableJson(w)}\n`;
}

export function saveWitness(w: WitnessFile, fixtures = FIXTURES_DIR): { file: string; changed: boolean } {
  const file = witnessFile(w.theorem, w.hypothesis, fixtures);
  if (existsSync(file)) {
    const old = readWitness(file);
    if (JSON.stringify(witnessEncodedCase(old)) === JSON.stringify(witnessEncodedCase(w))) return { file, changed: false };
  }
  mkdirSync(witnessDir(fixtures), { recursive: true });
  writeFileSync(file, witnessText(w));
  return { file, changed: true };
}

/** JSON on one line, with a space after each comma and colon. */
function flatJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flatJson).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${flatJson(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** JSON indented by structure, with any value that fits in 80 characters on one line. */
export function readableJson(value: unknown, indent = ''): string {
  const flat = flatJson(value);
  if (flat.length + indent.length <= 80 || typeof value !== 'object' || value === null) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + readableJson(v, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${readableJson(v, inner)}`).join(',\n')}\n${indent}}`;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
}

/** Read a witness file, checking its shape; errors name the file. */
export function readWitness(file: string): WitnessFile {
  const w = readJson(file) as Partial<WitnessFile> | null;
  const problem =
    typeof w !== 'object' || w === null
      ? 'is not an object'
      : typeof w.theorem !== 'string'
        ? 'lacks "theorem"'
        : typeof w.hypothesis !== 'string'
          ? 'lacks "hypothesis"'
          : typeof w.tmc !== 'object' || w.tmc === null
            ? 'lacks "tmc"'
            : null;
  if (problem) throw new Error(`${file}: witness file ${problem}`);
  return w as WitnessFile;
}

/** True when the parsed JSON looks like a witness file (rather than a bare TMC). */
export function isWitness(json: unknown): json is WitnessFile {
  return typeof json === 'object' && json !== null && 'tmc' in json && 'theorem' in json && 'hypothesis' in json;
}

/** Every witness file in the fixtures. */
export function witnessFiles(fixtures = FIXTURES_DIR): string[] {
  const dir = witnessDir(fixtures);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

/** The case a witness stores, decoded for `theorem`. */
export function witnessCase<C extends Case>(theorem: Theorem<C>, w: WitnessFile): C {
  return decodeCase(theorem, witnessEncodedCase(w));
}

/** The encoded cases of `fixtures/regressions/<theorem>.json` (none when the file is absent). */
export function regressionCases(theoremId: string, fixtures = FIXTURES_DIR): { file: string; cases: EncodedCase[] } {
  const file = join(regressionDir(fixtures), `${slug(theoremId)}.json`);
  if (!existsSync(file)) return { file, cases: [] };
  const json = readJson(file) as { theorem?: unknown; cases?: unknown };
  if (json?.theorem !== theoremId || !Array.isArray(json.cases)) {
    throw new Error(`${file}: a regression file is {"theorem": ${JSON.stringify(theoremId)}, "cases": [...]}`);
  }
  return { file, cases: json.cases as EncodedCase[] };
}

/** Hypotheses of `theorem` that `c` breaks (a hypothesis that throws counts as broken). */
export function brokenHypotheses<C extends Case>(theorem: Theorem<C>, c: C): string[] {
  return theorem.hypotheses
    .filter((h) => {
      try {
        return !h.holds(c);
      } catch {
        return true;
      }
    })
    .map((h) => h.id);
}

/** What `property(c)` says: `null` when the claim holds, else why it fails. */
export function propertyFailure<C extends Case>(theorem: Theorem<C>, c: C): string | null {
  try {
    return theorem.property(c) === false ? 'property returned false' : null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * Replay a witness: it must still go without its hypothesis only, and still break the claim.
 * Returns the problems found (empty when the witness still shows the hypothesis is needed).
 */
export function replayWitness<C extends Case>(theorem: Theorem<C>, w: WitnessFile): string[] {
  if (!theorem.hypotheses.some((h) => h.id === w.hypothesis)) {
    return [`theorem ${theorem.id} has no hypothesis ${w.hypothesis}`];
  }
  const c = witnessCase(theorem, w);
  const broken = brokenHypotheses(theorem, c);
  const problems: string[] = [];
  if (!broken.includes(w.hypothesis)) problems.push(`the case now satisfies ${w.hypothesis}`);
  const others = broken.filter((h) => h !== w.hypothesis);
  if (others.length > 0) problems.push(`the case breaks other hypotheses too: ${others.join(', ')}`);
  if (propertyFailure(theorem, c) === null) problems.push('the claim now holds on the case');
  return problems;
}
