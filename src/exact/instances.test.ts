import { describe, expect, test } from 'vitest';
import { jsonDecimal } from '../cli/format.ts';
import { UsageError } from '../errors.ts';
import { parseExact } from '../numeric.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import { taskCots } from './correctness.ts';
import { MAX_ENUMERATED_INSTANCE_COTS, instances } from './instances.ts';

const frac = (text: string) => jsonDecimal(parseExact(text)!);
/** V = {000 (hard, rho 1/4), 010 (easy, rho 3/4)}. */
const twoStep = tmcFromSpec({ kernels: [[['1/2', '1/2']], [['1/3', '2/3'], ['1', '0']]], tasks: [{ name: 't', start: 0, target: 0 }] });

describe('instances', () => {
  test('the 4 instances of V = {000 hard rho 1/4, 010 easy rho 3/4}: probabilities 3/16, 1/16, 9/16, 3/16; only {000} is hard', () => {
    const all = instances(taskCots(twoStep, 0));
    expect(all.map((q) => q.correct)).toEqual([[false, false], [true, false], [false, true], [true, true]]);
    expect(all.map((q) => jsonDecimal(q.prob))).toEqual(['3/16', '1/16', '9/16', '3/16'].map(frac));
    expect(all.map((q) => q.hard)).toEqual([false, true, false, false]);
  });

  test(`more than ${MAX_ENUMERATED_INSTANCE_COTS} valid CoTs is a UsageError, not 2^n work`, () => {
    const tc = taskCots(twoStep, 0);
    const many = { ...tc, cots: Array.from({ length: MAX_ENUMERATED_INSTANCE_COTS + 1 }, () => tc.cots[0]) };
    expect(() => instances(many)).toThrow(UsageError);
    expect(() => instances(many)).toThrow(`task t has ${MAX_ENUMERATED_INSTANCE_COTS + 1} valid CoTs`);
  });
});
