/**
 * The bias-variance identity behind Bayes optimality, with exact expectations over the `2^|V_k|`
 * instances: for a CoT `o`, `E_Q[(f - R_Q(o))^2] = (f - rho(o))^2 + rho(o)(1 - rho(o))`; for a prefix
 * `x` and `o ~ p(.|x)`, `E_{o|x} E_Q[(f - R_Q(o))^2] = (f - R_prm(x))^2 + R_prm(x)(1 - R_prm(x))`.
 * So `R_out` and `R_prm` minimize the L2 loss, uniquely. The state-valued PRM breaks the second
 * identity on shared states.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { denseTmcArbitrary } from '../src/arbitraries/dense.ts';
import { tmcArbitrary } from '../src/arbitraries/tmc.ts';
import { taskCots } from '../src/exact/correctness.ts';
import { instances } from '../src/exact/instances.ts';
import { taskRewards } from '../src/inference/rewards.ts';
import { statePrm } from '../src/mutants/selectors.ts';
import { D, ONE, ZERO, nearlyEqual, sum, type Dec } from '../src/numeric.ts';
import type { Tmc } from '../src/tmc.ts';
import { completions } from './_internals/by-enumeration.ts';

const cases = fc.record({
  tmc: fc.oneof(tmcArbitrary({ maxLayers: 4, maxWidth: 2, shared: true, tasks: 2 }), denseTmcArbitrary({ minLayers: 3, maxLayers: 4, maxWidth: 2 })),
  f: fc.integer({ min: 0, max: 20 }).map((i) => new D(i).div(20)),
});

/** `E_{o|x} E_Q[(f - R_Q(o))^2]` by enumerating completions and instances. */
function loss(tmc: Tmc, prefix: readonly number[], f: Dec): Dec {
  const tc = taskCots(tmc, 0);
  const qs = instances(tc);
  const total = completions(tmc, prefix).map(({ path, p }) => {
    const i = tc.cots.findIndex((c) => c.path.join() === path.join());
    const e = sum(qs.map((q) => q.prob.times(f.minus(i >= 0 && q.correct[i] ? ONE : ZERO).pow(2))));
    return p.times(e);
  });
  return sum(total).div(sum(completions(tmc, prefix).map((c) => c.p)));
}

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

test.prop([cases], { numRuns: 15, seed: 81 })('E[(f - R_Q)^2] = (f - R)^2 + R(1 - R) for R = R_out on CoTs and R_prm on prefixes', ({ tmc, f }) => {
  expect(identityFailure(tmc, f, taskRewards(tmc, 0).rPrm)).toBeNull();
});

test('the identity fails for the state-valued PRM', () => {
  const failed = fc.check(fc.property(cases, ({ tmc, f }) => identityFailure(tmc, f, statePrm.rPrm(tmc, 0)) === null), { numRuns: 40, seed: 82 }).failed;
  expect(failed).toBe(true);
});

/**
 * The corollary that bayes-optimal-rewards clause 3 states (properties/bayes-optimal-rewards.prop.ts):
 * as the loss is `(f - R)^2 + R(1 - R)`, the competitors named there score no better than `R_out` on a
 * CoT and `R_prm` on a prefix. Checked per prefix, which implies the law's per-layer sums.
 */
test.prop([cases], { numRuns: 10, seed: 83 })('the competitors R + eps, p(o), 1[o valid] and the state value lose to R_out and R_prm', ({ tmc, f }) => {
  const eps = f.minus(ONE.div(2));
  const { rOut, rPrm } = taskRewards(tmc, 0);
  const valid = new Set(taskCots(tmc, 0).cots.map((c) => c.path.join()));
  const state = statePrm.rPrm(tmc, 0);
  for (const { path, p } of completions(tmc, [tmc.tasks[0].start])) {
    const own = loss(tmc, path, rOut(path));
    for (const [name, c] of [['R_out + eps', rOut(path).plus(eps)], ['p(o)', p], ['1[o valid]', valid.has(path.join()) ? ONE : ZERO]] as const) {
      expect(loss(tmc, path, c).gte(own), `${name} on ${path.join('-')}`).toBe(true);
    }
    for (let l = 2; l < path.length; l++) {
      const x = path.slice(0, l);
      const best = loss(tmc, x, rPrm(x));
      expect(loss(tmc, x, rPrm(x).plus(eps)).gte(best), `R_prm + eps on ${x.join('-')}`).toBe(true);
      expect(loss(tmc, x, state(x)).gte(best), `the state value on ${x.join('-')}`).toBe(true);
    }
  }
});
