/**
 * The dispatching entry points of src/exact/instance-moments.ts: `bernsteinEvaluator` against
 * hand-derived values, and the cheaper-method choice agreeing with the recursion it skips (the
 * recursions themselves are checked against enumeration in proofs/).
 */
import { describe, expect, test } from 'vitest';
import { D, ONE, ZERO, nearlyEqual, type Dec } from '../numeric.ts';
import { paperTmc } from '../paper/reference.ts';
import { grpoCoefficients } from '../methods/grpo.ts';
import { taskCots } from './correctness.ts';
import {
  bernsteinEvaluator,
  bernsteinInstanceMean,
  bernsteinInstanceWeights,
  bernsteinMeanByRecursion,
  bernsteinWeightsByRecursion,
  enumerationIsCheaper,
} from './instance-moments.ts';
import { passAtKCoefficients } from './metrics.ts';

const ints = (xs: number[]) => xs.map((x) => new D(x));

describe('bernsteinEvaluator', () => {
  test('B = (2, -1, 3) of degree 2 at c = 1/2: 2/4 - 2/4 + 3/4 = 3/4; pass@2 at c = 1/3: 1 - (2/3)^2 = 5/9', () => {
    expect(bernsteinEvaluator(ints([2, -1, 3]))(new D(1).div(2)).toString()).toBe('0.75');
    expect(nearlyEqual(bernsteinEvaluator(passAtKCoefficients(2))(new D(1).div(3)), new D(5).div(9))).toBe(true);
  });
  test('degree 0 is the constant; at c = 0 and c = 1 the end coefficients', () => {
    expect(bernsteinEvaluator(ints([-3]))(new D('0.3')).toString()).toBe('-3');
    expect(bernsteinEvaluator(ints([5, 1, -2]))(ZERO).toString()).toBe('5');
    expect(bernsteinEvaluator(ints([5, 1, -2]))(ONE).toString()).toBe('-2');
  });
});

describe("the cheaper method on the paper's task 1 (4 CoTs) agrees with the recursion", () => {
  const tc = taskCots(paperTmc(), 0);
  const pi = tc.cots.map((c) => c.p);
  const cases: [string, Dec[]][] = [
    ['GRPO G = 8', grpoCoefficients(8)],
    ['RL-rej n = 5', ints([1, 0, 0, 0, 0, 0])],
    ['pass@12', passAtKCoefficients(12)],
    ['mixed signs', ints([2, -1, 0, 3])],
  ];
  test.each(cases)('%s', (_, beta) => {
    expect(enumerationIsCheaper(4, beta, 'weights')).toBe(true);
    bernsteinInstanceWeights(tc, pi, beta).forEach((w, i) => expect(nearlyEqual(w, bernsteinWeightsByRecursion(tc, pi, beta)[i])).toBe(true));
    for (const hardOnly of [false, true]) {
      expect(nearlyEqual(bernsteinInstanceMean(tc, pi, beta, { hardOnly }), bernsteinMeanByRecursion(tc, pi, beta, { hardOnly }))).toBe(true);
    }
  });
});
