/**
 * The exact step direction shared by every rule whose expected update is a reweighted score:
 * `sum_{o in V_k} pi(o) w(o) grad log pi(o)` for a path weight `w` supported on the task's valid CoTs
 * (REINFORCE: `w = rho`; GRPO and RL-rej: an instance-averaged weight, see instance-weights.ts).
 *
 * With the tabular softmax, `grad_theta_l[u][v] log pi(o) = 1[o_l = u] (1[o_{l+1} = v] - pi(v|u))`, so
 * the sum is `m_l(u, v) - pi(v|u) m_l(u)` where `m_l(u, v)` (resp. `m_l(u)`) adds `pi(o) w(o)` over
 * the CoTs taking edge `u -> v` (resp. visiting `u`) at layer `l`. Cost: `|V_k| L` plus the edges.
 */
import { pathProbability } from '../../exact/paths.ts';
import type { TaskCots } from '../../exact/correctness.ts';
import { ZERO, type Dec } from '../../numeric.ts';
import { zerosLike, type Policy } from '../../policy.ts';

/** `pi(o)` for each valid CoT of the task, in `tc.cots` order. */
export function validCotProbabilities(policy: Policy, tc: TaskCots): Dec[] {
  return tc.cots.map((c) => pathProbability(policy.probs, c.path));
}

/**
 * `sum_o pi(o) w(o) grad log pi(o)` over `tc.cots` (kernel-shaped; 0 on rows no weighted CoT visits).
 * `w[i]` weighs `tc.cots[i]`; `piCots` defaults to `validCotProbabilities(policy, tc)`.
 */
export function weightedScore(
  policy: Policy,
  tc: TaskCots,
  w: readonly Dec[],
  piCots: readonly Dec[] = validCotProbabilities(policy, tc),
): Dec[][][] {
  const edgeMass = zerosLike(policy.tmc);
  const rowMass = edgeMass.map((k) => k.map(() => ZERO));
  tc.cots.forEach((c, i) => {
    if (w[i].isZero()) return;
    const q = piCots[i].times(w[i]);
    for (let l = 0; l + 1 < c.path.length; l++) {
      const u = c.path[l];
      const v = c.path[l + 1];
      edgeMass[l][u][v] = edgeMass[l][u][v].plus(q);
      rowMass[l][u] = rowMass[l][u].plus(q);
    }
  });
  return edgeMass.map((k, l) =>
    k.map((row, u) => (rowMass[l][u].isZero() ? row : row.map((m, v) => m.minus(policy.probs[l][u][v].times(rowMass[l][u]))))),
  );
}
