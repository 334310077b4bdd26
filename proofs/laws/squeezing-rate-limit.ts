/**
 * # The squeezing-rate limit `lim t pi_t(o) = 1/(eta_eff (n_u+1) Delta_{u,v})`, step by step
 *
 * ## Main statements
 * - `banditStepEqualsClosedForm(rule)`: on the two-CoT bandit `s -> a, b -> target` (`x = pi(b|s)`,
 *   `Delta = rho(a) - rho(b)`), the rule's exact step moves the logit gap `h = theta_b - theta_a` by
 *   `-2 Delta x (1-x) m(x)`, with the multiplier `m = eta` (REINFORCE), `eta / J` (RAFT), and for
 *   GRPO the expectation over the `G + 1` group counts and the 4 instances computed here from the
 *   algorithm's definition (advantages `(r_i - mean)/std` per group), not from the rule's formula.
 * - `banditMultiplierTendsToDeclaredRate(rule)`: `m(x) -> rule.squeezingRate` as `x -> 0` (at
 *   `x = 1e-12`, relative `1e-6`): `eta`, `eta/rho*`, `E eta` (PPO: the `E` inner steps see ratios
 *   `1 + O(x)`, never clipped), `sqrt(G-1) eta` (GRPO: a lone failure in a group of `G` correct
 *   samples has advantage `-sqrt(G-1)`, and so does a lone success among failures).
 * - `scalarRecurrenceSlope`: the recurrence `h_{t+1} = h_t - c x_t (1 - x_t)`, `x = 1/(1 + e^(-h))`,
 *   has `1/x_{t+1} - 1/x_t = c (1 - x_t)^2 + O(c^2 x_t)`, so `(1/x_2t - 1/x_t)/t -> c` with error
 *   `O(log 2 / t)` whatever `x_0`: the slope form of properties/squeezing-rate.prop.ts, `c = 2 eta_eff Delta`.
 * - `starRelaxation` (a state with `n_u = 2` other children, REINFORCE): on the clock `s = log t` the
 *   scaled masses `z_w = t pi(w|u) Delta_w` follow `dz_w/ds = z_w (1 - eta (z_w + sum z))`, fixed point
 *   `z_w = 1/(eta (n_u+1))`; the sum relaxes with rate 1 (error `~1/t`), the differences with rate
 *   `1/(n_u+1)` (error `~t^(-1/(n_u+1))`): measured error ratios per doubling.
 *
 * In a tree TMC a departure at `u` sees `d(u) -> 1`, `Q(u, v*) -> rho*`, `Q(u, v) -> rho(o)`, so each
 * spine state is a bandit (out-degree 2) or a star (more) up to `O(1/t)` terms: these steps give the
 * law's constant.
 */
import fc from 'fast-check';
import { taskCots } from '../../src/exact/correctness.ts';
import { runExact, trainContext, type UpdateRule } from '../../src/methods/update-rule.ts';
import { reinforce } from '../../src/methods/reinforce.ts';
import { D, ONE, ZERO, withPrecision, type Dec } from '../../src/numeric.ts';
import { policyFromLogits, type Policy } from '../../src/policy.ts';
import { tmcFromSpec } from '../../src/tmc-file.ts';
import type { Tmc } from '../../src/tmc.ts';

/** The bandit `s -> a (wa), b (wb) -> target`, weights `wa > wb` so `a` is `o*`. */
export function bandit(wa: number, wb: number): Tmc {
  return tmcFromSpec({ kernels: [[[`${wa}/${wa + wb}`, `${wb}/${wa + wb}`]], [['1'], ['1']]], tasks: [{ name: 'task1', start: 0, target: 0 }] });
}

/** The policy with `pi(b|s) = x` on a bandit. */
function banditPolicy(tmc: Tmc, x: Dec): Policy {
  return policyFromLogits(tmc, [[[ZERO, x.div(ONE.minus(x)).ln()]], [[ZERO], [ZERO]]]);
}

/** `(h' - h) / (-2 Delta x (1-x))` for the rule's exact step at `pi(b|s) = x`. */
function multiplier(rule: UpdateRule, tmc: Tmc, x: Dec): Dec {
  const ctx = trainContext(tmc, 0);
  const [ra, rb] = ctx.tc.cots.map((c) => c.rho);
  const before = banditPolicy(tmc, x);
  const after = rule.exactStep(before, ctx);
  const gap = (p: Policy) => p.logits[0][0][1]!.minus(p.logits[0][0][0]!);
  return gap(after).minus(gap(before)).div(ra.minus(rb).times(x).times(ONE.minus(x)).times(-2));
}

/**
 * GRPO's expected gap move divided by `-2 Delta x (1-x) eta`, from the algorithm: `k` of the `G`
 * samples are `b` (probability `C(G,k) x^k (1-x)^(G-k)`), the instance has `a` correct w.p. `rho_a`
 * and `b` w.p. `rho_b` independently; `d(h)/d theta` of `log pi(b)` is `2(1-x)`, of `log pi(a)` is `-2x`.
 */
