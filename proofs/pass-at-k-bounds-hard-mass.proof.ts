/**
 * The corollary behind the hard-mass floor of rejection-preserves and zoo-pkpo-keeps-hard-mass
 * (properties/rejection-preserves.prop.ts, clause 2): on a hard instance only hard CoTs succeed, so for
 * every policy `pi` and `K`, `pass_K(pi) <= P_E + P_H (1 - (1 - pi(H))^K)`; inverted,
 * `pi(H) >= 1 - (1 - (pass_K(pi) - P_E)/P_H)^(1/K)`, which is `phi` at `pass_K(p)` and grows with
 * `pass_K(pi)`. So a run whose pass@K never falls (clause 1) keeps `pi_t(H) >= phi`, whatever the rule.
 * Checked on random policies: the bound, and `pi(H) >= phi` whenever `pass_K(pi) >= pass_K(p)`.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { runs } from '../src/arbitraries/profile.ts';
import { withSecondValidCot } from '../src/arbitraries/second-cot.ts';
import { tmcArbitrary } from '../src/arbitraries/tmc.ts';
import { taskCots } from '../src/exact/correctness.ts';
import { coverage, passAtK } from '../src/exact/metrics.ts';
import { ONE, compareExact, show } from '../src/numeric.ts';
import { basePolicy } from '../src/policy.ts';
import { hardMassFloor } from '../properties/rejection-preserves.prop.ts';
import { casePolicy, policyCases } from './laws/cases.ts';

const cases = fc.record({
  c: policyCases(tmcArbitrary({ hardValid: true, minLayers: 3 }).map((tmc) => withSecondValidCot(tmc))),
  K: fc.integer({ min: 2, max: 6 }),
});

test('pass_K(pi) <= P_E + P_H (1 - (1 - pi(H))^K), so pi(H) >= phi once pass_K(pi) >= pass_K(p)', () => {
  let floors = 0;
  fc.assert(
    fc.property(cases, ({ c, K }) => {
      const tc = taskCots(c.tmc, 0);
      const pi = casePolicy(c);
      const pass = passAtK(pi, tc, K);
      const hard = coverage(pi, 0).hard;
      const base = passAtK(basePolicy(c.tmc), tc, K);
      const { pEasy, pHard, phi } = hardMassFloor(tc, base, K);
      const bound = pEasy.plus(pHard.times(ONE.minus(ONE.minus(hard).pow(K))));
      if (compareExact(pass, bound) > 0) throw new Error(`pass@${K} = ${show(pass)} > P_E + P_H (1 - (1 - pi(H))^K) = ${show(bound)}`);
      if (phi.gt(0) && compareExact(pass, base) >= 0) {
        floors++;
        if (compareExact(hard, phi) < 0) throw new Error(`pass@${K} ${show(pass)} >= the base's ${show(base)} but pi(H) = ${show(hard)} < phi = ${show(phi)}`);
      }
    }),
    { numRuns: runs(100), seed: 1 },
  );
  // The floor's premise is met on enough cases for the implication to say something.
  expect(floors).toBeGreaterThanOrEqual(10);
});
