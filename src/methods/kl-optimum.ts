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
 * `p`. Cost: one pass over the CoTs from `s_k` (enumerated). Proof steps:
 * proofs/kl-optimum-maximizes-regularized-objective.proof.ts.
 */
import { UsageError } from '../errors.ts';
import { enumeratePaths, pathProbability } from '../exact/paths.ts';
import { isTreeFor } from '../hypotheses.ts';
import { D, ZERO, sum, type Dec } from '../numeric.ts';
import { policyFromProbs, zerosLike, type Policy } from '../policy.ts';
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
  const J = sum(ctx.tc.cots.map((c) => pathProbability(policy.probs, c.path).times(c.rho)));
  return J.minus(sequenceKl(policy, ctx.base, ctx.tc.task.start).kl.times(beta));
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
    throw new UsageError(`kl optimum: task ${ctx.tc.task.name} is not on a tree (a state has two prefixes), so the optimum is not a Markov policy`);
  }
  const b = new D(beta);
  const edgeMass = zerosLike(ctx.tmc);
  const rowMass = edgeMass.map((k) => k.map(() => ZERO));
  for (const { path, p, rho } of scoredPaths(ctx)) {
    const m = p.times(exp(rho.div(b)));
    for (let l = 0; l + 1 < path.length; l++) {
      edgeMass[l][path[l]][path[l + 1]] = edgeMass[l][path[l]][path[l + 1]].plus(m);
      rowMass[l][path[l]] = rowMass[l][path[l]].plus(m);
    }
  }
  const probs = edgeMass.map((k, l) =>
    k.map((row, u) => (rowMass[l][u].isZero() ? [...ctx.base.probs[l][u]] : row.map((m) => m.div(rowMass[l][u])))),
  );
  return policyFromProbs(ctx.tmc, probs);
}
