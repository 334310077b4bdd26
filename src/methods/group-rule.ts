/**
 * # Group rules: any per-sample advantage over a group of `G` 0/1 rewards
 *
 * Algorithm: draw an instance `Q` and `G` CoTs `o_1..o_G ~ pi` from `s_k`, rewards
 * `r_i = R_Q(o_i)`, weights `A = advantage(r)`, update `theta <- theta + eta (1/G) sum_i A_i grad log pi(o_i)`.
 *
 * Exact population step (derivation). Given `Q`, with `c = pi(C_Q)`, the rewards are i.i.d.
 * Bernoulli(`c`) and `o_i` given `r_i` is `pi` restricted to `C_Q` or to its complement. Writing
 * `S_Q = sum_{o in C_Q} pi(o) grad log pi(o)`, the complement contributes `-S_Q` (since
 * `sum_o pi(o) grad log pi(o) = 0`), so
 *   `E[A_i grad log pi(o_i) | Q] = S_Q sum_{r_-i} c^|r_-i| (1-c)^(G-1-|r_-i|) (A_i(1, r_-i) - A_i(0, r_-i))`.
 * Averaging over `i` gives a Bernstein polynomial of degree `n = G - 1` in `c`:
 *   `B(c) = sum_j beta_j C(n, j) c^j (1-c)^(n-j)`,
 *   `beta_j = (1/G) sum_i mean over the C(n, j) vectors r_-i with j ones of (A_i(1, r_-i) - A_i(0, r_-i))`,
 * and the expected update is the weighted score `eta sum_{o in V_k} pi(o) w(o) grad log pi(o)` with
 * `w(o) = E_Q[R_Q(o) B(c_Q)]`. Nothing here assumes the weights are exchangeable: for `G <= 16` the
 * coefficients average `advantage` over all `2^G` reward vectors. Beyond that the rule must be
 * exchangeable (each weight a function of the sample's own reward and the count of 1s), so the
 * `G + 1` vectors `1^m 0^(G-m)` determine it; this is checked (to float round-off, 1e-12 relative) on seeded random vectors, and
 * a rule that fails the check is refused.
 *
 * Symbols: `eta` step size, `G` group size, `A` the user's advantage (numbers, decimal strings or
 * decimal values, for full precision). SPEC §4 (GRPO) and §9 (the RLVR variants).
 */
import { UsageError } from '../errors.ts';
import { bernsteinInstanceWeights } from '../exact/instance-moments.ts';
import { D, Decimal, ONE, ZERO, type Dec } from '../numeric.ts';
import { stepLogits } from '../policy.ts';
import { makeRng, sampleCot } from '../sampling.ts';
import { groupScore } from './grpo.ts';
import { instanceReward } from './_internals/sampled.ts';
import { validCotProbabilities, weightedScore } from './_internals/weighted-score.ts';
import { drawInstance, type RuleFamily, type SampledBounds, type UpdateRule } from './update-rule.ts';

/** A weight as a user may return it. */
export type AdvantageValue = number | string | Dec;

export interface GroupRuleSpec {
  /** The rule's name in reports and theorem ids. */
  readonly name: string;
  /** Group size `G >= 1`. */
  readonly group: number;
  /** Per-sample weights `A_1..A_G` for the group's 0/1 rewards. */
  readonly advantage: (rewards: readonly number[]) => readonly AdvantageValue[];
  /** Which laws apply (default `rlvr`). */
  readonly family?: RuleFamily;
  /** Step size `eta > 0` (default 1). */
  readonly eta?: number;
  /** Further hyperparameters, for reports. */
  readonly params?: Readonly<Record<string, number | string>>;
}

/** Largest `G` whose `2^G` reward vectors are all evaluated. */
export const MAX_ENUMERATED_GROUP = 16;
/** Largest group size a group rule accepts. */
export const MAX_GROUP = 10_000;
/** Random reward vectors (each with a random permutation) on which exchangeability is checked past `MAX_ENUMERATED_GROUP`. */
const EXCHANGEABILITY_PROBES = 256;

