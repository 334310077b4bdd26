/**
 * # PPO: clipped surrogate, `E` inner steps (SPEC §4)
 *
 * Population version implemented (tabular policy, one-step-per-layer "tokens"): at each outer step
 * freeze `pi_old = pi` with its visit probabilities `d_old(u)` and advantages `A_old(u,v)` for task
 * `k` (src/exact/values.ts), and take `E` exact gradient-ascent steps of size `eta` on the per-state
 * clipped surrogate
 *   `L(theta) = sum_u d_old(u) sum_v pi_old(v|u) min(r A_old, clip(r, 1 - eps, 1 + eps) A_old)`,
 *   `r = r_theta(u,v) = pi_theta(v|u) / pi_old(v|u)`,
 * starting from `theta_old`. Its gradient is
 *   `grad_theta_l[u][w] L = d_old(u) pi_theta(w|u) (B(u,w) - sum_v pi_theta(v|u) B(u,v))`,
 *   `B(u,v) = A_old(u,v) 1[(u,v) unclipped]`,
 * where `(u,v)` is clipped when `A_old > 0, r > 1 + eps` or `A_old < 0, r < 1 - eps` (at the kink
 * `r = 1 +- eps` the unclipped branch is taken). The first inner step has `r = 1`, so it is exactly
 * REINFORCE's step `eta grad J`; with `E = 1` PPO is REINFORCE.
 *
 * Sampled step (as practitioners run it, with an exact critic): draw `batch` rollouts, each an
 * instance `Q` and a CoT `o ~ pi_old`; every step `(o_l, o_{l+1})` gets the advantage estimate
 * `R_Q(o) - V_old(o_l)` (`V_old` exact, standing in for a learned critic; unbiased for `A_old`); then
 * `E` gradient steps of size `eta` on the batch surrogate `(1/batch) sum_b sum_l min(r Ahat,
 * clip(r) Ahat)`, clipping by the sign of the estimate. For a fixed `theta` the batch gradient is
 * unbiased for `grad L` whenever no pair is clipped; over `E > 1` inner steps on one batch the
 * mean sampled step differs from the exact step at second order in `eta` (bound in
 * proofs/sampled-step-mean-converges-to-exact-step.proof.ts).
 * Symbols: `eta` step size, `eps` clip range, `E` epochs (inner steps), `batch` rollouts.
 * Reference: Schulman et al., "Proximal Policy Optimization Algorithms" (2017); the paper §3.
 */
import { UsageError } from '../errors.ts';
import { taskValues } from '../exact/values.ts';
import { D, ONE, ZERO, type Dec } from '../numeric.ts';
import { stepLogits, zerosLike, type Policy } from '../policy.ts';
import { sampleCot } from '../sampling.ts';
import { instanceReward } from './_internals/sampled.ts';
import { drawInstance, type UpdateRule } from './update-rule.ts';

export interface PpoParams {
  /** Step size `eta > 0` of each inner step (default 1). */
  readonly eta?: number;
  /** Clip range `eps` in `(0, 1)` (default 0.2). */
  readonly eps?: number;
  /** Inner steps `E >= 1` per outer step (default 4). */
  readonly epochs?: number;
  /** Rollouts per sampled step (default 8). */
  readonly batch?: number;
}

/**
 * True when the clipped surrogate's unclipped branch is active for the ratio `p / q` (`q > 0`) and advantage
 * `a`, tested without the division: the exact step tests every edge at every inner step.
 */
function withinClip(p: Dec, q: Dec, a: Dec, lo: Dec, hi: Dec): boolean {
  return !((a.gt(0) && p.gt(q.times(hi))) || (a.lt(0) && p.lt(q.times(lo))));
}

/**
 * `grad_theta L` of the clipped surrogate at `policy` (`theta`), frozen at `old` with its visit
 * probabilities `d` and advantages `A` (see the module doc).
 */
