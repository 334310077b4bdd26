/**
 * # Soft best-of-N (SPEC §5; the paper's Soft-BoN)
 *
 * Draw `N` CoTs `o^1..o^N` i.i.d. from the base (`q`) and return `o^i` with probability
 * `w(o^i) / sum_j w(o^j)`, where `w(o) = exp(lambda R_out(o))` and `lambda > 0` is the inverse
 * temperature.
 *
 * ## Exact distribution (no enumeration of the `N` draws)
 * Group the CoTs into classes of equal weight (equal `R_out` up to the working precision), with
 * masses `m_c` and weights `w_c`. The counts of draws per class are `Multinomial(N; m)`, the return
 * is in class `c` with probability `E[n_c w_c / S]`, `S = sum_c n_c w_c` (summed exactly over the
 * count vectors, _internals/multinomial-ratio.ts), and within a class a returned draw is `o` with
 * probability `q(o)/m_c`: `P(o) = q(o)/m_c * w_c E[n_c / S]`.
 *
 * `softBonDistinct` is the procedure behind the paper's Soft-BoN row (docs/paper-procedure.md
 * item 4): draw `N` *distinct* CoTs (successive sampling from `q` without replacement), then return
 * one with probability proportional to `w`. A set `T` of `N` CoTs comes first with probability
 * `P(T) = sum_{A subset T} (-1)^|A| q(T^c) / (q(T^c) + q(A))` (exponential clocks: `T` is drawn first
 * when the last of its clocks rings before the first of the others'); CoTs with equal `q` and `w` are
 * exchangeable, so sets and subsets are counted by class.
 */
import { UsageError } from '../errors.ts';
import { D, ONE, ZERO, sum, withPrecision, precision, type Dec } from '../numeric.ts';
import { drawIndex } from '../sampling.ts';
import type { Selector } from './selector.ts';
import { multinomialRatio } from './_internals/multinomial-ratio.ts';
import {
  baseDraws,
  checkCount,
  checkLambda,
  checkOptions,
  outputOf,
  reportParams,
  rewardsFor,
  sampleDraw,
  scoreClasses,
  type Draw,
  type DrawOptions,
} from './_internals/draws.ts';

export interface SoftBonParams extends DrawOptions {
  /** Number of draws `N >= 1` (default 8). */
  readonly n?: number;
  /** Inverse temperature `lambda > 0` (default 1); the weight of `o` is `exp(lambda R_out(o))`. */
  readonly lambda?: number;
}

/** Soft-BoN(N, lambda): one of `N` base draws, chosen with probability proportional to `exp(lambda R_out)`. */
export function softBon(params: SoftBonParams = {}): Selector {
  const n = checkCount('soft-bon', 'n', params.n ?? 8);
  const lambda = params.lambda ?? 1;
  checkLambda('soft-bon', lambda);
  return softBonUnchecked('soft-bon', n, lambda, checkOptions('soft-bon', params));
}

/**
 * Soft-BoN without the checks of its parameters: `lambda` may be negative (the sentinel mutant with
 * the sign flipped uses it); `n` and `options` must already be valid.
 */
export function softBonUnchecked(name: string, n: number, lambda: number, options: ReturnType<typeof checkOptions>): Selector {
  const lam = new D(lambda);
  return {
    name,
    params: reportParams({ n, lambda }, options),
    distribution(tmc, k) {
      const r = rewardsFor(tmc, k, options);
      const draws = baseDraws(tmc, k, options.start);
      const classes = scoreClasses(draws, (d) => r.rOut(d.path));
      const masses = classes.map((c) => sum(c.members.map((d) => d.q)));
      const weights = classes.map((c) => lam.times(c.score).exp());
      const ratio = multinomialRatio(masses, weights, n);
      const probs = new Map<Draw, Dec>();
      classes.forEach((c, i) => {
        const share = weights[i].times(ratio[i]).div(masses[i]);
        for (const d of c.members) probs.set(d, d.q.times(share));
      });
      return outputOf(draws, (d) => probs.get(d)!);
    },
    sample(tmc, k, rng) {
      const r = rewardsFor(tmc, k, options);
      const drawn = Array.from({ length: n }, () => sampleDraw(tmc, k, options.start, rng));
      return drawn[drawIndex(softWeights(drawn.map((o) => r.rOut(o)), lambda), rng)];
    },
  };
}

/** Sampling weights `exp(lambda (s - max s))` as floats (scaled so the largest is 1). */
function softWeights(scores: readonly Dec[], lambda: number): number[] {
  const top = scores.reduce((a, b) => (b.gt(a) ? b : a));
  const raw = scores.map((s) => Math.exp(lambda * s.minus(top).toNumber()));
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((x) => x / total);
}

/** Terms of the inclusion-exclusion sums of `softBonDistinct` at most (the cost). */
export const MAX_DISTINCT_TERMS = 2_000_000;

/**
 * The cost check of `softBonDistinct`: the inclusion-exclusion sums over count vectors `v` have
 * `sum_v prod_c (v_c + 1)` terms; more than `MAX_DISTINCT_TERMS` is a usage error.
 */
