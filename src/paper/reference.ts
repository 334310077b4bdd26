/**
 * The paper's reference TMC (SPEC §7) and its reported tables, read from fixtures/.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTmc } from '../tmc-file.ts';
import type { Tmc } from '../tmc.ts';

export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');

/** The reference TMC: L=4, two states a layer, easy step 10/11, hard step 1/11, two tasks. */
export function paperTmc(): Tmc {
  return parseTmc(readFileSync(join(FIXTURES_DIR, 'paper-tmc.json'), 'utf8'));
}

export interface ReportedPath {
  readonly task: number;
  readonly path: number[];
  readonly kind: 'easy' | 'hard';
  readonly probability: number;
  readonly correctness: number;
}

export interface Reported {
  readonly setup: Record<string, unknown>;
  readonly paths: readonly ReportedPath[];
  readonly coveragePercent: { readonly columns: readonly string[]; readonly rows: Readonly<Record<string, readonly number[]>> };
}

/** The paper's reported numbers (fixtures/paper-reported.json, copied from shared/paper/reported.json). */
export function paperReported(): Reported {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, 'paper-reported.json'), 'utf8')) as Reported;
}