export function clippedSurrogateGradient(old: Policy, policy: Policy, d: Dec[][], A: Dec[][][], eps: number): Dec[][][] {
  const lo = ONE.minus(eps);
  const hi = ONE.plus(eps);
  return policy.probs.map((k, l) =>
    k.map((pi, u) => {
      if (d[l][u].isZero()) return pi.map(() => ZERO);
      const B = pi.map((p, v) => (p.isZero() || withinClip(p, old.probs[l][u][v], A[l][u][v], lo, hi) ? A[l][u][v] : ZERO));
      const mean = pi.reduce((acc, p, v) => acc.plus(p.times(B[v])), ZERO);
      return pi.map((p, w) => d[l][u].times(p).times(B[w].minus(mean)));
    }),
  );
}

/**
 * A bound on the bias of PPO's sampled step (derived in
 * proofs/laws/sampled-step-mean-converges-to-exact-step.ts): `4 H^2 eta^2 E (E - 1)`, `H = 1 + eps`,
 * while no ratio can leave `[1 - eps, 1 + eps]` (`2 eta (E - 1) H <= ln(1 + eps)`); none outside that regime.
 */
export function ppoSampledBias(eta: number, eps: number, epochs: number): number {
  const H = 1 + eps;
  return 2 * eta * (epochs - 1) * H <= Math.log(1 + eps) ? 4 * H * H * eta * eta * epochs * (epochs - 1) : Infinity;
}

/** PPO with clipped surrogate and `epochs` exact inner steps. */
export function ppo({ eta = 1, eps = 0.2, epochs = 4, batch = 8 }: PpoParams = {}): UpdateRule {
  if (!(eta > 0) || !Number.isFinite(eta)) throw new UsageError(`ppo: eta must be a positive number, got ${eta}`);
  if (!(eps > 0 && eps < 1)) throw new UsageError(`ppo: eps must be in (0, 1), got ${eps}`);
  if (!Number.isInteger(epochs) || epochs < 1) throw new UsageError(`ppo: epochs must be a positive integer, got ${epochs}`);
  if (!Number.isInteger(batch) || batch < 1) throw new UsageError(`ppo: batch must be a positive integer, got ${batch}`);
  const lo = ONE.minus(eps);
  const hi = ONE.plus(eps);
  return {
    name: 'ppo',
    family: 'rlvr',
    params: { eta, eps, epochs, batch },
    squeezingRate: () => epochs * eta,
    sampledBounds: { range: 2 * eta * epochs * (1 + eps), bias: ppoSampledBias(eta, eps, epochs) },
    exactStep: (old, ctx) => {
      const { d, A } = taskValues(old, ctx.task);
      let policy = old;
      for (let e = 0; e < epochs; e++) policy = stepLogits(policy, clippedSurrogateGradient(old, policy, d, A, eps), eta);
      return policy;
    },
    sampledStep: (old, ctx, rng) => {
      const { V } = taskValues(old, ctx.task);
      // Each rollout as its steps (l, u, v) with the advantage estimate R_Q(o) - V_old(o_l).
      const steps: { l: number; u: number; v: number; adv: Dec }[] = [];
      for (let b = 0; b < batch; b++) {
        const correct = drawInstance(ctx, rng);
        const o = sampleCot(old.probs, ctx.tc.task.start, rng);
        const R = instanceReward(ctx.tc, correct, o);
        for (let l = 0; l + 1 < o.length; l++) steps.push({ l, u: o[l], v: o[l + 1], adv: new D(R).minus(V[l][o[l]]) });
      }
      const scale = new D(eta).div(batch);
      let policy = old;
      for (let e = 0; e < epochs; e++) {
        const grad = zerosLike(ctx.tmc);
        for (const { l, u, v, adv } of steps) {
          const pi = policy.probs[l][u];
          if (!withinClip(pi[v], old.probs[l][u][v], adv, lo, hi)) continue;
          // r Ahat grad log pi(v|u) = Ahat r (e_v - pi(.|u)).
          const c = adv.times(pi[v].div(old.probs[l][u][v]));
          grad[l][u] = grad[l][u].map((g, w) => g.plus(c.times((w === v ? ONE : ZERO).minus(pi[w]))));
        }
        policy = stepLogits(policy, grad, scale);
      }
      return policy;
    },
  };
}