export function checkDistinctTerms(vectors: readonly (readonly number[])[]): void {
  const terms = vectors.reduce((t, v) => t + v.reduce((a, x) => a * (x + 1), 1), 0);
  if (terms > MAX_DISTINCT_TERMS) throw new UsageError(`soft-bon-distinct: ${terms} terms (limit ${MAX_DISTINCT_TERMS}); use a smaller N or TMC`);
}

/** Every vector `(k_1..k_C)` with `0 <= k_c <= limit_c` and `sum k_c = total`. */
function boundedVectors(limits: readonly number[], total: number): number[][] {
  const out: number[][] = [];
  const walk = (i: number, left: number, acc: number[]) => {
    if (i === limits.length) {
      if (left === 0) out.push([...acc]);
      return;
    }
    for (let x = 0; x <= Math.min(limits[i], left); x++) walk(i + 1, left - x, [...acc, x]);
  };
  walk(0, total, []);
  return out;
}

function choose(n: number, k: number): Dec {
  let c = ONE;
  for (let i = 0; i < k; i++) c = c.times(n - i).div(i + 1);
  return c;
}

/**
 * Soft-BoN over `N` distinct draws (the paper's procedure): successive sampling without replacement
 * from `q` until `N` distinct CoTs are drawn (all of them when fewer exist), then one is returned
 * with probability proportional to `exp(lambda R_out)`.
 */
export function softBonDistinct(params: SoftBonParams = {}): Selector {
  const n = checkCount('soft-bon-distinct', 'n', params.n ?? 8);
  const lambda = params.lambda ?? 1;
  const lam = checkLambda('soft-bon-distinct', lambda);
  const options = checkOptions('soft-bon-distinct', params);
  return {
    name: 'soft-bon-distinct',
    params: reportParams({ n, lambda }, options),
    distribution(tmc, k) {
      const r = rewardsFor(tmc, k, options);
      const draws = baseDraws(tmc, k, options.start);
      // Classes of exchangeable CoTs: equal weight (score) and equal q.
      const classes = scoreClasses(draws, (d) => r.rOut(d.path)).flatMap((c) =>
        scoreClasses(c.members, (d) => d.q).map((e) => ({ members: e.members, q: e.score, w: lam.times(c.score).exp() })),
      );
      const size = Math.min(n, draws.length);
      const mult = classes.map((c) => c.members.length);
      const vectors = boundedVectors(mult, size);
      checkDistinctTerms(vectors);
      // The alternating sums cancel about log10(2^N) digits: carry them as guard digits.
      // perCot[c]: probability that a given CoT of class c is returned.
      const perCot = withPrecision(precision() + Math.ceil(size * 0.31) + 10, () => {
        const out = classes.map(() => ZERO);
        for (const v of vectors) {
          const qOut = ONE.minus(sum(v.map((x, c) => classes[c].q.times(x))));
          const pSet = size === draws.length ? ONE : setFirst(v, classes.map((c) => c.q), qOut);
          const W = sum(v.map((x, c) => classes[c].w.times(x)));
          const sets = v.reduce((a, x, c) => a.times(choose(mult[c], x)), ONE);
          v.forEach((x, c) => {
            // Sets with this vector holding one given CoT of class c, times its selection chance.
            if (x > 0) out[c] = out[c].plus(pSet.times(sets).times(x).div(mult[c]).times(classes[c].w).div(W));
          });
        }
        return out;
      });
      const probs = new Map<Draw, Dec>();
      classes.forEach((c, i) => c.members.forEach((d) => probs.set(d, perCot[i])));
      return outputOf(draws, (d) => probs.get(d)!);
    },
    sample(tmc, k, rng) {
      const r = rewardsFor(tmc, k, options);
      const total = baseDraws(tmc, k, options.start).length;
      const drawn: number[][] = [];
      const seen = new Set<string>();
      // Rejecting repeats is successive sampling without replacement.
      while (drawn.length < Math.min(n, total)) {
        const o = sampleDraw(tmc, k, options.start, rng);
        if (!seen.has(o.join())) {
          seen.add(o.join());
          drawn.push(o);
        }
      }
      return drawn[drawIndex(softWeights(drawn.map((o) => r.rOut(o)), lambda), rng)];
    },
  };
}

/**
 * Probability that a given set with class counts `v` (class masses per CoT `q_c`) is drawn first:
 * `sum_{a <= v} prod_c C(v_c, a_c) (-1)^{sum a} qOut / (qOut + sum_c a_c q_c)`.
 */
function setFirst(v: readonly number[], q: readonly Dec[], qOut: Dec): Dec {
  let total = ZERO;
  const walk = (c: number, coef: Dec, sign: number, qa: Dec) => {
    if (c === v.length) {
      const term = coef.times(qOut).div(qOut.plus(qa));
      total = sign > 0 ? total.plus(term) : total.minus(term);
      return;
    }
    for (let a = 0; a <= v[c]; a++) walk(c + 1, coef.times(choose(v[c], a)), a % 2 === 0 ? sign : -sign, qa.plus(q[c].times(a)));
  };
  walk(0, ONE, 1, ZERO);
  return total;
}
