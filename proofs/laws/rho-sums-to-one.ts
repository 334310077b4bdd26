/**
 * # Correctness sums to 1 over the valid CoTs
 *
 * Main statement: for every task `k`, `sum_{o in V_k} rho_k(o) = 1`, and `rho_k(o) = p(o) / p(V_k)`
 * is positive on `V_k` (so `rho_k` is a distribution over `V_k`), up to the working precision.
 */
import fc from 'fast-check';
import { ONE, sum } from '../../src/numeric.ts';
import type { Tmc } from '../../src/tmc.ts';
import { expectAllClose, tmcs } from './cases.ts';
import type { ExactEngine } from './engine.ts';

export function rhoSumsToOne(engine: ExactEngine): fc.IProperty<[Tmc]> {
  return fc.property(tmcs(), (tmc) => {
    tmc.tasks.forEach((_, k) => {
      const { cots } = engine.taskCots(tmc, k);
      expectAllClose(`task ${k} sum of rho over V_k`, sum(cots.map((c) => c.rho)), ONE);
      const nonPositive = cots.find((c) => !c.rho.gt(0));
      if (nonPositive) throw new Error(`task ${k} rho(${nonPositive.path.join('-')}) = ${nonPositive.rho.toString()} is not positive`);
    });
  });
}
