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

/** Set the working precision (significant digits, 10 to 1000). */
export function setPrecision(digits: number): void {
  if (!Number.isInteger(digits) || digits < 10 || digits > 1000) {
    throw new RangeError(`precision must be an integer from 10 to 1000, got ${digits}`);
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

/**
 * Read a probability given as a JSON number or an exact string (`"0.25"`, `"1/4"`, `"1e-3"`)
 * without passing through floats. Returns `null` when the text is not a number.
 */
export function parseExact(value: unknown): Dec | null {
  if (typeof value === 'number') return Number.isFinite(value) ? new D(String(value)) : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const slash = text.indexOf('/');
  if (slash >= 0) {
    const num = text.slice(0, slash).trim();
    const den = text.slice(slash + 1).trim();
    if (!EXACT_NUMBER.test(num) || !EXACT_NUMBER.test(den)) return null;
    const d = new D(den);
    if (d.isZero()) return null;
    return new D(num).div(d);
  }
  return EXACT_NUMBER.test(text) ? new D(text) : null;
}

/** A decimal as a fixed string of `digits` significant digits (for reports). */
export function show(value: Dec, digits = 6): string {
  return value.toSignificantDigits(digits).toString();
}
