/**
 * # RL-rej with the current-policy filter is gradient ascent on pass@(n+1)
 *
 * Main statement: for every task `k`, policy `pi` and `n >= 1`, RL-rej's exact step with the
 * current-policy filter (src/methods/rl-rej.ts) is
 *   `theta += (eta / K) grad_theta pass_K(pi)`,  `K = n + 1`,  `pass_K(pi) = E_Q[1 - (1 - pi(C_Q))^K]`,
 * with `pass_K` the exact pass@K over instances (src/exact/metrics.ts `passAtK`) differentiated by
 * central finite difference. The identity behind it: `d pass_K / d pi(o) = K E_Q[(1 - pi(C_Q))^n R_Q(o)]`,
 * `K` times the rule's effective reward (properties/rejection-preserves.prop.ts). With the base-policy
 * filter the weight is frozen at `p` and the identity fails away from `pi = p`.
 *
 * Implementation notes: at 80 digits, `h = 1e-20`, equal within `1e-30`; `eta` is 1.
 */
import fc from 'fast-check';
import { taskCots } from '../../src/exact/correctness.ts';
import { passAtK } from '../../src/exact/metrics.ts';
import { trainContext, type UpdateRule } from '../../src/methods/update-rule.ts';
import { casePolicy, expectAllClose, policyCases, type PolicyCase } from './cases.ts';
import { centralDifference, close, highPrecision, stepDirection } from './finite-difference.ts';

export interface RejectionStepCase extends PolicyCase {
  /** Tries of the filter. */
  readonly n: number;
}

export function rlRejStepAscendsPassAtNPlus1(makeRlRej: (params: { eta: number; n: number }) => UpdateRule): fc.IProperty<[RejectionStepCase]> {
  const cases = fc.record({ c: policyCases(), n: fc.integer({ min: 1, max: 4 }) }).map(({ c, n }) => ({ ...c, n }));
  return fc.property(cases, (c) =>
    highPrecision(() => {
      const policy = casePolicy(c);
      const K = c.n + 1;
      const rule = makeRlRej({ eta: 1, n: c.n });
      c.tmc.tasks.forEach((_, k) => {
        const tc = taskCots(c.tmc, k);
        const moved = stepDirection(policy, rule.exactStep(policy, trainContext(c.tmc, k)), 1);
        const ascent = centralDifference(policy, (p) => passAtK(p, tc, K)).map((kernel) => kernel.map((row) => row.map((g) => g.div(K))));
        expectAllClose(`task ${k}, n = ${c.n}: step vs (1/${K}) grad pass@${K}`, moved, ascent, close);
      });
    }),
  );
}
