/**
 * How numbers leave the program. JSON carries `JSON_DIGITS` significant digits as decimal strings,
 * fewer than the working precision, so raising `--precision` changes no printed digit; tables show 6.
 */
import type { Dec } from '../numeric.ts';

export const JSON_DIGITS = 30;
export const TABLE_DIGITS = 6;

/** A decimal for JSON output: a decimal string of `JSON_DIGITS` significant digits. */
export function jsonDecimal(x: Dec): string {
  return x.toSignificantDigits(JSON_DIGITS).toString();
}

/** A decimal for a table: `TABLE_DIGITS` significant digits, fixed-point when readable. */
export function tableDecimal(x: Dec, digits = TABLE_DIGITS): string {
  const r = x.toSignificantDigits(digits);
  return r.abs().gte('1e-6') || r.isZero() ? r.toFixed() : r.toString();
}

/** Rows of cells as an aligned text table with a header row. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Print a value as pretty JSON on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
