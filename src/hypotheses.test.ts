import { describe, expect, test } from 'vitest';
import { taskCots } from './exact/correctness.ts';
import { easyHardMargin, hasHardValidCot, hasUniqueMaxRho, isTree, isTreeFor, sharedStates } from './hypotheses.ts';
import { paperTmc } from './paper/reference.ts';
import { tmcFromSpec } from './tmc-file.ts';

/** A tree: two prefixes, meeting only in the answer layer (exempt from H-tree). */
const twoStep = tmcFromSpec({ kernels: [[['1/2', '1/2']], [['1/3', '2/3'], ['1', '0']]], tasks: [{ name: 't', start: 0, target: 0 }] });

describe('named hypotheses on hand-checked TMCs', () => {
  test('H-tree: the reference TMC is not a tree (prefixes 0-0 and 0-1 both reach state 0 of layer 2); twoStep is', () => {
    const tmc = paperTmc();
    expect([isTreeFor(tmc, 0), isTreeFor(tmc, 1), isTree(tmc)]).toEqual([false, false, false]);
    expect(isTree(twoStep)).toBe(true);
  });

  test('H-unique-max and H-hard-valid: the reference task1 has one best CoT (rho 1100/1511) and hard ones', () => {
    const tc = taskCots(paperTmc(), 0);
    expect(hasUniqueMaxRho(tc)).toBe(true);
    expect(hasHardValidCot(tc)).toBe(true);
    const tie = tmcFromSpec({ kernels: [[['1/2', '1/2']], [['1'], ['1']]], tasks: [{ name: 't', start: 0, target: 0 }] });
    expect(hasUniqueMaxRho(taskCots(tie, 0))).toBe(false);
    expect(hasHardValidCot(taskCots(tie, 0))).toBe(false);
  });

  test('H-margin: easy 10/11 over hard 1/11 is 10; infinite without a row holding both', () => {
    expect(easyHardMargin(paperTmc()).toNumber()).toBe(10);
    expect(easyHardMargin(tmcFromSpec({ kernels: [[['1']]], tasks: [{ name: 't', start: 0, target: 0 }] })).toNumber()).toBe(Infinity);
  });

  test('H-shared: the reference tasks share every state past layer 0', () => {
    expect(sharedStates(paperTmc(), 0, 1)).toEqual([[1, 0], [1, 1], [2, 0], [2, 1], [3, 0], [3, 1]]);
  });
});
