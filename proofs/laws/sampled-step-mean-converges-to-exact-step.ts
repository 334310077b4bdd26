/**
 * # The mean of many sampled steps converges to the exact step
 *
 * Main statement: for any update rule, policy `pi` and task 1, the logit increments
 * `X_i = theta(sampledStep_i(pi)) - theta(pi)` of `N` independent seeded sampled steps have mean
 * within `t + b` of the exact increment `theta(exactStep(pi)) - theta(pi)` on every support logit,
 * where `b` is the rule's declared bias (`UpdateRule.sampledBounds.bias`, default 0) and `t` an
 * empirical-Bernstein radius computed from the increments themselves, never from the rule's name.
 *
 * The bound. If each coordinate of `X_i` lies in an interval of length `R`, the empirical Bernstein
 * inequality (Maurer and Pontil 2009, Thm 4), applied to `X` and `-X` and with a union bound over
 * the `m` support logits, gives with probability at least `1 - delta` on every coordinate
 *   `|mean(X) - E X| <= sqrt(2 V_N ln(4m/delta) / N) + 7 R ln(4m/delta) / (3 (N - 1))`,
 * `V_N` the sample variance. `R` is the range the rule declares (`sampledBounds.range`: REINFORCE,
 * RAFT, RL-rej `eta`; GRPO `2 eta`, since `sum_i |A_i| = 2 sqrt(m(G-m)) <= G`; PPO `2 eta E (1 + eps)`;
 * a group rule `2 eta max_r (1/G) sum_i |A_i(r)|`), and increments that span more than it fail the
 * law. Without a declaration `R` is a plug-in: the widest observed range over all logits and the
 * farthest a draw fell from the exact increment (if `E X` is the exact increment, the range is at
 * least that). The plug-in cannot see an increment too rare to be drawn: a rule that rarely makes
 * a large step may then fail falsely, and should declare its range.
 *
 * PPO's bias (its declared `sampledBounds.bias`). With `E` inner steps, clip `eps`, `H = 1 + eps`: the first
 * inner step is unbiased (`r = 1`), and while no ratio leaves `[1 - eps, 1 + eps]` (guaranteed when
 * `2 eta (E-1) H <= ln(1 + eps)`, since `|ln r| <= 2 |theta - theta_old|_inf`) both the batch and the
 * population surrogate gradients are `4H`-Lipschitz in `|.|_inf`
 * (`sum_x |d^2 pi_v / d theta_w d theta_x| <= 4 pi_v`, and `pi_v/pi_old <= H`). Inner step `e` then
 * moves each gradient by at most `4H e eta H`, for the sample and the exact run alike:
 * `b = 4 H^2 eta^2 E (E - 1)`. Outside that regime PPO declares no finite bias.
 *
 * Implementation notes: `N` draws (default `DRAWS`), `delta = 1e-6` per case, the generator seeded by
 * the case; the statistics in floating point (their rounding is far below the bound). A rule computing in floating point is allowed `1e-12` of the
 * largest increment for its rounding. A sampled step that throws, or returns no logit where the
 * policy has one, fails the law.
 */
import fc from 'fast-check';
import { tmcArbitrary } from '../../src/arbitraries/tmc.ts';
import { trainContext, type TrainContext, type UpdateRule } from '../../src/methods/update-rule.ts';
import { Decimal } from '../../src/numeric.ts';
import type { Policy } from '../../src/policy.ts';
import { makeRng } from '../../src/sampling.ts';
import { casePolicy, policyCases, type PolicyCase } from './cases.ts';

export const DRAWS = 400;
const DELTA = 1e-6;
/** Relative rounding allowed to a rule's arithmetic (floating point: `2^-52` with room for sums). */
export const FLOAT_TOLERANCE = 1e-12;

export interface SampledCase extends PolicyCase {
  readonly seed: number;
}

/** Small one-task TMCs (the bound is loosest where probabilities are spread thin). */
export function sampledCases(): fc.Arbitrary<SampledCase> {
  return policyCases(tmcArbitrary({ maxLayers: 3, maxWidth: 3 })).chain((c) => fc.nat(1000).map((seed) => ({ ...c, seed })));
}

/** Per support logit, in the order of `policy.logits.flat(2)` without the `null`s. */
type Flat = number[];

/** `theta(next) - theta(policy)` on the support (as numbers: the bound is far above their rounding). */
function increment(what: string, policy: Policy, next: Policy): Flat {
  const out: Flat = [];
  policy.logits.forEach((k, l) =>
    k.forEach((row, u) =>
      row.forEach((x, v) => {
        if (x === null) return;
        const y = next?.logits?.[l]?.[u]?.[v];
        if (!Decimal.isDecimal(y) || !y.isFinite()) throw new Error(`${what} returned no finite logit at ${l}/${u}/${v}`);
        out.push(y.minus(x).toNumber());
      }),
    ),
  );
  return out;
}

