/**
 * # Unlikeliness reward: GRPO on a reward that favours the group's unlikely correct samples (SPEC §9)
 *
 * Algorithm: draw an instance `Q` and `G` CoTs `o_i ~ pi`, rewards `r_i = R_Q(o_i)`; rank each sample
 * by its likelihood within the group, `rank_i = #{j : pi(o_j) < pi(o_i)}` (0 = least likely; equally
 * likely samples share a rank); reshape `r'_i = r_i (1 - penalty rank_i / G)`; GRPO's advantages on
 * `r'` (`(r'_i - mean)/std`, population std, 0 when it is 0); update
 * `theta <- theta + eta (1/G) sum_i A_i grad log pi(o_i)`.
 * Exact step (derivation). The weights depend on the CoTs' likelihoods, not on the rewards alone, so
 * groupRule does not apply. The rule is symmetric in the samples, so the expected update is
 * `eta sum_a pi(a) E[A_1 | o_1 = a] grad log pi(a)` over every CoT `a` from `s_k`, with
 * `E[A_1 | o_1 = a] = sum_Q P(Q) sum_m Mult(m) prod_b pi(b)^(m_b) A_1(a, m, Q)` over the multisets `m` of
 * the other `G - 1` samples. `A_1` depends only on the multiset of (reward, rank) pairs, cached.
 * Cost per step: `n C(n + G - 2, G - 1) 2^|V_k|` terms for `n` CoTs from `s_k`; refused beyond
 * `MAX_UNLIKELINESS_TERMS` (the paper's TMC: `n = 8`, `G = 4` gives 15360).
 * Symbols: `eta` step size, `G >= 2` group size, `0 <= penalty <= 1`.
 * Reference: He et al. (2025) "Rewarding the Unlikely: Lifting GRPO Beyond Distribution Sharpening",
 * arXiv 2506.02355.
 */
import { UsageError } from '../errors.ts';
import { instances } from '../exact/instances.ts';
import { enumeratePaths, pathProbability } from '../exact/paths.ts';
import { D, ONE, ZERO, type Dec } from '../numeric.ts';
import { addScaledScore, stepLogits, zerosLike, type Policy } from '../policy.ts';
import { cotIndex, sampleCot } from '../sampling.ts';
import { groupScore } from './grpo.ts';
import { instanceReward } from './_internals/sampled.ts';
import { checkEta, checkGroup } from './_internals/zoo-params.ts';
import { drawInstance, type TrainContext, type UpdateRule } from './update-rule.ts';

export interface UnlikelinessParams {
  /** Step size `eta > 0` (default 1). */
  readonly eta?: number;
  /** Group size `G >= 2` (default 4). */
  readonly group?: number;
  /** Rank penalty, in `[0, 1]` (default 0.25). */
  readonly penalty?: number;
}

/** Terms of the exact step allowed per step. */
export const MAX_UNLIKELINESS_TERMS = 2_000_000;

/** Within-group likelihood ranks: the number of samples strictly less likely. */
function ranks(likelihoods: readonly Dec[]): number[] {
  return likelihoods.map((p) => likelihoods.filter((q) => q.lt(p)).length);
}

/** GRPO's advantages on `r_i (1 - penalty rank_i / G)`, from the samples' ranks. */
function advantagesFromRanks(rewards: readonly number[], rank: readonly number[], penalty: Dec): Dec[] {
  const G = rewards.length;
  const shaped = rewards.map((r, i) => (r === 0 ? ZERO : ONE.minus(penalty.times(rank[i]).div(G))));
  const mean = shaped.reduce((a, b) => a.plus(b), ZERO).div(G);
  const variance = shaped.reduce((a, b) => a.plus(b.minus(mean).pow(2)), ZERO).div(G);
  if (variance.isZero()) return shaped.map(() => ZERO);
  const std = variance.sqrt();
  return shaped.map((x) => x.minus(mean).div(std));
}

/** The unlikeliness advantages of a group with rewards `rewards` and likelihoods `likelihoods`. */
export function unlikelinessAdvantage(rewards: readonly number[], likelihoods: readonly Dec[], penalty: number): Dec[] {
  return advantagesFromRanks(rewards, ranks(likelihoods), new D(penalty));
}

