import { describe, expect, test } from 'vitest';
import { jsonDecimal } from '../cli/format.ts';
import { parseExact, type Dec } from '../numeric.ts';
import { paperTmc } from '../paper/reference.ts';
import { taskCots } from './correctness.ts';

/** 30 significant digits: the exact fraction and the engine's value must print alike. */
const digits = (x: Dec) => jsonDecimal(x);
const frac = (text: string) => jsonDecimal(parseExact(text)!);

describe("taskCots on the paper's reference TMC (hand-derived from easy 10/11, hard 1/11, split 1/2)", () => {
  test('task1 (0 -> 0): p = 50/121, 100/1331, 1/242, 100/1331; p(V) = 1511/2662; rho = p / p(V)', () => {
    const tc = taskCots(paperTmc(), 0);
    expect(tc.cots.map((c) => c.path.join(''))).toEqual(['0000', '0010', '0100', '0110']);
    expect(tc.cots.map((c) => c.kind)).toEqual(['easy', 'hard', 'hard', 'hard']);
    expect(tc.cots.map((c) => digits(c.p))).toEqual(['50/121', '100/1331', '1/242', '100/1331'].map(frac));
    expect(digits(tc.pValid)).toBe(frac('1511/2662'));
    expect(tc.cots.map((c) => digits(c.rho))).toEqual(['1100/1511', '200/1511', '11/1511', '200/1511'].map(frac));
  });

  test('task2 (1 -> 1): p = 50/121, 10/1331, 1/242, 10/1331; p(V) = 1151/2662; rho = 1100/1151, 20/1151, 11/1151, 20/1151', () => {
    const tc = taskCots(paperTmc(), 1);
    expect(tc.cots.map((c) => c.path.join(''))).toEqual(['1001', '1011', '1101', '1111']);
    expect(tc.cots.map((c) => c.kind)).toEqual(['easy', 'hard', 'hard', 'hard']);
    expect(tc.cots.map((c) => digits(c.p))).toEqual(['50/121', '10/1331', '1/242', '10/1331'].map(frac));
    expect(digits(tc.pValid)).toBe(frac('1151/2662'));
    expect(tc.cots.map((c) => digits(c.rho))).toEqual(['1100/1151', '20/1151', '11/1151', '20/1151'].map(frac));
  });

  test("the paper's 6-digit values: 0.413223 0.075131 0.004132 0.075131 / 0.727995 0.132363 0.007280 0.132363", () => {
    const tc = taskCots(paperTmc(), 0);
    expect(tc.cots.map((c) => c.p.toFixed(6))).toEqual(['0.413223', '0.075131', '0.004132', '0.075131']);
    expect(tc.cots.map((c) => c.rho.toFixed(6))).toEqual(['0.727995', '0.132363', '0.007280', '0.132363']);
  });
});
