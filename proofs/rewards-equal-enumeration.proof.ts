/**
 * The rewards of src/inference/rewards.ts, computed from prefix probabilities and backward passes,
 * equal their definitions as sums over every completion of the prefix: `R_out = rho`,
 * `R_prm(x) = E_p[rho | x]`, `h_lambda(x) = E_p[exp(lambda rho) | x]`, `R_dprm = ln h / lambda`, on
 * shared-state TMCs (where a state's prefixes differ). The state-valued PRM mutant fails.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { denseTmcArbitrary } from '../src/arbitraries/dense.ts';
import { tmcArbitrary } from '../src/arbitraries/tmc.ts';
import { enumeratePaths } from '../src/exact/paths.ts';
import { taskRewards } from '../src/inference/rewards.ts';
import { statePrm } from '../src/mutants/selectors.ts';
import { D, nearlyEqual, type Dec } from '../src/numeric.ts';
import type { Tmc } from '../src/tmc.ts';
import { conditional, rhoOf } from './_internals/by-enumeration.ts';

/** Every prefix (lengths 1..L) of every CoT from every start. */
function prefixes(tmc: Tmc): number[][] {
  const out = new Map<string, number[]>();
  for (let s = 0; s < tmc.widths[0]; s++) {
    for (const { path } of enumeratePaths(tmc.kernels, s)) for (let l = 1; l <= path.length; l++) out.set(path.slice(0, l).join(), path.slice(0, l));
  }
  return [...out.values()];
}

const cases = fc.record({ tmc: fc.oneof(tmcArbitrary({ maxLayers: 4, maxWidth: 2, tasks: 2, shared: true }), denseTmcArbitrary({ minLayers: 3, maxLayers: 4, maxWidth: 3, tasks: 2 })), lambda: fc.constantFrom(0.5, 2, 7) });

function mismatch(name: string, prefix: number[], ours: Dec, reference: Dec): string | null {
  return nearlyEqual(ours, reference) ? null : `${name}(${prefix.join('-')}) = ${ours} but enumeration gives ${reference}`;
}

/** The first reward of `rPrm` that differs from `E_p[rho | x]`, over every prefix. */
function prmMismatch(tmc: Tmc, rPrm: (prefix: readonly number[]) => Dec): string | null {
  const rho = rhoOf(tmc, 0);
  for (const x of prefixes(tmc)) {
    const m = mismatch('R_prm', x, rPrm(x), conditional(tmc, x, rho));
    if (m) return m;
  }
  return null;
}

test.prop([cases], { numRuns: 25, seed: 61 })('R_out, R_prm, h and R_dprm equal their sums over completions', ({ tmc, lambda }) => {
  const r = taskRewards(tmc, 0);
  const rho = rhoOf(tmc, 0);
  const lam = new D(lambda);
  expect(prmMismatch(tmc, r.rPrm)).toBeNull();
  for (const x of prefixes(tmc)) {
    const h = conditional(tmc, x, (o) => lam.times(rho(o)).exp());
    const m =
      (x.length === tmc.layers ? mismatch('R_out', x, r.rOut(x), rho(x)) : null) ??
      mismatch('h', x, r.h(x, lam), h) ??
      mismatch('R_dprm', x, r.rDprm(x, lam), h.ln().div(lam));
    expect(m).toBeNull();
  }
});

test('the check fails on the state-valued PRM (shared states)', () => {
  const failed = fc.check(
    fc.property(cases, ({ tmc }) => prmMismatch(tmc, statePrm.rPrm(tmc, 0)) === null),
    { numRuns: 60, seed: 62 },
  ).failed;
  expect(failed).toBe(true);
});
