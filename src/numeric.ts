/**
 * Exact arithmetic for the whole engine: one decimal.js constructor `D` whose precision is the
 * working precision (significant digits, default 40). Values created at one precision keep their
 * digits; only operations round, so `withPrecision` can re-run a computation at a higher precision.
 */
import DecimalJs from 'decimal.js';

export const Decimal = DecimalJs.default ?? DecimalJs;
export type Dec = InstanceType<typeof Decimal>;

export const DEFAULT_PRECISION = 40;

/** The engine's decimal constructor. Its precision is the working precision. */
export const D = Decimal.clone({ precision: DEFAULT_PRECISION, rounding: Decimal.ROUND_HALF_EVEN });

export const ZERO = new D(0);
export const ONE = new D(1);

/** The current working precision in significant digits. */
export function precision(): number {
  return D.precision;
}

/**
 * Set the working precision (significant digits, 10 up to decimal.js's 1e9). The CLI offers 10 to 1000;
 * the engine raises it above that for exact intermediate steps (src/inference/_internals).
 */
export function setPrecision(digits: number): void {
  if (!Number.isInteger(digits) || digits < 10 || digits > 1e9) {
    throw new RangeError(`precision must be an integer from 10 to 1e9, got ${digits}`);
  }
  D.set({ precision: digits });
}

/** Run `fn` at `digits` significant digits, restoring the previous precision afterwards. */
export function withPrecision<T>(digits: number, fn: () => T): T {
  const previous = D.precision;
  setPrecision(digits);
  try {
    return fn();
  } finally {
    D.set({ precision: previous });
  }
}

/**
 * Tolerance below which two values count as equal: 10^-(precision - 6) relative to the larger.
 * Products of the same factors in a different order differ in the last digits only; six digits of
 * slack absorb that without ever merging values that differ for a mathematical reason at small sizes.
 */
export function tieTolerance(): Dec {
  return new D(10).pow(-(D.precision - 6));
}

/** Equal up to the working precision (see `tieTolerance`). */
export function nearlyEqual(a: Dec, b: Dec): boolean {
  const scale = Decimal.max(ONE, a.abs(), b.abs());
  return a.minus(b).abs().lte(tieTolerance().times(scale));
}

/** Compare up to the working precision: 0 when `nearlyEqual`, else the sign of `a - b`. */
export function compareExact(a: Dec, b: Dec): -1 | 0 | 1 {
  if (nearlyEqual(a, b)) return 0;
  return a.lt(b) ? -1 : 1;
}

/** Sum of decimals (0 for an empty list). */
export function sum(values: Iterable<Dec>): Dec {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

/** Product of decimals (1 for an empty list). */
export function product(values: Iterable<Dec>): Dec {
  let total = ONE;
  for (const v of values) total = total.times(v);
  return total;
}

/** The maximum of a non-empty list of decimals. */
export function maxOf(values: readonly Dec[]): Dec {
  return values.reduce((m, v) => (v.gt(m) ? v : m));
}

const EXACT_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const NONZERO_MANTISSA = /^[+-]?0*\.?0*[1-9]/;

const OVERFLOW = 'overflows: its exponent is beyond the decimal range (+-9e15)';
const UNDERFLOW = 'underflows to 0: its exponent is beyond the decimal range (+-9e15)';

/** One decimal literal, checked to be within decimal.js's exponent range. */
function readDecimal(text: string): Dec {
  const d = new D(text);
  if (!d.isFinite()) throw new RangeError(OVERFLOW);
  if (d.isZero() && NONZERO_MANTISSA.test(text)) throw new RangeError(UNDERFLOW);
  return d;
}

/**
 * A probability given as a JSON number or an exact string, as the exact ratio `[numerator,
 * denominator]` of its literals (denominator 1 without a slash), nothing rounded. `null` when the
 * text is not a number or the denominator is 0; a `RangeError` when a literal is beyond
 * decimal.js's exponent range (+-9e15), where it would silently become Infinity or 0.
 */
export function parseRatio(value: unknown): [Dec, Dec] | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : typeof value === 'string' ? value.trim() : '';
  const slash = text.indexOf('/');
  const parts = slash >= 0 ? [text.slice(0, slash).trim(), text.slice(slash + 1).trim()] : [text, '1'];
  if (!parts.every((t) => EXACT_NUMBER.test(t))) return null;
  const [num, den] = parts.map(readDecimal);
  return den.isZero() ? null : [num, den];
}

/**
 * Read a probability given as a JSON number or an exact string (`"0.25"`, `"1/4"`, `"1e-3"`)
 * without passing through floats, rounded to the working precision. `null` and `RangeError` as
 * `parseRatio`; a quotient beyond the range (`"1e9e15/1e-9e15"`) is a `RangeError` too.
 */
export function parseExact(value: unknown): Dec | null {
  const ratio = parseRatio(value);
  if (ratio === null) return null;
  const [num, den] = ratio;
  const result = num.div(den);
  if (!result.isFinite()) throw new RangeError(OVERFLOW);
  if (result.isZero() && !num.isZero()) throw new RangeError(UNDERFLOW);
  return result;
}

/** Unrounded products: precision is only a cap, and a product has at most the digits of both factors. */
const Unrounded = Decimal.clone({ precision: 1e9 });

/** The exact order of two ratios from `parseRatio` (positive denominators), at any working precision. */
export function compareRatios([an, ad]: readonly [Dec, Dec], [bn, bd]: readonly [Dec, Dec]): -1 | 0 | 1 {
  const sign = (ad.isNeg() ? -1 : 1) * (bd.isNeg() ? -1 : 1);
  const [x, y] = [new Unrounded(an).times(bd), new Unrounded(bn).times(ad)];
  // Products past the exponent range (literals near +-9e15 on both sides) fall back to the quotients.
  const c = x.isFinite() && y.isFinite() && !x.isZero() && !y.isZero() ? x.cmp(y) * sign : an.div(ad).cmp(bn.div(bd));
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

/** A decimal as a fixed string of `digits` significant digits (for reports). */
export function show(value: Dec, digits = 6): string {
  return value.toSignificantDigits(digits).toString();
}
