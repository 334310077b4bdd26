/**
 * # pass@K bounds the hard mass
 *
 * On a hard instance only hard CoTs succeed, so for every policy `pi` and `K`,
 * `pass_K(pi) <= P_E + P_H (1 - (1 - pi(H))^K)`; inverted, `pi(H) >= phi` once
 * `pass_K(pi) >= pass_K(p)`, with `phi = 1 - (1 - (pass_K(p) - P_E)/P_H)^(1/K)` (`floor`, default the
 * laws' `hardMassFloor`). `onFloor` counts the cases where the floor's premise held.
 */
import fc from 'fast-check';
import { withSecondValidCot } from '../../src/arbitraries/second-cot.ts';
import { tmcArbitrary } from '../../src/arbitraries/tmc.ts';
import { taskCots } from '../../src/exact/correctness.ts';
import { coverage, passAtK } from '../../src/exact/metrics.ts';
import { ONE, compareExact, show } from '../../src/numeric.ts';
import { basePolicy } from '../../src/policy.ts';
import { hardMassFloor } from '../../properties/rejection-preserves.prop.ts';
import { casePolicy, policyCases, type PolicyCase } from './cases.ts';

export interface PassAtKCase {
  readonly c: PolicyCase;
  readonly K: number;
}

export function passAtKBoundsHardMass(floor: typeof hardMassFloor = hardMassFloor, onFloor: () => void = () => {}): fc.IProperty<[PassAtKCase]> {
  const cases = fc.record({
    c: policyCases(tmcArbitrary({ hardValid: true, minLayers: 3 }).map((tmc) => withSecondValidCot(tmc))),
    K: fc.integer({ min: 2, max: 6 }),
  });
  return fc.property(cases, ({ c, K }) => {
    const tc = taskCots(c.tmc, 0);
    const pi = casePolicy(c);
    const pass = passAtK(pi, tc, K);
    const hard = coverage(pi, 0).hard;
    const base = passAtK(basePolicy(c.tmc), tc, K);
    const { pEasy, pHard, phi } = floor(tc, base, K);
    const bound = pEasy.plus(pHard.times(ONE.minus(ONE.minus(hard).pow(K))));
    if (compareExact(pass, bound) > 0) throw new Error(`pass@${K} = ${show(pass)} > P_E + P_H (1 - (1 - pi(H))^K) = ${show(bound)}`);
    if (phi.gt(0) && compareExact(pass, base) >= 0) {
      onFloor();
      if (compareExact(hard, phi) < 0) throw new Error(`pass@${K} ${show(pass)} >= the base's ${show(base)} but pi(H) = ${show(hard)} < phi = ${show(phi)}`);
    }
  });
}
