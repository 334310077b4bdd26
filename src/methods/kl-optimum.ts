/**
 * # The sequence-level optimum of `J - beta KL(pi || p)` on tree TMCs
 *
 * Main statement: over all CoT distributions `pi` from `s_k`,
 *   `G(pi) = J_k(pi) - beta KL(pi || p) = sum_o pi(o) rho_k(o) - beta sum_o pi(o) ln(pi(o)/p(o))`
 * is maximized by the tilted law `pi*(o) = p(o) exp(rho_k(o)/beta) / E_p[exp(rho_k/beta)]` (Gibbs
 * variational principle; `G(pi) = G(pi*) - beta KL(pi || pi*)`), with value
 * `G(pi*) = beta ln E_p[exp(rho_k/beta)]`. Off-target CoTs have `rho = 0` and weigh `p(o)`.
 *
 * Implementation notes: `pi*` is a Markov policy when every non-final state has one prefix from
 * `s_k` (H-tree, src/hypotheses.ts `isTreeFor`): then `pi*(v|u) = m(u v) / m(u)`, `m(x)` adding
 * `p(o) exp(rho(o)/beta)` over the CoTs through prefix `x`, and the prefix is named by its last state.
 * Without H-tree `pi*` needs the history, so `klOptimum` refuses. Rows not reached from `s_k` keep
 * `p`. Backward pass: on a tree the prefix to a non-final `u` has kernel probability `a_u` (a forward
 * pass of `P`), and a CoT `o` ending `u -> v` has `rho(o) = a_u P(v|u) / Z` if `v = t_k`, else 0
 * (`Z = p(V_k)`). So `m(x_u) = p(x_u) h(u)` with `h(u) = sum_v p(v|u) h(u -> v)`, where
 * `h(u -> v) = h(v)` before the last layer and `exp(a_u P(t_k|u) / (Z beta))` on a last edge into
 * `t_k` (1 on the others), and `pi*(v|u) = p(v|u) h(u -> v) / h(u)`. Cost linear in the edges.
 * `optimalRegularizedValue` sums over the enumerated CoTs: it holds off trees too and is the
 * reference the proofs check the pass against (proofs/kl-optimum-equals-enumeration.proof.ts,
 * proofs/kl-optimum-maximizes-regularized-objective.proof.ts).
 */
import { UsageError } from '../errors.ts';
import { enumeratePaths } from '../exact/paths.ts';
import { edge, forwardPass, taskValues, validProbability } from '../exact/values.ts';
import { isTreeFor } from '../hypotheses.ts';
import { D, ONE, ZERO, sum, type Dec } from '../numeric.ts';
import { policyFromProbs, type Policy } from '../policy.ts';
import { exp } from '../_internals/exp.ts';
import { sequenceKl } from './sequence-kl.ts';
import type { TrainContext } from './update-rule.ts';

function checkBeta(beta: number): void {
  if (!(beta > 0) || !Number.isFinite(beta)) throw new UsageError(`kl optimum: beta must be a positive number, got ${beta}`);
}

/** `rho_k(o)` for every CoT from `s_k` (0 off `V_k`), with its base probability `p(o)`. */
function scoredPaths(ctx: TrainContext): { path: number[]; p: Dec; rho: Dec }[] {
  const rho = new Map(ctx.tc.cots.map((c) => [c.path.join(), c.rho]));
  return enumeratePaths(ctx.base.probs, ctx.tc.task.start).map(({ path, p }) => ({ path, p, rho: rho.get(path.join()) ?? ZERO }));
}

/** `G(pi) = J_k(pi) - beta KL(pi || ctx.base)`, the KL over CoTs from `s_k`. */
export function regularizedObjective(policy: Policy, ctx: TrainContext, beta: number): Dec {
  checkBeta(beta);
  const J = taskValues(policy, ctx.task).J;
  return J.minus(sequenceKl(policy, ctx.base, ctx.tmc.tasks[ctx.task].start).kl.times(beta));
}

/** `beta ln E_p[exp(rho_k/beta)]`, the largest value of `G`. */
export function optimalRegularizedValue(ctx: TrainContext, beta: number): Dec {
  checkBeta(beta);
  const b = new D(beta);
  return sum(scoredPaths(ctx).map(({ p, rho }) => p.times(exp(rho.div(b))))).ln().times(b);
}

/** The maximizer `pi*(o) ∝ p(o) exp(rho_k(o)/beta)` as a Markov policy (requires H-tree for the task). */
export function klOptimum(ctx: TrainContext, beta: number): Policy {
  checkBeta(beta);
  if (!isTreeFor(ctx.tmc, ctx.task)) {
    throw new UsageError(`kl optimum: task ${ctx.tmc.tasks[ctx.task].name} is not on a tree (a state has two prefixes), so the optimum is not a Markov policy`);
  }
  const { tmc } = ctx;
  const { start, target } = tmc.tasks[ctx.task];
  const scale = validProbability(tmc, ctx.task).times(beta);
  const a = forwardPass(tmc, start, edge(tmc.kernels));
  const reached = forwardPass(tmc, start, edge(ctx.base.probs));
  const last = tmc.layers - 2;
  // h[l + 1][v], and on the last layer the weight of the edge u -> v.
  let h: Dec[] = [];
  const probs: Dec[][][] = new Array(tmc.layers - 1);
  for (let l = last; l >= 0; l--) {
    const child = (u: number, v: number): Dec =>
      l < last ? h[v] : v === target ? exp(a[l][u].times(tmc.kernels[l][u][v]).div(scale)) : ONE;
    const rows = ctx.base.probs[l].map((row, u) => row.map((p, v) => (p.isZero() ? ZERO : p.times(child(u, v)))));
    h = rows.map((row) => sum(row));
    probs[l] = rows.map((row, u) => (reached[l][u].isZero() ? [...ctx.base.probs[l][u]] : row.map((m) => m.div(h[u]))));
  }
  return policyFromProbs(tmc, probs);
}