function grpoMultiplierByGroups(G: number, ra: Dec, rb: Dec, x: Dec): Dec {
  let total = ZERO;
  let binom = ONE;
  for (let k = 0; k <= G; k++) {
    const pk = binom.times(x.pow(k)).times(ONE.minus(x).pow(G - k));
    for (const [inA, inB, pq] of [
      [1, 1, ra.times(rb)],
      [1, 0, ra.times(ONE.minus(rb))],
      [0, 1, ONE.minus(ra).times(rb)],
      [0, 0, ONE.minus(ra).times(ONE.minus(rb))],
    ] as const) {
      const mean = new D((G - k) * inA + k * inB).div(G);
      const std = mean.times(ONE.minus(mean)).sqrt();
      if (std.isZero()) continue;
      const aA = new D(inA).minus(mean).div(std);
      const aB = new D(inB).minus(mean).div(std);
      const move = aB.times(k).times(ONE.minus(x).times(2)).minus(aA.times(G - k).times(x.times(2))).div(G);
      total = total.plus(pk.times(pq).times(move));
    }
    binom = binom.times(G - k).div(k + 1);
  }
  return total.div(ra.minus(rb).times(x).times(ONE.minus(x)).times(-2));
}

const weights = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })).map(([w, d]) => [w + d, w] as const);
/** `x = pi(b|s)` in quarter steps of a logit gap in `[-3, 3]`. */
const gaps = fc.integer({ min: -12, max: 12 }).map((q) => ONE.div(ONE.plus(new D(-q / 4).exp())));

/** The rules whose bandit multiplier has a closed form (PPO's inner steps have none). */
export type ClosedForm = 'reinforce' | 'raft' | 'grpo';

/** The multiplier of `form` with the rule's `params.eta` (and `params.group`). */
function closedForm(form: ClosedForm, rule: UpdateRule, ra: Dec, rb: Dec, x: Dec): Dec {
  const eta = new D(rule.params.eta as number);
  if (form === 'reinforce') return eta;
  if (form === 'raft') return eta.div(ONE.minus(x).times(ra).plus(x.times(rb)));
  return eta.times(grpoMultiplierByGroups(rule.params.group as number, ra, rb, x));
}

export function banditStepEqualsClosedForm(rule: UpdateRule, form: ClosedForm): fc.IProperty<[readonly [number, number], Dec]> {
  return fc.property(weights, gaps, ([wa, wb], x) =>
    withPrecision(60, () => {
      const tmc = bandit(wa, wb);
      const [ra, rb] = taskCots(tmc, 0).cots.map((c) => c.rho);
      const want = closedForm(form, rule, ra, rb, x);
      const got = multiplier(rule, tmc, x);
      if (!got.minus(want).abs().lte(want.abs().times('1e-40'))) {
        throw new Error(`bandit ${wa}:${wb}, x = ${x.toSignificantDigits(6)}: the gap moved by multiplier ${got.toSignificantDigits(12)}, closed form ${want.toSignificantDigits(12)}`);
      }
    }),
  );
}

export function banditMultiplierTendsToDeclaredRate(rule: UpdateRule): fc.IProperty<[readonly [number, number]]> {
  return fc.property(weights, ([wa, wb]) =>
    withPrecision(60, () => {
      const tmc = bandit(wa, wb);
      const want = new D(rule.squeezingRate!(trainContext(tmc, 0)));
      const got = multiplier(rule, tmc, new D('1e-12'));
      if (!got.div(want).minus(1).abs().lte('1e-6')) {
        throw new Error(`bandit ${wa}:${wb}: the multiplier at x = 1e-12 is ${got.toSignificantDigits(12)}, the declared rate ${want.toSignificantDigits(12)}`);
      }
    }),
  );
}

/**
 * `(1/x_2t - 1/x_t) / t` of the scalar recurrence from `x_0`, for `t` in `times`, in doubles: the
 * recurrence is the mathematics, independent of the engine, and `x` stays above `1e-5`.
 */
export function scalarRecurrenceSlope(c: number, x0: number, times: readonly number[]): number[] {
  const inv = new Map<number, number>();
  const last = 2 * Math.max(...times);
  let h = Math.log(x0 / (1 - x0));
  for (let t = 1; t <= last; t++) {
    const x = 1 / (1 + Math.exp(-h));
    h -= c * x * (1 - x);
    if (times.includes(t) || times.includes(t / 2)) inv.set(t, 1 + Math.exp(-h));
  }
  return times.map((t) => (inv.get(2 * t)! - inv.get(t)!) / t);
}

/** The star `s -> a (1/2, target), b (1/8, target), w (3/8, wrong)`: `rho* = 0.8`, `Delta_b = 0.6`, `Delta_w = 0.8`. */
export const STAR = tmcFromSpec({
  kernels: [[['1/2', '1/8', '3/8']], [['1', '0'], ['1', '0'], ['0', '1']]],
  tasks: [{ name: 'task1', start: 0, target: 0 }],
});

/** REINFORCE (`eta = 1`) on `STAR`: `pi_t(.|s)` at each `t` of `times`. */
export function starMasses(times: readonly number[]): Dec[][] {
  const ctx = trainContext(STAR, 0);
  const at = new Map<number, Dec[]>();
  runExact(reinforce({ eta: 1 }), ctx, Math.max(...times), ctx.base, (t, p) => times.includes(t) && at.set(t, [...p.probs[0][0]]));
  return times.map((t) => at.get(t)!);
}
