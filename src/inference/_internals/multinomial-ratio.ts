/**
 * `E[n_c / S]` for every class `c`, where the counts `(n_1..n_C) ~ Multinomial(N; m_1..m_C)` and
 * `S = sum_c n_c w_c` (weights `w_c > 0`). Soft-BoN needs it: `P(class c) = w_c E[n_c / S]`.
 *
 * ## Implementation notes
 * `S` takes one value per count vector (weights `exp(lambda rho)` are generically incommensurable),
 * so this is an exact finite sum over the `C(N + C - 1, C - 1)` count vectors: an outer recursion over
 * all classes but the two heaviest, and an inner loop over the split `(n, r - n)` of the remaining
 * `r` draws between those two. The multinomial probability is a chain of binomials: class `j` takes
 * `n_j` of the `r` draws left with probability `C(r, n_j) q^(n_j) (1 - q)^(r - n_j)`, `q = m_j / M`,
 * `M` the mass of `j` and the classes after it. Each binomial table comes from Pascal's recurrence,
 * so no power `q^n` is formed on its own: such a power falls below the last bit of fixed point (at
 * `N = 64` with a class of mass 0.1, or `N = 300` with two halves) while the term it belongs to does
 * not.
 * The sums run on BigInt fixed-point numbers with `B` fractional bits, chosen so that the rounding of
 * every term, and the count vectors of probability below `2^-B` that are skipped, stay below
 * `10^-(precision + 4)` relative to the smallest result in total; decimal.js would be ~20x slower and
 * miss the 50 ms budget at `N = 64`.
 * Weights are scaled by their maximum first (the ratio `n_c w_c / S` does not change).
 */
import { UsageError } from '../../errors.ts';
import { D, ONE, maxOf, precision, withPrecision, type Dec } from '../../numeric.ts';

/** Count vectors summed at most (the cost), so a huge `N` fails clearly. */
export const MAX_COUNT_VECTORS = 5_000_000;

/** Number of count vectors of `n` draws over `c` classes, `C(n + c - 1, c - 1)`. */
export function countVectors(n: number, c: number): number {
  let v = 1;
  for (let i = 1; i < c; i++) v = (v * (n + i)) / i;
  return Math.round(v);
}

function bits(x: Dec): number {
  return Math.max(0, Math.ceil(ONE.div(x).log(2).toNumber()));
}

/** `E[n_c / S]` for each class `c` (see the module comment). `masses` sum to 1. */
export function multinomialRatio(masses: readonly Dec[], weights: readonly Dec[], N: number): Dec[] {
  const C = masses.length;
  if (countVectors(N, C) > MAX_COUNT_VECTORS) {
    throw new UsageError(`soft-bon: N = ${N} over ${C} score classes needs ${countVectors(N, C)} terms (limit ${MAX_COUNT_VECTORS})`);
  }
  const wMax = maxOf([...weights]);
  const w = weights.map((x) => x.div(wMax));
  if (C === 1) return [ONE.div(weights[0])];
  // Each binomial table entry is off by at most N units, a count vector's probability by C N.
  const B =
    Math.ceil((precision() + 4) * Math.log2(10)) +
    Math.max(...masses.map(bits)) +
    2 * Math.max(...w.map(bits)) +
    Math.ceil(Math.log2(countVectors(N, C) + 1)) +
    Math.ceil(Math.log2(C * N + 1));
  const Bn = BigInt(B);
  const unit = 1n << Bn;
  // Conversions keep every digit: at the working precision alone, 2^B and x 2^B would be rounded.
  const exact = <T>(fn: () => T): T => withPrecision(precision() + Math.ceil(B * Math.log10(2)) + 5, fn);
  const toFixed = (x: Dec): bigint => exact(() => BigInt(x.times(new D(2).pow(B)).toFixed(0, D.ROUND_DOWN)));
  const fromFixed = (v: bigint): Dec => exact(() => new D(v.toString()).div(new D(2).pow(B)));
  /** `table[r][n] = C(r, n) q^n (1 - q)^(r - n)` for `r <= N`. */
  const binomialTable = (q: Dec): bigint[][] => {
    const qf = toFixed(q);
    const rest = unit - qf;
    const table = [[unit]];
    for (let r = 1; r <= N; r++) {
      const prev = table[r - 1];
      table.push(Array.from({ length: r + 1 }, (_, n) => ((n > 0 ? prev[n - 1] * qf : 0n) + (n < r ? prev[n] * rest : 0n)) >> Bn));
    }
    return table;
  };

  // The two heaviest classes go to the inner loop, after the outer ones.
  const [X, Y, ...outer] = masses.map((_, i) => i).sort((a, b) => masses[b].comparedTo(masses[a]));
  let massLeft = ONE;
  const outerTables = outer.map((j) => {
    const table = binomialTable(masses[j].div(massLeft));
    massLeft = massLeft.minus(masses[j]);
    return table;
  });
  // inner[r][n]: n of the r draws left to X, r - n to Y.
  const inner = binomialTable(masses[X].div(masses[X].plus(masses[Y])));
  const wf = w.map(toFixed);

  const acc = masses.map(() => 0n);
  const counts = outer.map(() => 0);
  const one2 = 1n << (2n * Bn);
  const delta = wf[X] - wf[Y];
  const visit = (idx: number, remaining: number, factor: bigint, s0: bigint): void => {
    if (factor === 0n) return;
    if (idx < outer.length) {
      const j = outer[idx];
      const row = outerTables[idx][remaining];
      for (let nj = 0; nj <= remaining; nj++) {
        counts[idx] = nj;
        visit(idx + 1, remaining - nj, (factor * row[nj]) >> Bn, s0 + BigInt(nj) * wf[j]);
      }
      return;
    }
    const r = remaining;
    const row = inner[r];
    // Terms of probability below 2^-B are dropped: B carries the guard bits for their total.
    const cut = unit / factor;
    let s = s0 + BigInt(r) * wf[Y];
    let n = 0n;
    let t0 = 0n;
    let t1 = 0n;
    for (let i = 0; i <= r; i++) {
      if (row[i] >= cut) {
        const term = row[i] * (one2 / s); // scale 2^(2B)
        t0 += term;
        t1 += n * term;
      }
      s += delta;
      n += 1n;
    }
    // Back to scale 2^B, times the outer factor.
    const f0 = (factor * t0) >> (2n * Bn);
    const f1 = (factor * t1) >> (2n * Bn);
    outer.forEach((j, i) => (acc[j] += BigInt(counts[i]) * f0));
    acc[X] += f1;
    acc[Y] += BigInt(r) * f0 - f1;
  };
  visit(0, N, unit, 0n);
  return acc.map((a) => fromFixed(a).div(wMax));
}