/** Where each support logit sits: `l/u/v`. */
function supportLabels(policy: Policy): string[] {
  return policy.logits.flatMap((k, l) => k.flatMap((row, u) => row.flatMap((x, v) => (x === null ? [] : [`${l}/${u}/${v}`]))));
}

function show(xs: Flat, labels: readonly string[]): string {
  return xs.map((x, i) => `${labels[i]} ${x.toPrecision(4)}`).join(', ');
}

/**
 * Throw, with the policy, both increments and the gap, unless the mean of `draws` sampled steps of
 * `rule` from `policy` is within the bound of the exact increment of `target` (default `rule`).
 */
export function checkSampledMean(rule: UpdateRule, policy: Policy, ctx: TrainContext, seed: number, draws = DRAWS, target: UpdateRule = rule): void {
  const exact = increment(`${target.name}.exactStep`, policy, target.exactStep(policy, ctx));
  const m = exact.length;
  const [total, squares, far] = [exact.map(() => 0), exact.map(() => 0), exact.map(() => 0)];
  const [lo, hi] = [exact.map(() => Infinity), exact.map(() => -Infinity)];
  const rng = makeRng(seed);
  for (let i = 0; i < draws; i++) {
    increment(`${rule.name}.sampledStep`, policy, rule.sampledStep(policy, ctx, rng)).forEach((x, j) => {
      total[j] += x;
      squares[j] += x * x;
      lo[j] = Math.min(lo[j], x);
      hi[j] = Math.max(hi[j], x);
      far[j] = Math.max(far[j], Math.abs(x - exact[j]));
    });
  }
  const labels = supportLabels(policy);
  const pi = policy.probs.flatMap((k, l) => k.flatMap((row, u) => row.filter((_, v) => policy.logits[l][u][v] !== null).map((p) => p.toNumber())));
  const mean = total.map((x) => x / draws);
  const log = Math.log((4 * m) / DELTA);
  const bias = rule.sampledBounds?.bias ?? 0;
  const scale = Math.max(0, ...exact.map(Math.abs), ...mean.map(Math.abs));
  const observed = Math.max(0, ...hi.map((x, j) => x - lo[j]));
  const declared = rule.sampledBounds?.range;
  if (declared !== undefined && observed > declared * (1 + FLOAT_TOLERANCE) + 1e-30) {
    throw new Error(`sampled increments span ${observed.toPrecision(6)} on one logit, more than the declared range ${declared}\npolicy pi: ${show(pi, labels)}`);
  }
  // Without a declared range, a plug-in: the widest observed range over all logits, and the farthest
  // any draw fell from the exact increment (if E X = exact, the range is at least that).
  const range = declared ?? Math.max(observed, ...far);
  exact.forEach((want, j) => {
    const variance = Math.max(0, (squares[j] - total[j] * mean[j]) / (draws - 1));
    const radius = Math.sqrt((2 * variance * log) / draws) + (7 * range * log) / (3 * (draws - 1));
    const allowed = radius + bias + FLOAT_TOLERANCE * scale + 1e-30;
    const gap = Math.abs(mean[j] - want);
    if (gap > allowed) {
      throw new Error(
        `logit ${labels[j]}: mean of ${draws} sampled increments ${mean[j].toPrecision(6)}, exact ${want.toPrecision(6)}, ` +
          `gap ${gap.toPrecision(4)} > bound ${allowed.toPrecision(4)} (empirical Bernstein: variance ${variance.toPrecision(4)}, ` +
          `range ${range.toPrecision(4)}, delta ${DELTA}${bias ? `; declared bias ${bias}` : ''})\n` +
          `policy pi: ${show(pi, labels)}\nexact step (${target.name}): ${show(exact, labels)}\nmean sampled step (${rule.name}): ${show(mean, labels)}`,
      );
    }
  });
}

/** `checkSampledMean` on a case: its policy, task 1, its seed. */
export function checkSampledCase(rule: UpdateRule, c: SampledCase, draws = DRAWS, target: UpdateRule = rule): void {
  checkSampledMean(rule, casePolicy(c), trainContext(c.tmc, 0), c.seed, draws, target);
}

export function sampledStepMeanConvergesToExactStep(rule: UpdateRule, draws = DRAWS): fc.IProperty<[SampledCase]> {
  return fc.property(sampledCases(), (c) => checkSampledCase(rule, c, draws));
}