/** Count vectors of `n` classes summing to `size`. */
function multisets(n: number, size: number): number[][] {
  if (n === 1) return [[size]];
  const out: number[][] = [];
  for (let first = size; first >= 0; first--) for (const rest of multisets(n - 1, size - first)) out.push([first, ...rest]);
  return out;
}

/** `sum_a pi(a) E[A_1 | o_1 = a] grad log pi(a)` (see the module doc). */
function unlikelinessDirection(policy: Policy, ctx: TrainContext, G: number, penalty: Dec, cache: Map<string, Dec>): Dec[][][] {
  const paths = enumeratePaths(policy.probs, ctx.tc.task.start);
  const n = paths.length;
  const qs = instances(ctx.tc);
  const counts = multisets(n, G - 1);
  const terms = n * counts.length * qs.length;
  if (terms > MAX_UNLIKELINESS_TERMS) {
    throw new UsageError(`unlikeliness: the exact step needs ${terms} terms (${n} CoTs, G = ${G}, ${qs.length} instances), over ${MAX_UNLIKELINESS_TERMS}; use a smaller G or TMC`);
  }
  const cot = paths.map((a) => cotIndex(ctx.tc, a.path));
  const factorial = factorialOf(G - 1);
  const weight = paths.map(() => ZERO);
  for (const m of counts) {
    // Mult(m) prod pi(b)^(m_b), and the group's members (o_1 first, filled in below).
    let prob = factorial;
    const members: number[] = [-1];
    m.forEach((k, b) => {
      for (let i = 0; i < k; i++) members.push(b);
      if (k > 0) prob = prob.times(paths[b].p.pow(k)).div(factorialOf(k));
    });
    paths.forEach((_, a) => {
      members[0] = a;
      const rank = ranks(members.map((b) => paths[b].p));
      let expected = ZERO;
      for (const q of qs) {
        const rewards = members.map((b) => (cot[b] >= 0 && q.correct[cot[b]] ? 1 : 0));
        const key = `${rewards[0]}:${rank[0]}|${rewards
          .slice(1)
          .map((r, i) => `${r}:${rank[i + 1]}`)
          .sort()
          .join(',')}`;
        let A1 = cache.get(key);
        if (A1 === undefined) {
          A1 = advantagesFromRanks(rewards, rank, penalty)[0];
          cache.set(key, A1);
        }
        if (!A1.isZero()) expected = expected.plus(q.prob.times(A1));
      }
      weight[a] = weight[a].plus(prob.times(expected));
    });
  }
  const g = zerosLike(policy.tmc);
  paths.forEach((a, i) => {
    if (!weight[i].isZero()) addScaledScore(g, policy, a.path, a.p.times(weight[i]));
  });
  return g;
}

/** `k!`, for the multinomial coefficients. */
function factorialOf(k: number): Dec {
  let f = ONE;
  for (let i = 2; i <= k; i++) f = f.times(i);
  return f;
}

export function unlikeliness({ eta = 1, group = 4, penalty = 0.25 }: UnlikelinessParams = {}): UpdateRule {
  checkEta('unlikeliness', eta);
  checkGroup('unlikeliness', group);
  if (!(penalty >= 0 && penalty <= 1)) throw new UsageError(`unlikeliness: penalty must be in [0, 1], got ${penalty}`);
  const cache = new Map<string, Dec>();
  let cachePrecision = D.precision;
  return {
    name: 'unlikeliness',
    family: 'rlvr',
    params: { eta, group, penalty },
    exactStep: (policy, ctx) => {
      if (cachePrecision !== D.precision) {
        cache.clear();
        cachePrecision = D.precision;
      }
      return stepLogits(policy, unlikelinessDirection(policy, ctx, group, new D(penalty), cache), eta);
    },
    sampledStep: (policy, ctx, rng) => {
      const correct = drawInstance(ctx, rng);
      const cots = Array.from({ length: group }, () => sampleCot(policy.probs, ctx.tc.task.start, rng));
      const rewards = cots.map((o) => instanceReward(ctx.tc, correct, o));
      const likelihoods = cots.map((o) => pathProbability(policy.probs, o));
      return stepLogits(policy, groupScore(policy, { cots, advantages: unlikelinessAdvantage(rewards, likelihoods, penalty) }), eta);
    },
  };
}
