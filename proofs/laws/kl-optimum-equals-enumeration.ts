/**
 * # The KL optimum's backward pass equals the tilt summed over enumerated CoTs
 *
 * Main statement: on a TMC that is a tree for task 1 (H-tree), for every base policy `p` (the kernel
 * or random logits, so `p` and the `P` that defines `rho` differ) and `beta > 0`, `klOptimum`
 * (src/methods/kl-optimum.ts, a backward pass) gives `pi*(v|u) = m(u v) / m(u)` at every state the
 * start reaches under `p`, where `m` adds `p(o) exp(rho(o)/beta)` over the CoTs from `s_1` through the
 * edge or the state, every CoT listed by `enumeratePaths`; rows the start does not reach keep `p`.
 *
 * Implementation notes: at the working precision (`nearlyEqual`).
 */
import fc from 'fast-check';
import { tmcArbitrary } from '../../src/arbitraries/tmc.ts';
import { taskCots } from '../../src/exact/correctness.ts';
import { enumeratePaths } from '../../src/exact/paths.ts';
import { trainContext } from '../../src/methods/update-rule.ts';
import { D, ZERO, type Dec } from '../../src/numeric.ts';
import { basePolicy, zerosLike } from '../../src/policy.ts';
import { exp } from '../../src/_internals/exp.ts';
import type { Tmc } from '../../src/tmc.ts';
import { expectAllClose } from './cases.ts';
import { quarterLogits, quarterPolicy } from './gibbs-step-maximizes-per-state-objective.ts';
import type { KlOptimum } from './kl-optimum-maximizes-regularized-objective.ts';

export interface KlTreeCase {
  readonly tmc: Tmc;
  /** `beta = betaQuarters / 4`. */
  readonly betaQuarters: number;
  /** Base policy logits in quarter units, `null` for the kernel. */
  readonly base: (number | null)[][][] | null;
}

export function klOptimumEqualsEnumeration(optimum: KlOptimum): fc.IProperty<[KlTreeCase]> {
  const cases = tmcArbitrary({ tree: true }).chain((tmc) =>
    fc.record({ betaQuarters: fc.integer({ min: 1, max: 12 }), base: fc.option(quarterLogits(tmc), { nil: null }) }).map((r) => ({ tmc, ...r })),
  );
  return fc.property(cases, (c) => {
    const base = c.base === null ? basePolicy(c.tmc) : quarterPolicy(c.tmc, c.base);
    const ctx = trainContext(c.tmc, 0, base);
    const beta = new D(c.betaQuarters).div(4);
    const rho = new Map(taskCots(c.tmc, 0).cots.map((o) => [o.path.join(), o.rho]));
    const edgeMass = zerosLike(c.tmc);
    const rowMass: Dec[][] = edgeMass.map((k) => k.map(() => ZERO));
    for (const { path, p } of enumeratePaths(base.probs, c.tmc.tasks[0].start)) {
      const m = p.times(exp((rho.get(path.join()) ?? ZERO).div(beta)));
      for (let l = 0; l + 1 < path.length; l++) {
        edgeMass[l][path[l]][path[l + 1]] = edgeMass[l][path[l]][path[l + 1]].plus(m);
        rowMass[l][path[l]] = rowMass[l][path[l]].plus(m);
      }
    }
    const expected = edgeMass.map((k, l) => k.map((row, u) => (rowMass[l][u].isZero() ? [...base.probs[l][u]] : row.map((m) => m.div(rowMass[l][u])))));
    expectAllClose('pi* (backward pass vs enumerated tilt)', optimum(ctx, c.betaQuarters / 4).probs, expected);
  });
}
