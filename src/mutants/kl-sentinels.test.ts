/**
 * Every KL law fails on a rule that deletes valid CoTs and on one that returns NaN, and each side of
 * each two-sided clause fails on its own sentinel (src/mutants/kl-sentinels.ts); fast-check shrinks
 * each failure to the case written here.
 */
import { expect, test } from 'vitest';
import { grpoKlFixedPoint } from '../../properties/grpo-kl-fixed-point.prop.ts';
import { klGibbsBound, klNoSqueezing, klPreservation, klThresholdTight } from '../../properties/kl-preservation.prop.ts';
import { gibbs } from '../methods/gibbs-step.ts';
import { grpoKl } from '../methods/grpo-kl.ts';
import type { UpdateRule } from '../methods/update-rule.ts';
import { runTheorem } from '../theorems/run.ts';
import type { Law } from '../theorems/theorem.ts';
import type { Tmc } from '../tmc.ts';
import * as m from './kl-sentinels.ts';

const SEED = 1;
const half = ['1/2', '1/2'];
/** The smallest dense TMC: 4 layers, 2 states each, uniform. */
const dense = [[half, half], [half, half], [half, half]];
/** `F(5/8, 4)`, the smallest member of kl-threshold-tight's family. */
const family = [[['5/8', '3/8']], [['3/4', '1/4'], ['1', '0']]];
const fork = [[['1']], [['1/3', '2/3']]];

interface Row {
  readonly clause: string;
  readonly law: Law<UpdateRule>;
  readonly mutant: UpdateRule;
  readonly kernels: unknown;
  readonly error: string;
}

const rows: Row[] = [
  { clause: 'kl-gibbs-bound, upper side / valid CoTs deleted', law: klGibbsBound, mutant: m.deletesValidCots(gibbs()), kernels: dense, error: 'step 1, layer 2, edge 0->1: pi = 1 > p exp((A - min A)/beta) = 0.5' },
  { clause: 'kl-gibbs-bound, upper side / mixed with uniform', law: klGibbsBound, mutant: m.mixedWithUniform(gibbs()), kernels: [[half, half], [half, ['2/3', '1/3']], [half, half]], error: '> p exp((A - min A)/beta)' },
  { clause: 'kl-gibbs-bound, lower side / tilt exp(2A/beta)', law: klGibbsBound, mutant: m.gibbsAtHalfTemperature(), kernels: dense, error: 'step 1, layer 2, edge 0->1: pi = 0.377541 < p exp(-(max A - A)/beta) = 0.3894' },
  { clause: 'kl-gibbs-bound / NaN', law: klGibbsBound, mutant: m.returnsNaN(gibbs()), kernels: dense, error: 'step 1, layer 0, edge 0->0: pi = NaN is not a finite number' },
  { clause: 'kl-preservation / valid CoTs deleted', law: klPreservation, mutant: m.deletesValidCots(gibbs()), kernels: dense, error: 'step 1, layer 2, edge 0->0: pi = 0 keeps 0 of p = 0.5, less than delta = 0.0973501' },
  { clause: 'kl-preservation / NaN', law: klPreservation, mutant: m.returnsNaN(gibbs()), kernels: dense, error: 'pi = NaN is not a finite number' },
  { clause: 'kl-no-squeezing (Gibbs) / valid CoTs deleted', law: klNoSqueezing, mutant: m.deletesValidCots(gibbs()), kernels: dense, error: 'CoT 0-0-0-0 is deleted: pi = 0 at t = 20' },
  { clause: 'kl-no-squeezing (Gibbs) / NaN', law: klNoSqueezing, mutant: m.returnsNaN(gibbs()), kernels: dense, error: 'step 20, layer 0, edge 0->0: pi = NaN' },
  { clause: 'kl-no-squeezing (GRPO-KL) / valid CoTs deleted', law: klNoSqueezing, mutant: m.deletesValidCots(grpoKl({ eta: 4 })), kernels: dense, error: 'CoT 0-0-0-0 is deleted: pi = 0 at t = 6' },
  { clause: 'kl-no-squeezing (Gibbs), upper side / last layer still stepping', law: klNoSqueezing, mutant: m.gibbsTiltingTheLastLayerAgain(), kernels: fork, error: 'CoT 0-0-0: pi = 0.635724 at t = 20, 0.858981 at t = 40 (p(o) = 0.333333) is still rising: pi_4T > 4/3 pi_2T' },
  { clause: 'kl-no-squeezing (GRPO-KL), upper side / KL term dropped', law: klNoSqueezing, mutant: m.grpoKlNamedWithoutKl(), kernels: [[half, half], [half, half], [half, ['0', '1']]], error: 'CoT 0-0-0-0: pi = 0.445298 at t = 20, 0.47743 at t = 40 (p(o) = 0.125) rises above p(o) exp(sqrt(G-1) rho*/beta) = 0.469275' },
  { clause: 'kl-no-squeezing (GRPO-KL) / NaN', law: klNoSqueezing, mutant: m.returnsNaN(grpoKl({ eta: 4 })), kernels: dense, error: 'step 6, layer 0, edge 0->0: pi = NaN' },
  { clause: 'kl-threshold-tight, lower side / tilt exp(2A/beta)', law: klThresholdTight, mutant: m.gibbsAtHalfTemperature(), kernels: family, error: 'keeps 0.395523 of p, below e^(-rho*/beta) = 0.573753 (rho* = 0.555556)' },
  { clause: 'kl-threshold-tight, upper side / mixed with uniform', law: klThresholdTight, mutant: m.mixedWithUniform(gibbs()), kernels: family, error: 'keeps 1.32109 of p, above e^(-rho*/beta)/(1 - 1/n) = 0.765005' },
  { clause: 'kl-threshold-tight / valid CoTs deleted', law: klThresholdTight, mutant: m.deletesValidCots(gibbs()), kernels: family, error: 'keeps 4 of p, above' },
  { clause: 'kl-threshold-tight / NaN', law: klThresholdTight, mutant: m.returnsNaN(gibbs()), kernels: family, error: 'pi = NaN is not a finite number' },
  { clause: 'grpo-kl-fixed-point, floor / valid CoTs deleted', law: grpoKlFixedPoint, mutant: m.deletesValidCots(grpoKl()), kernels: fork, error: 'CoT 0-0-0: pi = 0 below p(o) exp(-sqrt(G-1) rho*/beta) = 0.0236507' },
  { clause: 'grpo-kl-fixed-point, ceiling / valid mass moved to invalid siblings', law: grpoKlFixedPoint, mutant: m.targetEdgeQuartered(grpoKl()), kernels: fork, error: 'CoT 0-0-1: pi = 0.798485 above p(o) exp(sqrt(G-1) rho(o)/beta) = 0.666667' },
  { clause: 'grpo-kl-fixed-point, fixed point / steps with beta/2', law: grpoKlFixedPoint, mutant: m.grpoKlWithHalfBeta(), kernels: fork, error: 'is not a fixed point: the step moves layer 1, edge 0->0 from 0.80606 to 0.852667' },
  { clause: 'grpo-kl-fixed-point / NaN', law: grpoKlFixedPoint, mutant: m.returnsNaN(grpoKl()), kernels: fork, error: 'pi = NaN is not a finite number' },
];

test.each(rows)('$clause', ({ law, mutant, kernels, error }) => {
  const r = runTheorem(law.make(mutant), { seed: SEED });
  expect(r.status).toBe('failed');
  expect((r.counterexample as { tmc: Tmc }).tmc.spec.kernels).toEqual(kernels);
  expect(r.error).toContain(error);
});
