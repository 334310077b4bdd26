/**
 * # ORM best-of-N (SPEC §5; the paper's ORM-BoN)
 *
 * Draw `N` CoTs `o^1..o^N` i.i.d. from the base (`q`, see _internals/draws.ts) and return the one with
 * the largest outcome reward `R_out = rho_k`; among equal scores, the first drawn.
 *
 * ## Exact distribution (no enumeration of the `N` draws)
 * Group the CoTs into score classes (equal `R_out` up to the working precision), best first. For
 * class `c` let `m_c = q(c)` and `B_c` the mass of the classes scoring strictly lower. The returned
 * score is `c`'s exactly when every draw scores at most `c` and some draw is in `c`:
 * `P(class c) = (B_c + m_c)^N - B_c^N`. The return is the first draw that lands in `c`, and a draw
 * known to be in `c` is `o` with probability `q(o)/m_c`, so
 * `P(o) = q(o)/m_c * ((B_c + m_c)^N - B_c^N)`.
 * Valid CoTs of one task with equal `rho` have equal `p` (`rho = p/Z`), so tied valid CoTs are
 * equally likely; the invalid CoTs (all scoring 0) share their class in proportion to `q`.
 *
 * `ormBonTopK` is the procedure behind the paper's ORM-BoN row (docs/paper-procedure.md item 3):
 * keep the top `K` of the `N` draws (ties: first drawn) and return one of them uniformly. With
 * `K = 1` it is ORM-BoN; with `K >= N` it keeps every draw and is base sampling.
 */
import { ONE, ZERO, compareExact, sum, type Dec } from '../numeric.ts';
import { drawIndex } from '../sampling.ts';
import type { Selector } from './selector.ts';
import {
  baseDraws,
  checkCount,
  checkOptions,
  firstMax,
  outputOf,
  reportParams,
  rewardsFor,
  sampleDraw,
  scoreClasses,
  type Draw,
  type DrawOptions,
} from './_internals/draws.ts';

export interface OrmBonParams extends DrawOptions {
  /** Number of draws `N >= 1` (default 8). */
  readonly n?: number;
}

/**
 * `P(o)` for every draw from the class probabilities: `classProb(m, below)` is the probability that
 * the selected CoT is in a class of mass `m` with mass `below` scoring strictly lower.
 */
export function byScoreClass(draws: readonly Draw[], score: (d: Draw) => Dec, classProb: (m: Dec, below: Dec) => Dec): Map<Draw, Dec> {
  const classes = scoreClasses(draws, score);
  const masses = classes.map((c) => sum(c.members.map((d) => d.q)));
  const out = new Map<Draw, Dec>();
  let below = sum(masses);
  classes.forEach((c, i) => {
    below = below.minus(masses[i]);
    // Rounding can leave a tiny negative remainder once every class is counted.
    const b = below.isNeg() ? ZERO : below;
    const share = classProb(masses[i], b).div(masses[i]);
    for (const d of c.members) out.set(d, d.q.times(share));
  });
  return out;
}

/** ORM-BoN(N): the first of `N` base draws with the largest `R_out`. */
export function ormBon(params: OrmBonParams = {}): Selector {
  const n = checkCount('orm-bon', 'n', params.n ?? 8);
  const options = checkOptions('orm-bon', params);
  return {
    name: 'orm-bon',
    params: reportParams({ n }, options),
    distribution(tmc, k) {
      const r = rewardsFor(tmc, k, options);
      const draws = baseDraws(tmc, k, options.start);
      const probs = byScoreClass(draws, (d) => r.rOut(d.path), (m, b) => b.plus(m).pow(n).minus(b.pow(n)));
      return outputOf(draws, (d) => probs.get(d)!);
    },
    sample(tmc, k, rng) {
      const r = rewardsFor(tmc, k, options);
      const drawn = Array.from({ length: n }, () => sampleDraw(tmc, k, options.start, rng));
      return drawn[firstMax(drawn.map((o) => r.rOut(o)))];
    },
  };
}

export interface OrmBonTopKParams extends OrmBonParams {
  /** Number of draws kept, `K >= 1` (the paper: 30 of `N = 15`). */
  readonly keep: number;
}

/** Binomial probabilities `P(Bin(n, p) = j)`, `j = 0..n`. */
function binomial(n: number, p: Dec): Dec[] {
  const q = ONE.minus(p);
  const out: Dec[] = [];
  let coef = ONE;
  for (let j = 0; j <= n; j++) {
    out.push(coef.times(p.pow(j)).times(q.pow(n - j)));
    coef = coef.times(n - j).div(j + 1);
  }
  return out;
}

/**
 * ORM top-K of N (the paper's ORM-BoN procedure): draw `N`, keep the `K` best by `R_out` (ties: first
 * drawn), return a kept draw uniformly. With `A` the mass scoring above class `c` (`X ~ Bin(N, A)`
 * draws) and `Y | X ~ Bin(N - X, m_c / (1 - A))` draws in `c`, class `c` keeps `min(Y, (K - X)^+)`
 * draws, so `P(class c) = E[min(Y, (K - X)^+)] / min(K, N)`, shared in proportion to `q` within `c`.
 */
export function ormBonTopK(params: OrmBonTopKParams): Selector {
  const n = checkCount('orm-bon-top-k', 'n', params.n ?? 8);
  const keep = checkCount('orm-bon-top-k', 'keep', params.keep);
  const options = checkOptions('orm-bon-top-k', params);
  const kept = Math.min(keep, n);
  return {
    name: 'orm-bon-top-k',
    params: reportParams({ n, keep }, options),
    distribution(tmc, k) {
      const r = rewardsFor(tmc, k, options);
      const draws = baseDraws(tmc, k, options.start);
      const total = sum(draws.map((d) => d.q));
      const probs = byScoreClass(draws, (d) => r.rOut(d.path), (m, below) => {
        if (kept === n) return m;
        const above = total.minus(m).minus(below);
        const inClass = m.div(m.plus(below));
        let expected = ZERO;
        binomial(n, above).forEach((px, x) => {
          if (x >= kept || px.isZero()) return;
          binomial(n - x, inClass).forEach((py, y) => {
            expected = expected.plus(px.times(py).times(Math.min(y, kept - x)));
          });
        });
        return expected.div(kept);
      });
      return outputOf(draws, (d) => probs.get(d)!);
    },
    sample(tmc, k, rng) {
      const r = rewardsFor(tmc, k, options);
      const drawn = Array.from({ length: n }, () => sampleDraw(tmc, k, options.start, rng));
      // A stable sort keeps the first drawn ahead among equal scores.
      const order = drawn.map((o, i) => ({ o, i, s: r.rOut(o) })).sort((a, b) => compareExact(b.s, a.s) || a.i - b.i);
      const top = order.slice(0, kept);
      return top[drawIndex(top.map(() => 1 / top.length), rng)].o;
    },
  };
}
