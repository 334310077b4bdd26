/**
 * `taskValues` (layer passes) and `taskValuesByEnumeration` (the reference) on two TMCs small enough
 * to derive by hand; every expected value is an exact fraction.
 */
import { describe, expect, test } from 'vitest';
import { jsonDecimal } from '../cli/format.ts';
import { D, parseExact, type Dec } from '../numeric.ts';
import { paperTmc } from '../paper/reference.ts';
import { basePolicy, policyFromLogits } from '../policy.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import { taskValuesByEnumeration } from './enumeration.ts';
import { backwardPass, edge, forwardPass, taskValues, validProbability, type TaskValues } from './values.ts';

type Nested = Dec | readonly Nested[];
const digits = (x: Nested): unknown => (Array.isArray(x) ? x.map(digits) : jsonDecimal(x as Dec));
const frac = (x: unknown): unknown => (Array.isArray(x) ? x.map(frac) : jsonDecimal(parseExact(x)!));

/** One step: P = (1/4, 3/4), task 0 -> 0. */
const fork = tmcFromSpec({ kernels: [[['1/4', '3/4']]], tasks: [{ name: 't', start: 0, target: 0 }] });
/** Two steps, p(000) = 1/6, p(010) = 1/2, p(V) = 2/3, rho = 1/4, 3/4. */
const twoStep = tmcFromSpec({ kernels: [[['1/2', '1/2']], [['1/3', '2/3'], ['1', '0']]], tasks: [{ name: 't', start: 0, target: 0 }] });

const implementations: Record<string, (tmc: typeof fork, logits?: (Dec | null)[][][]) => TaskValues> = {
  'layer passes': (tmc, logits) => taskValues(logits ? policyFromLogits(tmc, logits) : basePolicy(tmc), 0),
  'path enumeration': (tmc, logits) => taskValuesByEnumeration(logits ? policyFromLogits(tmc, logits) : basePolicy(tmc), 0),
};

describe.each(Object.entries(implementations))('%s', (_, values) => {
  test('one step under the base policy: J = 1/4, A = (3/4, -1/4), grad = d pi A = (3/16, -3/16)', () => {
    const v = values(fork);
    expect(digits(v.J)).toBe(frac('1/4'));
    expect(digits(v.d)).toEqual(frac([['1'], ['1/4', '3/4']]));
    expect(digits(v.V)).toEqual(frac([['1/4'], ['1', '0']]));
    expect(digits(v.Q)).toEqual(frac([[['1', '0']]]));
    expect(digits(v.A)).toEqual(frac([[['3/4', '-1/4']]]));
    expect(digits(v.grad)).toEqual(frac([[['3/16', '-3/16']]]));
  });

  test('one step under the uniform policy: rho still from P, J = 1/2, grad = (1/4, -1/4)', () => {
    const v = values(fork, [[[new D(0), new D(0)]]]);
    expect(digits(v.J)).toBe(frac('1/2'));
    expect(digits(v.A)).toEqual(frac([[['1/2', '-1/2']]]));
    expect(digits(v.grad)).toEqual(frac([[['1/4', '-1/4']]]));
  });

  test('two steps, two prefixes meeting in the answer layer: J = 5/12, V and gradients by hand', () => {
    const v = values(twoStep);
    expect(digits(v.J)).toBe(frac('5/12'));
    expect(digits(v.d)).toEqual(frac([['1'], ['1/2', '1/2'], ['2/3', '1/3']]));
    // V(1,0) = pi(0|0) rho(000) = 1/12, V(1,1) = rho(010) = 3/4; V(2,0) = E[rho | o_3 = 0] = (5/12)/(2/3).
    expect(digits(v.V)).toEqual(frac([['5/12'], ['1/12', '3/4'], ['5/8', '0']]));
    expect(digits(v.A[0])).toEqual(frac([['-1/3', '1/3']]));
    expect(digits(v.A[1][0])).toEqual(frac(['1/6', '-1/12']));
    expect(digits(v.A[1][1][0])).toBe(frac('0'));
    expect(digits(v.grad)).toEqual(frac([[['-1/6', '1/6']], [['1/36', '-1/36'], ['0', '0']]]));
  });
});

describe('passes', () => {
  test('validProbability is p(V_k): 1511/2662 and 1151/2662 on the reference TMC', () => {
    const tmc = paperTmc();
    expect(digits([validProbability(tmc, 0), validProbability(tmc, 1)])).toEqual(frac(['1511/2662', '1151/2662']));
  });

  test('forward and backward passes with the kernel weights give visitation and reach probabilities', () => {
    expect(digits(forwardPass(twoStep, 0, edge(twoStep.kernels)))).toEqual(frac([['1'], ['1/2', '1/2'], ['2/3', '1/3']]));
    expect(digits(backwardPass(twoStep, 0, edge(twoStep.kernels)))).toEqual(frac([['2/3'], ['1/3', '1'], ['1', '0']]));
  });
});
