/**
 * Kernel rows as small integer weights and back, so generators can edit a row of a generated TMC
 * (raise one edge) and still write it with exact fractions (`"3/7"`), never floats.
 */

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** A row of non-negative integer weights (not all 0) as exact reduced fractions. */
export function rowFromWeights(weights: readonly number[]): string[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (w === 0 ? '0' : w === total ? '1' : `${w / gcd(w, total)}/${total / gcd(w, total)}`));
}

/**
 * The smallest integer weights of a row written as integers or fractions `a/b` (the form generators
 * write). Throws on any other entry: decimals do not come out of the generators.
 */
export function weightsOfRow(row: readonly (number | string)[]): number[] {
  const fractions = row.map((x) => {
    const m = /^(\d+)(?:\/(\d+))?$/.exec(String(x).trim());
    if (!m) throw new RangeError(`weightsOfRow: ${JSON.stringify(x)} is not an integer or a fraction a/b`);
    return { num: Number(m[1]), den: m[2] === undefined ? 1 : Number(m[2]) };
  });
  const lcm = fractions.reduce((l, f) => (l * f.den) / gcd(l, f.den), 1);
  return fractions.map((f) => (f.num * lcm) / f.den);
}
