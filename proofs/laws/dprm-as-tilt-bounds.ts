/**
 * # The bounds of the exponential tilt
 *
 * On `pi = tilt(p, rho, lambda)`, by default the closed form `p exp(lambda rho) / Z`,
 * `Z = E_p[exp(lambda rho)]` (the output dprm-as-exactness clause 1 pins the selector to):
 * 2. `F(pi) = E_pi[rho] - KL(pi || p)/lambda = ln Z / lambda >= F(pi')` for `pi' = p`, a point mass
 *    on `M`, `(pi + p)/2` (Gibbs variational principle: `F(pi') = ln Z/lambda - KL(pi' || pi)/lambda`);
 * 3. `pi(o) >= floor = p(o) exp(-lambda (rho* - rho(o)))`, as `Z <= exp(lambda rho*)`;
 * 4. `|pi - p|_1 <= l1 = exp(lambda rho*) - 1`, as `pi/p = exp(lambda rho)/Z` lies in `[exp(-lambda rho*), exp(lambda rho*)]`;
 * 5. `pi(not M) <= offM = exp(-lambda delta) (1 - p(M))/p(M)`, as `Z >= p(M) exp(lambda rho*)`.
 */
import fc from 'fast-check';
import { denseTmcArbitrary } from '../../src/arbitraries/dense.ts';
import { tmcArbitrary } from '../../src/arbitraries/tmc.ts';
import { taskCots } from '../../src/exact/correctness.ts';
import { enumeratePaths } from '../../src/exact/paths.ts';
import { D, ONE, ZERO, compareExact, maxOf, nearlyEqual, show, sum, type Dec } from '../../src/numeric.ts';
import type { Tmc } from '../../src/tmc.ts';

/** The tilt under test and the right-hand sides of clauses 3-5. */
export interface TiltStatement {
  readonly tilt: (p: readonly Dec[], rho: readonly Dec[], lambda: Dec) => Dec[];
  readonly floor: (p: Dec, gap: Dec, lambda: Dec) => Dec;
  readonly l1: (top: Dec, lambda: Dec) => Dec;
  readonly offM: (delta: Dec, pM: Dec, lambda: Dec) => Dec;
}

export const exactTilt: TiltStatement = {
  tilt: (p, rho, lambda) => {
    const tilted = p.map((x, i) => x.times(lambda.times(rho[i]).exp()));
    const Z = sum(tilted);
    return tilted.map((x) => x.div(Z));
  },
  floor: (p, gap, lambda) => p.times(lambda.times(gap).neg().exp()),
  l1: (top, lambda) => lambda.times(top).exp().minus(ONE),
  offM: (delta, pM, lambda) => lambda.times(delta).neg().exp().times(ONE.minus(pM)).div(pM),
};

/** `F(pi') = E_pi'[rho] - KL(pi' || p) / lambda` over CoTs with `p > 0`. */
function objective(pi: readonly Dec[], p: readonly Dec[], rho: readonly Dec[], lambda: Dec): Dec {
  return sum(pi.map((x, i) => (x.isZero() ? ZERO : x.times(rho[i]).minus(x.times(x.div(p[i]).ln()).div(lambda)))));
}

export function dprmAsTiltBounds(statement: TiltStatement = exactTilt): fc.IProperty<[{ tmc: Tmc; lambda: Dec }]> {
  // The registered instances' lambdas (properties/dprm-as-exactness.prop.ts).
  const cases = fc.record({
    tmc: fc.oneof(tmcArbitrary({ maxLayers: 4, maxWidth: 3, tasks: 2, shared: true }), denseTmcArbitrary({ minLayers: 3, maxLayers: 4, maxWidth: 3, tasks: 2 })),
    lambda: fc.constantFrom('1', '0.01', '40', '2').map((x) => new D(x)),
  });
  return fc.property(cases, ({ tmc, lambda }) => {
    const tc = taskCots(tmc, 0);
    const rhoOf = new Map(tc.cots.map((c) => [c.path.join(), c.rho]));
    const cots = enumeratePaths(tmc.kernels, tc.task.start);
    const p = cots.map((c) => c.p);
    const rho = cots.map((c) => rhoOf.get(c.path.join()) ?? ZERO);
    const Z = sum(p.map((x, i) => x.times(lambda.times(rho[i]).exp())));
    const pi = statement.tilt(p, rho, lambda);
    const F = objective(pi, p, rho, lambda);
    if (!nearlyEqual(F, Z.ln().div(lambda))) throw new Error(`2: F(pi) = ${show(F)} but ln Z/lambda = ${show(Z.ln().div(lambda))}`);
    const top = maxOf(rho);
    const iTop = rho.findIndex((r) => compareExact(r, top) === 0);
    const competitors: [string, Dec[]][] = [
      ['p', [...p]],
      [`point mass on ${cots[iTop].path.join('-')}`, p.map((_, i) => (i === iTop ? ONE : ZERO))],
      ['(pi + p)/2', pi.map((x, i) => x.plus(p[i]).div(2))],
    ];
    for (const [name, c] of competitors) {
      const Fc = objective(c, p, rho, lambda);
      if (compareExact(Fc, F) > 0) throw new Error(`2: F(${name}) = ${show(Fc)} > F(pi) = ${show(F)}`);
    }
    cots.forEach((c, i) => {
      if (!rhoOf.has(c.path.join())) return;
      const floor = statement.floor(p[i], top.minus(rho[i]), lambda);
      if (compareExact(pi[i], floor) < 0) throw new Error(`3: pi(${c.path.join('-')}) = ${show(pi[i])} < the floor ${show(floor)}`);
    });
    const l1 = sum(pi.map((x, i) => x.minus(p[i]).abs()));
    const l1Bound = statement.l1(top, lambda);
    if (compareExact(l1, l1Bound) > 0) throw new Error(`4: |pi - p|_1 = ${show(l1)} > ${show(l1Bound)}`);
    const inM = rho.map((r) => compareExact(r, top) === 0);
    const rest = rho.filter((_, i) => !inM[i]);
    if (rest.length === 0) return;
    const pM = sum(p.filter((_, i) => inM[i]));
    const off = sum(pi.filter((_, i) => !inM[i]));
    const bound = statement.offM(top.minus(maxOf(rest)), pM, lambda);
    if (compareExact(off, bound) > 0) throw new Error(`5: pi(not M) = ${show(off)} > ${show(bound)}`);
  });
}
