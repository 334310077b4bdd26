/**
 * # GRPO: group-relative advantages, no KL (SPEC §4)
 *
 * Algorithm: draw an instance `Q` and a group of `G` CoTs `o_1..o_G ~ pi` from `s_k`, rewards
 * `r_i = R_Q(o_i)`, advantages `A_i = (r_i - mean(r)) / std(r)` with the group's population std
 * (`A_i = 0` when it is 0), update `theta <- theta + eta (1/G) sum_i A_i grad log pi(o_i)`.
 *
 * Exact population step (derivation). By symmetry the expected update is
 * `eta E[A_1 grad log pi(o_1)]`. Given `Q`, with `c_Q = pi(C_Q)`, the other `G - 1` rewards are
 * independent of `o_1` and their count of 1s is `j ~ Bin(G - 1, c_Q)`. Binary rewards give
 * `mean = m/G`, `std = sqrt(m/G (1 - m/G))` for `m` ones, so
 *   `A_1 = sqrt((G-1-j)/(j+1))` if `r_1 = 1`,   `A_1 = -sqrt(j/(G-j))` if `r_1 = 0`
 * (both 0 exactly when the std is 0). Writing `a(c) = E_j[sqrt((G-1-j)/(j+1))]` and
 * `b(c) = E_j[sqrt(j/(G-j))]`,
 *   `E[A_1 grad log pi(o_1)] = sum_o pi(o) grad log pi(o) E_Q[R_Q(o) a(c_Q) - (1 - R_Q(o)) b(c_Q)]`,
 * summed over every CoT from `s_k`. The `- b(c_Q)` part is the same for every `o` and
 * `sum_o pi(o) grad log pi(o) = grad sum_o pi(o) = 0`, so it drops out, leaving the weighted score
 *   `sum_{o in V_k} pi(o) w(o) grad log pi(o)`,  `w(o) = E_Q[R_Q(o) (a + b)(c_Q)]`.
 * `(a + b)(c)` is the Bernstein polynomial of degree `G - 1` with coefficients
 * `beta_j = sqrt((G-1-j)/(j+1)) + sqrt(j/(G-j))`, so `w` comes from the instance moment recursions
 * (src/exact/instance-moments.ts), exact for up to `MAX_INSTANCE_COTS` valid CoTs.
 * Symbols: `eta` step size, `G >= 2` group size (with `G = 1` every advantage is 0).
 * Reference: Shao et al., "DeepSeekMath" (2024), GRPO; the paper §3.
 */
import { UsageError } from '../errors.ts';
import { bernsteinEvaluator, bernsteinInstanceWeights } from '../exact/instance-moments.ts';
import { D, ONE, ZERO, type Dec } from '../numeric.ts';
import { addScaledScore, stepLogits, zerosLike, type Policy } from '../policy.ts';
import { sampleCot, type Rng } from '../sampling.ts';
import { instanceReward } from './_internals/sampled.ts';
import { validCotProbabilities, weightedScore } from './_internals/weighted-score.ts';
import { drawInstance, type TrainContext, type UpdateRule } from './update-rule.ts';

export interface GrpoParams {
  /** Step size `eta > 0` (default 1). */
  readonly eta?: number;
  /** Group size `G >= 2` (default 8). */
  readonly group?: number;
}

/** Check GRPO's parameters; `rule` names the rule in messages. */
export function checkGrpoParams(rule: string, eta: number, group: number): void {
  if (!(eta > 0) || !Number.isFinite(eta)) throw new UsageError(`${rule}: eta must be a positive number, got ${eta}`);
  if (!Number.isInteger(group) || group < 2) throw new UsageError(`${rule}: group must be an integer >= 2, got ${group}`);
}

/** `beta_j = sqrt((G-1-j)/(j+1)) + sqrt(j/(G-j))`, `j = 0..G-1`, per group size and precision. */
const coefficientCache = new Map<string, Dec[]>();
export function grpoCoefficients(G: number): Dec[] {
  const key = `${G}@${D.precision}`;
  let cs = coefficientCache.get(key);
  if (!cs) {
    cs = Array.from({ length: G }, (_, j) => new D(G - 1 - j).div(j + 1).sqrt().plus(new D(j).div(G - j).sqrt()));
    coefficientCache.set(key, cs);
  }
  return cs;
}

/** `(a + b)(c) = sum_j C(G-1, j) c^j (1-c)^(G-1-j) (sqrt((G-1-j)/(j+1)) + sqrt(j/(G-j)))`. */
export function groupAdvantageWeight(G: number, c: Dec): Dec {
  return bernsteinEvaluator(grpoCoefficients(G))(c);
}

/** GRPO's exact direction `sum_o pi(o) w(o) grad log pi(o)` (no step size). */
export function grpoDirection(policy: Policy, ctx: TrainContext, G: number): Dec[][][] {
  const piCots = validCotProbabilities(policy, ctx.tc);
  return weightedScore(policy, ctx.tc, bernsteinInstanceWeights(ctx.tc, piCots, grpoCoefficients(G)), piCots);
}

/** A sampled group: its CoTs and their normalized advantages. */
export interface SampledGroup {
  readonly cots: number[][];
  readonly advantages: Dec[];
}

/** Draw an instance and `G` CoTs from `policy`; advantages `(r_i - mean)/std` (0 when std is 0). */
export function sampleGroup(policy: Policy, ctx: TrainContext, G: number, rng: Rng): SampledGroup {
  const correct = drawInstance(ctx, rng);
  const cots = Array.from({ length: G }, () => sampleCot(policy.probs, ctx.tc.task.start, rng));
  const r = cots.map((o) => instanceReward(ctx.tc, correct, o));
  const mean = new D(r.filter((x) => x === 1).length).div(G);
  const std = mean.times(ONE.minus(mean)).sqrt();
  // Two rewards, two advantages: computed once each, not once per CoT.
  const [a0, a1] = [ZERO, ONE].map((x) => (std.isZero() ? ZERO : x.minus(mean).div(std)));
  return { cots, advantages: r.map((x) => (x === 1 ? a1 : a0)) };
}

/** `(1/G) sum_i A_i grad log pi(o_i)` for a sampled group. */
export function groupScore(policy: Policy, group: SampledGroup): Dec[][][] {
  const g = zerosLike(policy.tmc);
  group.cots.forEach((o, i) => {
    const a = group.advantages[i];
    if (!a.isZero()) addScaledScore(g, policy, o, a.div(group.cots.length));
  });
  return g;
}

/** GRPO with group size `group`, without KL. */
export function grpo({ eta = 1, group = 8 }: GrpoParams = {}): UpdateRule {
  checkGrpoParams('grpo', eta, group);
  return {
    name: 'grpo',
    family: 'rlvr',
    params: { eta, group },
    squeezingRate: () => Math.sqrt(group - 1) * eta,
    sampledBounds: { range: 2 * eta }, // sum_i |A_i| = 2 sqrt(m (G - m)) <= G, so |increment| <= eta
    exactStep: (policy, ctx) => stepLogits(policy, grpoDirection(policy, ctx, group), eta),
    sampledStep: (policy, ctx, rng) => stepLogits(policy, groupScore(policy, sampleGroup(policy, ctx, group, rng)), eta),
  };
}
