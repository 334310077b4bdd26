/**
 * The bias-variance identity behind Bayes optimality, with exact expectations over the `2^|V_k|`
 * instances: for a CoT `o`, `E_Q[(f - R_Q(o))^2] = (f - rho(o))^2 + rho(o)(1 - rho(o))`; for a prefix
 * `x` and `o ~ p(.|x)`, `E_{o|x} E_Q[(f - R_Q(o))^2] = (f - R_prm(x))^2 + R_prm(x)(1 - R_prm(x))`.
 * So `R_out` and `R_prm` minimize the L2 loss, uniquely. The state-valued PRM breaks the second
 * identity on shared states.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { taskRewards } from '../src/inference/rewards.ts';
import { statePrm } from '../src/mutants/selectors.ts';
import { ONE, nearlyEqual, type Dec } from '../src/numeric.ts';
import type { Tmc } from '../src/tmc.ts';
import { completions } from './_internals/by-enumeration.ts';
import { bayesCases, competitorsLose, loss } from './laws/bayes-competitors-lose.ts';

function identityFailure(tmc: Tmc, f: Dec, rPrm: (x: readonly number[]) => Dec): string | null {
  for (const { path } of completions(tmc, [tmc.tasks[0].start])) {
    for (let l = 1; l <= path.length; l++) {
      const x = path.slice(0, l);
      const r = rPrm(x);
      const expected = f.minus(r).pow(2).plus(r.times(ONE.minus(r)));
      const actual = loss(tmc, x, f);
      if (!nearlyEqual(actual, expected)) return `prefix ${x.join('-')}: loss ${actual} vs (f - R)^2 + R(1 - R) = ${expected}`;
    }
  }
  return null;
}

test.prop([bayesCases], { numRuns: 15, seed: 81 })('E[(f - R_Q)^2] = (f - R)^2 + R(1 - R) for R = R_out on CoTs and R_prm on prefixes', ({ tmc, f }) => {
  expect(identityFailure(tmc, f, taskRewards(tmc, 0).rPrm)).toBeNull();
});

test('the identity fails for the state-valued PRM', () => {
  const failed = fc.check(fc.property(bayesCases, ({ tmc, f }) => identityFailure(tmc, f, statePrm.rPrm(tmc, 0)) === null), { numRuns: 40, seed: 82 }).failed;
  expect(failed).toBe(true);
});

/**
 * The corollary that bayes-optimal-rewards clause 3 states (properties/bayes-optimal-rewards.prop.ts):
 * the competitors named there score no better than `R_out` and `R_prm` (proofs/laws/bayes-competitors-lose.ts;
 * its sentinel, R_out = p(o), in src/mutants/proof-step-sentinels.test.ts).
 */
test('the competitors R + eps, p(o), 1[o valid] and the state value lose to R_out and R_prm', () => {
  fc.assert(competitorsLose(), { numRuns: 10, seed: 83 });
});
