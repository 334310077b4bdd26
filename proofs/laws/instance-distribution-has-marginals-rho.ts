/**
 * # The instance distribution sums to 1 and has marginals rho
 *
 * Main statement: for every task `k`, the `2^|V_k|` instances `Q` (each valid CoT `o` in `C_Q`
 * independently with probability `rho_k(o)`) have probabilities summing to 1, and for every
 * `o in V_k`, `P(o in C_Q) = sum_{Q : o in C_Q} P(Q) = rho_k(o)` (so `R_out = E_Q[R_Q] = rho_k`),
 * up to the working precision.
 */
import fc from 'fast-check';
import { taskCots } from '../../src/exact/correctness.ts';
import { MAX_ENUMERATED_INSTANCE_COTS } from '../../src/exact/instances.ts';
import { ONE, sum } from '../../src/numeric.ts';
import type { Tmc } from '../../src/tmc.ts';
import { expectAllClose, tmcs } from './cases.ts';
import type { ExactEngine } from './engine.ts';

export function instanceDistributionHasMarginalsRho(engine: ExactEngine): fc.IProperty<[Tmc]> {
  return fc.property(tmcs(), (tmc) => {
    tmc.tasks.forEach((_, k) => {
      const tc = taskCots(tmc, k);
      if (tc.cots.length > MAX_ENUMERATED_INSTANCE_COTS) return; // beyond exact enumeration (deep profiles)
      const all = engine.instances(tc);
      if (all.length !== 2 ** tc.cots.length) throw new Error(`task ${k}: ${all.length} instances, expected 2^${tc.cots.length}`);
      expectAllClose(`task ${k} total instance probability`, sum(all.map((q) => q.prob)), ONE);
      const marginals = tc.cots.map((_, i) => sum(all.filter((q) => q.correct[i]).map((q) => q.prob)));
      expectAllClose(`task ${k} P(o in C_Q) vs rho`, marginals, tc.cots.map((c) => c.rho));
    });
  });
}
