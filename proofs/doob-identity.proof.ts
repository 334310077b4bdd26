/**
 * The Doob identity `h(x) = sum_v p(v|u) h(x v)` for the prefix-dependent `h = h_lambda`, so each
 * DPRM-AS step `p(v|u) h(x v) / h(x)` is a distribution; and the product of the steps telescopes to
 * `p(o) h(o) / h(o_1)`. A state-valued `h(u) = E_p[exp(lambda rho) | o_l = u]` (the mutant) breaks the
 * identity on shared-state TMCs.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { denseTmcArbitrary } from '../src/arbitraries/dense.ts';
import { tmcArbitrary } from '../src/arbitraries/tmc.ts';
import { enumeratePaths, pathProbability } from '../src/exact/paths.ts';
import { dprmAs } from '../src/inference/dprm-as.ts';
import { taskRewards } from '../src/inference/rewards.ts';
import { D, nearlyEqual, sum, type Dec } from '../src/numeric.ts';
import type { Tmc } from '../src/tmc.ts';
import { rhoOf } from './_internals/by-enumeration.ts';

const cases = fc.record({ tmc: fc.oneof(tmcArbitrary({ maxLayers: 4, maxWidth: 3, shared: true, tasks: 2 }), denseTmcArbitrary({ minLayers: 3, maxLayers: 4, maxWidth: 3, tasks: 2 })), lambda: fc.constantFrom(0.3, 1, 5) });

/** Prefixes from task 0's start, shorter than a CoT. */
function innerPrefixes(tmc: Tmc): number[][] {
  const out = new Map<string, number[]>();
  for (const { path } of enumeratePaths(tmc.kernels, tmc.tasks[0].start)) for (let l = 1; l < path.length; l++) out.set(path.slice(0, l).join(), path.slice(0, l));
  return [...out.values()];
}

/** The first prefix where `h(x) != sum_v p(v|u) h(x v)`. */
function doobFailure(tmc: Tmc, h: (prefix: readonly number[]) => Dec): string | null {
  for (const x of innerPrefixes(tmc)) {
    const l = x.length - 1;
    const rhs = sum(tmc.kernels[l][x[l]].map((p, v) => (p.gt(0) ? p.times(h([...x, v])) : p)));
    if (!nearlyEqual(h(x), rhs)) return `h(${x.join('-')}) = ${h(x)} but sum_v p(v|u) h(x v) = ${rhs}`;
  }
  return null;
}

test.prop([cases], { numRuns: 30, seed: 71 })('h(x) = sum_v p(v|u) h(x v) for every prefix', ({ tmc, lambda }) => {
  const r = taskRewards(tmc, 0);
  const lam = new D(lambda);
  expect(doobFailure(tmc, (x) => r.h(x, lam))).toBeNull();
});

test.prop([cases], { numRuns: 20, seed: 72 })('the DPRM-AS steps telescope to p(o) h(o) / h(o_1)', ({ tmc, lambda }) => {
  const r = taskRewards(tmc, 0);
  const lam = new D(lambda);
  const start = [tmc.tasks[0].start];
  for (const c of dprmAs({ lambda }).distribution(tmc, 0)) {
    const expected = pathProbability(tmc.kernels, c.path).times(r.h(c.path, lam)).div(r.h(start, lam));
    expect(nearlyEqual(c.prob, expected), `P(${c.path.join('-')}) = ${c.prob} vs ${expected}`).toBe(true);
  }
});

test('the identity fails for a state-valued h on shared states', () => {
  /** `E_p[exp(lambda rho) | o_l = u]`, by enumeration: the same for every prefix reaching u. */
  const stateH = (tmc: Tmc, lambda: number) => {
    const rho = rhoOf(tmc, 0);
    const cots = enumeratePaths(tmc.kernels, tmc.tasks[0].start);
    return (x: readonly number[]) => {
      const l = x.length - 1;
      const through = cots.filter((c) => c.path[l] === x[l]);
      return sum(through.map((c) => c.p.times(new D(lambda).times(rho(c.path)).exp()))).div(sum(through.map((c) => c.p)));
    };
  };
  const failed = fc.check(fc.property(cases, ({ tmc, lambda }) => doobFailure(tmc, stateH(tmc, lambda)) === null), { numRuns: 60, seed: 73 }).failed;
  expect(failed).toBe(true);
});
