import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { D, ONE, withPrecision } from '../numeric.ts';
import { ln } from './ln.ts';

/** Positive `x` spanning 1e-60 to 1e40, and values within 1e-30 of 1 (where ln x ~ x - 1); `m > -10^20` keeps `x > 0`. */
const args = fc.oneof(
  fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 45n }), fc.integer({ min: -105, max: -5 })).map(([m, e]) => new D(`${m}e${e}`)),
  fc.tuple(fc.bigInt({ min: 1n - 10n ** 20n, max: 10n ** 20n }), fc.integer({ min: 0, max: 30 })).map(([m, e]) => ONE.plus(new D(`${m}e-${20 + e}`))),
);

describe('fast ln agrees with Decimal.ln', () => {
  for (const digits of [12, 40, 120]) {
    test(`to one unit in the last place at ${digits} digits`, () =>
      withPrecision(digits, () =>
        fc.assert(
          fc.property(args, (x) => {
            const ref = x.ln();
            expect(ln(x).minus(ref).abs().lte(ref.abs().times(new D(10).pow(1 - digits)))).toBe(true);
          }),
          { numRuns: 200 },
        ),
      ));
  }

  test('exact at 1, x - 1 next to 1, Decimal.ln beyond the float range', () => {
    expect(ln(ONE).isZero()).toBe(true);
    expect(ln(new D(`1.${'0'.repeat(59)}1`)).eq(new D('1e-60'))).toBe(true);
    expect(ln(new D('1e-400')).eq(new D('1e-400').ln())).toBe(true);
    expect(ln(new D(2)).toFixed(30)).toBe('0.693147180559945309417232121458');
  });
});
