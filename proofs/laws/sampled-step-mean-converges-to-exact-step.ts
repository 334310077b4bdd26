/**
 * # The mean of many sampled steps converges to the exact step
 *
 * Main statement: for each built-in rule, policy `pi` and task 1, the logit increments
 * `X_i = theta(sampledStep_i(pi)) - theta(pi)` of `N` independent seeded sampled steps have mean
 * within `t + b` of the exact increment `theta(exactStep(pi)) - theta(pi)` on every support logit,
 * where `b` is the rule's bias bound (0 except PPO) and `t` an empirical-Bernstein radius.
 *
 * The bound. If each coordinate of `X_i` lies in an interval of length `R`, the empirical Bernstein
 * inequality (Maurer and Pontil 2009, Thm 4), applied to `X` and `-X` and with a union bound over
 * the `m` support logits, gives with probability at least `1 - delta` on every coordinate
 *   `|mean(X) - E X| <= sqrt(2 V_N ln(4m/delta) / N) + 7 R ln(4m/delta) / (3 (N - 1))`,
 * `V_N` the sample variance. It is tight where the sampled steps vary little, unlike Hoeffding's
 * `R sqrt(ln(4m/delta) / 2N)`. Ranges (`g = grad log pi`, each entry in `[-pi, 1 - pi]`, length 1):
 * - REINFORCE, RAFT, RL-rej: `X = eta g` or 0, `R = eta`.
 * - GRPO: `X = (eta/G) sum_i A_i g_i` with `sum_i |A_i| = 2 sqrt(m(G-m)) <= G` (`m` correct), so
 *   `|X| <= eta`, `R = 2 eta`.
 * - GRPO-KL: plus `(eta beta / G) sum_i ln(pi/p)(o_i) g_i`, so `R = 2 eta (1 + beta K)`,
 *   `K = max_o |ln(pi(o)/p(o))|` over the CoTs from `s_1`.
 * - Gibbs step: one rollout contributes `R 1[o takes u->v] / (d pi(v|u)) - R 1[o visits u] / d` to
 *   `Ahat(u,v)`, an interval of length `1/(d(u) pi(v|u))`, and so does their mean over the rollouts;
 *   the logits move by `Ahat/beta`, so `R = 1/(beta d(u) pi(v|u))` (0 at unvisited states).
 * - PPO (`E` inner steps, clip `eps`): each inner gradient coordinate is at most `H = 1 + eps`, so
 *   `R = 2 eta E H`. It is biased for `E > 1`: the first inner step is unbiased (`r = 1`), and while no
 *   ratio leaves `[1 - eps, 1 + eps]` (guaranteed when `2 eta (E-1) H <= ln(1 + eps)`, since
 *   `|ln r| <= 2 |theta - theta_old|_inf`) both the batch and the population surrogate gradients are
 *   `4H`-Lipschitz in `|.|_inf` (`sum_x |d^2 pi_v / d theta_w d theta_x| <= 4 pi_v`, and `pi_v/pi_old <= H`).
 *   Inner step `e` then moves each gradient by at most `4H e eta H`, for the sample and the exact run
 *   alike: `b = 4 H^2 eta^2 E (E - 1)`. The law refuses PPO parameters outside that regime.
 *
 * Implementation notes: `N` draws (default `DRAWS`), `delta = 1e-6` per case, the generator seeded by
 * the case; sums in decimal.js.
 */
import fc from 'fast-check';
import { tmcArbitrary } from '../../src/arbitraries/tmc.ts';
import { enumeratePaths, pathProbability } from '../../src/exact/paths.ts';
import { edge, forwardPass } from '../../src/exact/values.ts';
import { trainContext, type TrainContext, type UpdateRule } from '../../src/methods/update-rule.ts';
import { D, ZERO, maxOf, type Dec } from '../../src/numeric.ts';
import type { Policy } from '../../src/policy.ts';
import { makeRng } from '../../src/sampling.ts';
import { casePolicy, policyCases, type PolicyCase } from './cases.ts';

export const DRAWS = 1000;
const DELTA = 1e-6;

export interface SampledCase extends PolicyCase {
  readonly seed: number;
}

/** Small one-task TMCs (the bound is loosest where probabilities are spread thin). */
export function sampledCases(): fc.Arbitrary<SampledCase> {
  return policyCases(tmcArbitrary({ maxLayers: 3, maxWidth: 3 })).chain((c) => fc.nat(1000).map((seed) => ({ ...c, seed })));
}

