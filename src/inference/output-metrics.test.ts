import { describe, expect, test } from 'vitest';
import { jsonDecimal } from '../cli/format.ts';
import { parseExact } from '../numeric.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import { outputCoverage, outputKind, outputPassAtK } from './output-metrics.ts';
import type { SelectedCot } from './selector.ts';

const frac = (text: string) => parseExact(text)!;
/** V = {000 (hard, p 1/6, rho 1/4), 010 (easy, p 1/2, rho 3/4)}; 001 (p 1/3) is invalid. */
const twoStep = tmcFromSpec({ kernels: [[['1/2', '1/2']], [['1/3', '2/3'], ['1', '0']]], tasks: [{ name: 't', start: 0, target: 0 }] });
const dist = (rows: [string, string][]): SelectedCot[] => rows.map(([path, p]) => ({ path: [...path].map(Number), prob: frac(p) }));
/** The base policy's own output. */
const base = dist([['000', '1/6'], ['001', '1/3'], ['010', '1/2']]);

describe('metrics of an output distribution (hand-derived on a two-step TMC)', () => {
  test('outputKind: hard, easy, or invalid (off target, or not a CoT of the task)', () => {
    expect([[0, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 1]].map((p) => outputKind(twoStep, 0, p))).toEqual(['hard', 'easy', 'invalid', 'invalid']);
  });

  test('outputCoverage sums the mass of each kind: easy 1/2, hard 1/5, invalid 3/10', () => {
    const c = outputCoverage(twoStep, 0, dist([['000', '1/5'], ['001', '3/10'], ['010', '1/2']]));
    expect([c.easy, c.hard, c.invalid].map(jsonDecimal)).toEqual(['1/2', '1/5', '3/10'].map((x) => jsonDecimal(frac(x))));
  });

  test("outputPassAtK of the base's own output is the base pass@K: 5/12 at K = 1, 175/288 at K = 2", () => {
    expect(jsonDecimal(outputPassAtK(twoStep, 0, base, 1))).toBe(jsonDecimal(frac('5/12')));
    expect(jsonDecimal(outputPassAtK(twoStep, 0, base, 2))).toBe(jsonDecimal(frac('175/288')));
  });

  test('outputPassAtK: a CoT missing from the output counts 0; all mass on 010 gives E_Q[1{010 in C_Q}] = rho = 3/4', () => {
    expect(jsonDecimal(outputPassAtK(twoStep, 0, dist([['010', '1']]), 3))).toBe(jsonDecimal(frac('3/4')));
    expect(outputPassAtK(twoStep, 0, dist([['001', '1']]), 3).isZero()).toBe(true);
  });
});
