import { describe, expect, test } from 'vitest';
import { jsonDecimal } from '../cli/format.ts';
import { D, parseExact, type Dec } from '../numeric.ts';
import { paperTmc } from '../paper/reference.ts';
import { basePolicy, policyFromLogits } from '../policy.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import { taskCots } from './correctness.ts';
import { cotEntropy, coverage, passAtK, type Coverage } from './metrics.ts';

const frac = (text: string) => jsonDecimal(parseExact(text)!);
const shares = (c: Coverage) => [c.easy, c.hard, c.invalid].map(jsonDecimal);
/** V = {000 (hard, p 1/6, rho 1/4), 010 (easy, p 1/2, rho 3/4)}. */
const twoStep = tmcFromSpec({ kernels: [[['1/2', '1/2']], [['1/3', '2/3'], ['1', '0']]], tasks: [{ name: 't', start: 0, target: 0 }] });

describe('coverage', () => {
  test('reference TMC task1 from its start: easy 50/121, hard 411/2662, invalid 1151/2662', () => {
    expect(shares(coverage(basePolicy(paperTmc()), 0))).toEqual(['50/121', '411/2662', '1151/2662'].map(frac));
  });

  test('uniform start halves the valid mass on two starts: easy 25/121, hard 411/5324, invalid 3813/5324', () => {
    expect(shares(coverage(basePolicy(paperTmc()), 0, 'uniform'))).toEqual(['25/121', '411/5324', '3813/5324'].map(frac));
  });
});

describe('CoT entropy', () => {
  test('chain rule: H = ln 2 + (1/2) H(1/3, 2/3) = (2/3) ln 2 + (1/2) ln 3 nats', () => {
    const expected = new D(2).ln().times(2).div(3).plus(new D(3).ln().div(2));
    expect(jsonDecimal(cotEntropy(basePolicy(twoStep), 0))).toBe(jsonDecimal(expected));
  });

  test('a deterministic policy has entropy 0', () => {
    const sure = policyFromLogits(twoStep, [[[new D(0), null]], [[new D(0), null], [new D(0), null]]]);
    expect(cotEntropy(sure, 0).isZero()).toBe(true);
  });
});

describe('pass@K, exact over the 4 instances', () => {
  const tc = taskCots(twoStep, 0);
  const base = basePolicy(twoStep);
  const at = (K: number, hardOnly = false): Dec => passAtK(base, tc, K, { hardOnly });

  test('pass@1 = J = 5/12; pass@2 = 175/288', () => {
    expect(jsonDecimal(at(1))).toBe(frac('5/12'));
    expect(jsonDecimal(at(2))).toBe(frac('175/288'));
  });

  test('on hard instances only ({000}, pi = 1/6): pass@1 = 1/6, pass@2 = 11/36', () => {
    expect(jsonDecimal(at(1, true))).toBe(frac('1/6'));
    expect(jsonDecimal(at(2, true))).toBe(frac('11/36'));
  });

  test('a task without hard instances has hard pass@K 0', () => {
    const easyOnly = tmcFromSpec({ kernels: [[['1/4', '3/4']]], tasks: [{ name: 't', start: 0, target: 1 }] });
    expect(passAtK(basePolicy(easyOnly), taskCots(easyOnly, 0), 3, { hardOnly: true }).isZero()).toBe(true);
  });
});
