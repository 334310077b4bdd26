/**
 * # The tilted policy maximizes `J - beta KL(pi || p)` on tree TMCs
 *
 * Main statement: on a TMC that is a tree for task 1 (H-tree), the Markov policy `pi*` of
 * src/methods/kl-optimum.ts, `pi*(o) ∝ p(o) exp(rho(o)/beta)`, maximizes
 * `G(pi) = J(pi) - beta KL(pi || p)` (KL over CoTs from `s_1`). Checked three ways:
 * - value: `G(pi*) = beta ln E_p[exp(rho/beta)]` (the Gibbs variational principle's optimum);
 * - first-order condition: `grad J(pi*) - beta grad KL(pi* || p) = 0` on every logit (`grad J` by
 *   the layer passes of src/exact/values.ts, `grad KL` by src/methods/sequence-kl.ts; this also
 *   checks the KL gradient GRPO-KL uses);
 * - no competitor Markov policy (random logits) has a larger `G`.
 *
 * Implementation notes: at 40 digits, tolerance `1e-30`.
 */
import fc from 'fast-check';
import { tmcArbitrary } from '../../src/arbitraries/tmc.ts';
import { taskValues } from '../../src/exact/values.ts';
import { optimalRegularizedValue, regularizedObjective } from '../../src/methods/kl-optimum.ts';
import { sequenceKl } from '../../src/methods/sequence-kl.ts';
import { trainContext, type TrainContext } from '../../src/methods/update-rule.ts';
import { D } from '../../src/numeric.ts';
import type { Policy } from '../../src/policy.ts';
import type { Tmc } from '../../src/tmc.ts';
import { quarterLogits, quarterPolicy } from './gibbs-step-maximizes-per-state-objective.ts';

/** An implementation of the sequence-level optimum under test. */
export type KlOptimum = (ctx: TrainContext, beta: number) => Policy;

const TOLERANCE = new D('1e-30');

export interface KlOptimumCase {
  readonly tmc: Tmc;
  /** `beta = betaQuarters / 4`. */
  readonly betaQuarters: number;
  readonly competitor: (number | null)[][][];
}

export function klOptimumCases(): fc.Arbitrary<KlOptimumCase> {
  return tmcArbitrary({ tree: true }).chain((tmc) =>
    fc.record({ betaQuarters: fc.integer({ min: 1, max: 12 }), competitor: quarterLogits(tmc) }).map((r) => ({ tmc, ...r })),
  );
}

export function klOptimumMaximizesRegularizedObjective(optimum: KlOptimum): fc.IProperty<[KlOptimumCase]> {
  return fc.property(klOptimumCases(), (c) => {
    const ctx = trainContext(c.tmc, 0);
    const beta = c.betaQuarters / 4;
    const star = optimum(ctx, beta);
    const value = regularizedObjective(star, ctx, beta);
    const best = optimalRegularizedValue(ctx, beta);
    if (value.minus(best).abs().gt(TOLERANCE)) throw new Error(`G(pi*) = ${value.toSignificantDigits(15)}, optimum ${best.toSignificantDigits(15)}`);
    const gradJ = taskValues(star, 0).grad;
    const gradKl = sequenceKl(star, ctx.base, ctx.tc.task.start).grad;
    gradJ.forEach((k, l) =>
      k.forEach((row, u) =>
        row.forEach((g, v) => {
          const r = g.minus(gradKl[l][u][v].times(beta));
          if (r.abs().gt(TOLERANCE)) throw new Error(`first-order condition fails at logit ${l}/${u}/${v}: dG = ${r.toSignificantDigits(12)}`);
        }),
      ),
    );
    const rival = regularizedObjective(quarterPolicy(c.tmc, c.competitor), ctx, beta);
    if (rival.minus(value).gt(TOLERANCE)) throw new Error(`a competitor has G = ${rival.toSignificantDigits(15)} > ${value.toSignificantDigits(15)}`);
  });
}
