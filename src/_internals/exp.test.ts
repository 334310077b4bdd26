import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { D, ONE, withPrecision } from '../numeric.ts';
import { exp } from './exp.ts';

/** `x` from an integer mantissa and a decimal exponent, so values span tiny to 1000. */
const args = fc
  .tuple(fc.bigInt({ min: -(10n ** 45n), max: 10n ** 45n }), fc.integer({ min: -90, max: -42 }))
  .map(([m, e]) => new D(`${m}e${e}`))
  .filter((x) => x.abs().lte(1000));

describe('fast exp agrees with Decimal.exp', () => {
  for (const digits of [12, 40, 120]) {
    test(`to one unit in the last place at ${digits} digits`, () =>
      withPrecision(digits, () =>
        fc.assert(
          fc.property(args, (x) => {
            const ours = exp(x);
            const ref = x.exp();
            expect(ours.minus(ref).abs().lte(ref.times(new D(10).pow(1 - digits)))).toBe(true);
          }),
          { numRuns: 300 },
        ),
      ));
  }

  test('exact at 0, 1 + x for negligible x, Decimal.exp beyond +-1000', () => {
    expect(exp(new D(0)).eq(ONE)).toBe(true);
    expect(exp(new D('1e-60')).eq(ONE.plus('1e-60'))).toBe(true);
    expect(exp(new D(-2000)).eq(new D(-2000).exp())).toBe(true);
    expect(exp(new D(1)).toFixed(30)).toBe('2.718281828459045235360287471353');
  });
});