function num(rule: UpdateRule, key: string): number {
  const x = rule.params[key];
  if (typeof x !== 'number') throw new Error(`rule ${rule.name} declares no numeric params.${key}`);
  return x;
}

interface Bound {
  /** Interval length `R` of a sampled increment, per logit. */
  readonly range: (l: number, u: number, v: number) => number;
  readonly bias: number;
}

/** The rule's per-term ranges and bias (see the module doc); throws for a rule it has no bound for. */
export function samplingBound(rule: UpdateRule, policy: Policy, ctx: TrainContext): Bound {
  const eta = rule.params.eta === undefined ? 0 : num(rule, 'eta');
  const flat = (R: number, bias = 0): Bound => ({ range: () => R, bias });
  switch (rule.name) {
    case 'reinforce':
    case 'raft':
    case 'rl-rej':
      return flat(eta);
    case 'grpo':
      return flat(2 * eta);
    case 'grpo-kl': {
      const K = maxOf(
        enumeratePaths(policy.probs, ctx.tc.task.start).map(({ path, p }) => p.div(pathProbability(ctx.base.probs, path)).ln().abs()),
      );
      return flat(2 * eta * (1 + num(rule, 'beta') * K.toNumber()));
    }
    case 'ppo': {
      const [eps, E] = [num(rule, 'eps'), num(rule, 'epochs')];
      const H = 1 + eps;
      if (2 * eta * (E - 1) * H > Math.log(1 + eps)) throw new Error(`ppo: 2 eta (E-1)(1+eps) > ln(1+eps), outside the bias bound's regime`);
      return flat(2 * eta * E * H, 4 * H * H * eta * eta * E * (E - 1));
    }
    case 'gibbs-step': {
      const d = forwardPass(ctx.tmc, ctx.tc.task.start, edge(policy.probs));
      const beta = num(rule, 'beta');
      return {
        range: (l, u, v) => (d[l][u].isZero() ? 0 : 1 / (beta * d[l][u].times(policy.probs[l][u][v]).toNumber())),
        bias: 0,
      };
    }
    default:
      throw new Error(`no sampling bound for rule ${rule.name}`);
  }
}

export function sampledStepMeanConvergesToExactStep(rule: UpdateRule, draws = DRAWS): fc.IProperty<[SampledCase]> {
  return fc.property(sampledCases(), (c) => {
    const ctx = trainContext(c.tmc, 0);
    const policy = casePolicy(c);
    const exact = rule.exactStep(policy, ctx).logits;
    const zeros = () => policy.logits.map((k) => k.map((row) => row.map(() => ZERO)));
    const [total, squares] = [zeros(), zeros()];
    const rng = makeRng(c.seed);
    for (let i = 0; i < draws; i++) {
      const next = rule.sampledStep(policy, ctx, rng).logits;
      policy.logits.forEach((k, l) =>
        k.forEach((row, u) =>
          row.forEach((x, v) => {
            if (x === null) return;
            const dx = next[l][u][v]!.minus(x);
            total[l][u][v] = total[l][u][v].plus(dx);
            squares[l][u][v] = squares[l][u][v].plus(dx.times(dx));
          }),
        ),
      );
    }
    const bound = samplingBound(rule, policy, ctx);
    const m = policy.logits.flat(2).filter((x) => x !== null).length;
    const log = Math.log((4 * m) / DELTA);
    policy.logits.forEach((k, l) =>
      k.forEach((row, u) =>
        row.forEach((x, v) => {
          if (x === null) return;
          const mean: Dec = total[l][u][v].div(draws);
          const variance = Math.max(0, squares[l][u][v].minus(total[l][u][v].times(mean)).div(draws - 1).toNumber());
          const radius = Math.sqrt((2 * variance * log) / draws) + (7 * bound.range(l, u, v) * log) / (3 * (draws - 1));
          const want = exact[l][u][v]!.minus(x);
          // 1e-30 absorbs the rounding of the sums where the increment is deterministic (R = 0).
          const allowed = radius + bound.bias + 1e-30;
          if (mean.minus(want).abs().gt(allowed)) {
            throw new Error(
              `logit ${l}/${u}/${v}: mean sampled increment ${mean.toSignificantDigits(6)}, exact ${want.toSignificantDigits(6)}, bound ${new D(allowed).toSignificantDigits(4)}`,
            );
          }
        }),
      ),
    );
  });
}