/** The user's weights for `rewards`, checked and converted; errors name the rule and the rewards. */
function weightsOf(spec: GroupRuleSpec, rewards: readonly number[]): Dec[] {
  const where = `${spec.name}: advantage([${rewards.join(', ')}])`;
  let out: unknown;
  try {
    out = spec.advantage(rewards);
  } catch (e) {
    throw new UsageError(`${where} threw: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!Array.isArray(out) || out.length !== rewards.length) {
    throw new UsageError(`${where} must return an array of ${rewards.length} weights, got ${describe(out)}`);
  }
  return out.map((x, i) => {
    const d = toDecimal(x);
    if (d === null) throw new UsageError(`${where}[${i}] must be a finite number, decimal string or decimal, got ${describe(x)}`);
    return d;
  });
}

function toDecimal(x: unknown): Dec | null {
  let d: Dec;
  try {
    if (typeof x === 'number') {
      if (!Number.isFinite(x)) return null;
      d = new D(x);
    } else if (typeof x === 'string' || Decimal.isDecimal(x)) {
      d = new D(String(x));
    } else {
      return null;
    }
  } catch {
    return null;
  }
  return d.isFinite() ? d : null;
}

function describe(x: unknown): string {
  if (typeof x === 'string') return JSON.stringify(x);
  if (Array.isArray(x)) return `an array of ${x.length}`;
  return typeof x === 'number' ? String(x) : typeof x;
}

/** The reward vector of bitmask `mask` (bit `i` is `r_i`). */
export function rewardsOf(mask: number, G: number): number[] {
  return Array.from({ length: G }, (_, i) => (mask >> i) & 1);
}

/** `beta_j` by all `2^G` reward vectors (see the module doc). */
function enumeratedCoefficients(table: readonly Dec[][], G: number): Dec[] {
  const sums = Array.from({ length: G }, () => ZERO);
  table.forEach((A, mask) => {
    const ones = rewardsOf(mask, G).reduce((a, b) => a + b, 0);
    A.forEach((a, i) => {
      const own = (mask >> i) & 1;
      const j = ones - own;
      sums[j] = own === 1 ? sums[j].plus(a) : sums[j].minus(a);
    });
  });
  let binom = ONE; // C(G-1, j)
  return sums.map((s, j) => {
    const beta = s.div(binom.times(G));
    binom = binom.times(G - 1 - j).div(j + 1);
    return beta;
  });
}

/** Equal up to float round-off (1e-12 relative): a float formula summed in another order differs in the last bits. */
function floatEqual(a: Dec, b: Dec): boolean {
  return a.minus(b).abs().lte(Decimal.max(1, a.abs(), b.abs()).times('1e-12'));
}

/** The weights of the reward vectors `1^m 0^(G-m)`, `m = 0..G`. */
function canonicalWeights(spec: GroupRuleSpec, G: number): Dec[][] {
  return Array.from({ length: G + 1 }, (_, m) => weightsOf(spec, Array.from({ length: G }, (_, i) => (i < m ? 1 : 0))));
}

/** `beta_j = A(1, j + 1) - A(0, j)` of an exchangeable rule, from its `canonical` weights (`canonicalWeights`). */
function exchangeableCoefficients(spec: GroupRuleSpec, G: number, canonical: readonly Dec[][]): Dec[] {
  const rng = makeRng(`exchangeability:${spec.name}:${G}`);
  for (let probe = 0; probe < EXCHANGEABILITY_PROBES; probe++) {
    const rewards: number[] = Array.from({ length: G }, () => (rng() < 0.5 ? 1 : 0));
    const m = rewards.reduce((a, b) => a + b, 0);
    const A = weightsOf(spec, rewards);
    const i = rewards.findIndex((r, k) => !floatEqual(A[k], r === 1 ? canonical[m][0] : canonical[m][G - 1]));
    if (i >= 0) {
      throw new UsageError(
        `${spec.name}: with G = ${G} > ${MAX_ENUMERATED_GROUP} a group rule must be exchangeable (a weight depends only on the ` +
          `sample's own reward and the count of 1s), but advantage([${rewards.join(', ')}])[${i}] differs from the same reward's weight at count ${m}`,
      );
    }
  }
  return Array.from({ length: G }, (_, j) => canonical[j + 1][0].minus(canonical[j][G - 1]));
}

/**
 * A group rule from its per-sample advantage, with its exact population step and its seeded
 * sampled step (see the module doc).
 *
 * @example
 * // RLOO: each sample's baseline is the mean reward of the other G - 1.
 * const rloo = groupRule({
 *   name: 'my-rloo',
 *   group: 8,
 *   advantage: (r) => r.map((ri) => ri - (r.reduce((a, b) => a + b, 0) - ri) / (r.length - 1)),
 * });
 */
export function groupRule(spec: GroupRuleSpec): UpdateRule {
  const { name, group: G, eta = 1, family = 'rlvr' } = spec;
  if (typeof name !== 'string' || name === '') throw new UsageError('groupRule: name must be a non-empty string');
  if (!Number.isInteger(G) || G < 1 || G > MAX_GROUP) throw new UsageError(`${name}: group must be an integer from 1 to ${MAX_GROUP}, got ${G}`);
  if (!(eta > 0) || !Number.isFinite(eta)) throw new UsageError(`${name}: eta must be a positive number, got ${eta}`);
  if (typeof spec.advantage !== 'function') throw new UsageError(`${name}: advantage must be a function of the rewards`);
  // Weights are read once (a pure function of the rewards), on first use: building the 2^G table for every
  // registered rule would cost each process start (and each worker) a fifth of a second.
  // A malformed advantage fails here, before any law runs: on the vectors 1^m 0^(G-m).
  const canonical = canonicalWeights(spec, G);
  let enumerated: Dec[][] | undefined;
  const table = (): Dec[][] | null =>
    G <= MAX_ENUMERATED_GROUP ? (enumerated ??= Array.from({ length: 2 ** G }, (_, mask) => weightsOf(spec, rewardsOf(mask, G)))) : null;
  const byPrecision = new Map<number, Dec[]>();
  const coefficients = (): Dec[] => {
    let beta = byPrecision.get(D.precision);
    if (!beta) {
      const t = table();
      beta = t ? enumeratedCoefficients(t, G) : exchangeableCoefficients(spec, G, canonical);
      byPrecision.set(D.precision, beta);
    }
    return beta;
  };
  if (G > MAX_ENUMERATED_GROUP) coefficients(); // the exchangeability probes, before any law runs
  let bounds: SampledBounds | undefined;
  return {
    name,
    family,
    params: { eta, group: G, ...spec.params },
    // Each coordinate of grad log pi(o_i) lies in [-1, 1], so |increment| <= (eta/G) max_r sum_i |A_i(r)|.
    get sampledBounds() {
      if (bounds === undefined) {
        const vectors = table() ?? canonical;
        bounds = { range: (2 * eta * Math.max(...vectors.map((A) => A.reduce((acc, a) => acc.plus(a.abs()), ZERO).toNumber()))) / G };
      }
      return bounds;
    },
    exactStep: (policy, ctx) => {
      const beta = coefficients();
      const piCots = validCotProbabilities(policy, ctx.tc);
      const w = bernsteinInstanceWeights(ctx.tc, piCots, beta);
      return stepLogits(policy, weightedScore(policy, ctx.tc, w, piCots), eta);
    },
    sampledStep: (policy, ctx, rng) => {
      const correct = drawInstance(ctx, rng);
      const cots = Array.from({ length: G }, () => sampleCot(policy.probs, ctx.tc.task.start, rng));
      const rewards: number[] = cots.map((o) => instanceReward(ctx.tc, correct, o));
      const t = table();
      const advantages = t ? t[rewards.reduce((m, r, i) => m | (r << i), 0)] : weightsOf(spec, rewards);
      return stepLogits(policy, groupScore(policy, { cots, advantages }), eta);
    },
  };
}
