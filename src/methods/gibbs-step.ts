/**
 * # The per-state Gibbs step: the KL-regularized policy improvement (SPEC §4)
 *
 * For each state `u` the step solves
 *   `max_{pi'(.|u)} sum_v pi'(v|u) A(u,v) - beta KL(pi'(.|u) || p(.|u))`,
 * whose unique solution is `pi'(v|u) = p(v|u) exp(A(u,v)/beta) / Z(u)`,
 * `Z(u) = sum_w p(w|u) exp(A(u,w)/beta)` (first-order condition: `A(u,v) - beta ln(pi'/p) = beta ln Z`
 * on the support; the objective is strictly concave). `A` is the advantage of task `k` under the
 * current policy (src/exact/values.ts), `p` the base policy `ctx.base`. In logits:
 * `theta' = theta_base + A / beta`; at unvisited states `A = 0`, so `pi' = p` there.
 * Proof steps: proofs/gibbs-step-maximizes-per-state-objective.proof.ts.
 *
 * Sampled step: `rollouts` CoTs `o_i ~ pi` from `s_k`, each with its own instance `Q_i`; the
 * importance-weighted estimate `Qhat(u,v) = (1/N) sum_i R_{Q_i}(o_i) 1[o_i takes u -> v] / (d(u) pi(v|u))`
 * (exact `d` and `pi`, unbiased for `Q(u,v)`), `Vhat(u) = sum_v pi(v|u) Qhat(u,v)`, and the closed form
 * with `Ahat = Qhat - Vhat`. Logits are linear in `Ahat`, so the mean sampled logits converge to the
 * exact ones; the probabilities do not average to the exact step's (exp is convex).
 * Symbols: `beta > 0` KL strength; `rollouts` Monte Carlo rollouts per sampled step.
 * Reference: the paper §4 (KL-regularized improvement; its "GRPO-KL" row samples this step).
 */
import { UsageError } from '../errors.ts';
import { forwardPass, edge, taskValues } from '../exact/values.ts';
import { D, ZERO, type Dec } from '../numeric.ts';
import { stepLogits, zerosLike, type Policy } from '../policy.ts';
import { sampleCot } from '../sampling.ts';
import { instanceReward } from './_internals/sampled.ts';
import { drawInstance, type TrainContext, type UpdateRule } from './update-rule.ts';

function checkBeta(beta: number): void {
  if (!(beta > 0) || !Number.isFinite(beta)) throw new UsageError(`gibbs-step: beta must be a positive number, got ${beta}`);
}

/** `pi'(v|u) = p(v|u) exp(A(u,v)/beta) / Z(u)` with the advantages `A` of `policy` on task `ctx.task`. */
export function gibbsStep(policy: Policy, ctx: TrainContext, beta: number): Policy {
  checkBeta(beta);
  return stepLogits(ctx.base, taskValues(policy, ctx.task).A, new D(1).div(beta));
}

export interface GibbsParams {
  /** KL strength `beta > 0` (default 1). */
  readonly beta?: number;
  /** Rollouts per sampled step (default 16). */
  readonly rollouts?: number;
}

/** The Gibbs step as an update rule (family `kl-regularized`). */
export function gibbs({ beta = 1, rollouts = 16 }: GibbsParams = {}): UpdateRule {
  checkBeta(beta);
  if (!Number.isInteger(rollouts) || rollouts < 1) throw new UsageError(`gibbs-step: rollouts must be a positive integer, got ${rollouts}`);
  return {
    name: 'gibbs-step',
    family: 'kl-regularized',
    params: { beta, rollouts },
    exactStep: (policy, ctx) => gibbsStep(policy, ctx, beta),
    sampledStep: (policy, ctx, rng) => {
      const d = forwardPass(ctx.tmc, ctx.tc.task.start, edge(policy.probs));
      const hits = zerosLike(ctx.tmc);
      for (let i = 0; i < rollouts; i++) {
        const correct = drawInstance(ctx, rng);
        const o = sampleCot(policy.probs, ctx.tc.task.start, rng);
        if (instanceReward(ctx.tc, correct, o) === 0) continue;
        for (let l = 0; l + 1 < o.length; l++) hits[l][o[l]][o[l + 1]] = hits[l][o[l]][o[l + 1]].plus(1);
      }
      const Ahat = hits.map((k, l) =>
        k.map((row, u) => {
          if (d[l][u].isZero()) return row.map(() => ZERO);
          const pi = policy.probs[l][u];
          const Q: Dec[] = row.map((h, v) => (h.isZero() ? ZERO : h.div(d[l][u].times(pi[v]).times(rollouts))));
          const V = Q.reduce((acc, q, v) => acc.plus(pi[v].times(q)), ZERO);
          return Q.map((q) => q.minus(V));
        }),
      );
      return stepLogits(ctx.base, Ahat, new D(1).div(beta));
    },
  };
}
