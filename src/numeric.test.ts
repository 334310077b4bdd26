import { describe, expect, test } from 'vitest';
import { D, compareExact, maxOf, nearlyEqual, parseExact, precision, setPrecision, sum, withPrecision } from './numeric.ts';

describe('parseExact', () => {
  test('exact strings and JSON numbers read without floats', () => {
    expect(parseExact('1/4')?.toString()).toBe('0.25');
    expect(parseExact('0.25')?.toString()).toBe('0.25');
    expect(parseExact(' 10 / 11 ')?.eq(new D(10).div(11))).toBe(true);
    expect(parseExact(1e-3)?.toString()).toBe('0.001');
    expect(parseExact('1e-3')?.toString()).toBe('0.001');
    expect(parseExact(0.1)?.toString()).toBe('0.1'); // the shortest decimal of the float, not 0.1000000000000000055…
    expect(parseExact('.5')?.toString()).toBe('0.5');
    expect(parseExact('-1/2')?.toString()).toBe('-0.5'); // sign is the validator's business
  });

  test('rejects what is not a finite number: NaN, Infinity, division by zero, text, other types', () => {
    for (const bad of ['NaN', 'Infinity', '1/0', '0/0', 'abc', '', '1/', '/2', '1/2/3', '0x10', '1,5']) {
      expect(parseExact(bad), bad).toBeNull();
    }
    for (const bad of [NaN, Infinity, null, undefined, true, [], {}]) expect(parseExact(bad)).toBeNull();
  });

  test('huge exponents stay exact decimals (1e400 has no float)', () => {
    expect(parseExact('1e400')?.eq(new D(10).pow(400))).toBe(true);
  });
});

describe('precision and ties', () => {
  test('withPrecision restores the previous precision, even when fn throws', () => {
    expect(precision()).toBe(40);
    expect(withPrecision(80, () => new D(1).div(3).toString().length)).toBe(82);
    expect(() => withPrecision(60, () => { throw new Error('boom'); })).toThrow('boom');
    expect(precision()).toBe(40);
  });

  test('setPrecision rejects non-integers and out-of-range digits', () => {
    expect(() => setPrecision(9)).toThrow(RangeError);
    expect(() => setPrecision(40.5)).toThrow(RangeError);
    expect(precision()).toBe(40);
  });

  test('nearlyEqual absorbs last-digit round-off, not real differences', () => {
    const third = new D(1).div(3);
    expect(nearlyEqual(third.times(3), new D(1))).toBe(true);
    expect(nearlyEqual(new D(1), new D(1).plus('1e-30'))).toBe(false);
    expect(compareExact(third.times(3), new D(1))).toBe(0);
    expect(compareExact(new D('0.5'), new D('0.6'))).toBe(-1);
  });

  test('sum of nothing is 0; maxOf picks the largest', () => {
    expect(sum([]).isZero()).toBe(true);
    expect(maxOf([new D(1), new D(3), new D(2)]).toNumber()).toBe(3);
  });
});
