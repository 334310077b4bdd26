/**
 * # The policy gradient equals a central finite difference
 *
 * Main statement: for every task `k`, policy `pi` and kernel entry `(l, u, v)` on the support,
 * `taskValues(pi, k).grad[l][u][v] = (J(theta + h e) - J(theta - h e)) / 2h + O(h^2)`, where
 * `J(theta) = sum_{o in V_k} pi_theta(o) rho_k(o)` is summed over the valid CoTs directly.
 *
 * Implementation notes: computed at 80 digits with `h = 1e-20`, so the truncation error (`~h^2`)
 * and the rounding error (`~10^-80 / h`) are both far below the tolerance `1e-30` (gradients are
 * at most 1 in magnitude). Off the support both are 0.
 */
import fc from 'fast-check';
import { taskCots } from '../../src/exact/correctness.ts';
import { pathProbability } from '../../src/exact/paths.ts';
import { sum, type Dec } from '../../src/numeric.ts';
import type { Policy } from '../../src/policy.ts';
import { casePolicy, expectAllClose, policyCases, type PolicyCase } from './cases.ts';
import type { ExactEngine } from './engine.ts';
import { centralDifference, close, highPrecision } from './finite-difference.ts';

/** `J_k(pi)` summed over the valid CoTs, independent of the layer passes. */
function expectedReward(policy: Policy, k: number): Dec {
  return sum(taskCots(policy.tmc, k).cots.map((c) => pathProbability(policy.probs, c.path).times(c.rho)));
}

export function policyGradientEqualsFiniteDifference(engine: ExactEngine): fc.IProperty<[PolicyCase]> {
  return fc.property(policyCases(), (c) =>
    highPrecision(() => {
      const policy = casePolicy(c);
      c.tmc.tasks.forEach((_, k) => {
        const fd = centralDifference(policy, (p) => expectedReward(p, k));
        expectAllClose(`task ${k} grad (passes vs finite difference)`, engine.taskValues(policy, k).grad, fd, close);
      });
    }),
  );
}
