/**
 * Each KL proof law fails on its sentinel mutant (src/mutants/kl.ts) with a fixed seed, and
 * fast-check shrinks the failure to the smallest case that shows the bug (written out below).
 */
import fc from 'fast-check';
import { gibbsStepMaximizesPerStateObjective } from '../../proofs/laws/gibbs-step-maximizes-per-state-objective.ts';
import { klOptimumEqualsEnumeration } from '../../proofs/laws/kl-optimum-equals-enumeration.ts';
import { klOptimumMaximizesRegularizedObjective } from '../../proofs/laws/kl-optimum-maximizes-regularized-objective.ts';
import { sampledStepMeanConvergesToExactStep } from '../../proofs/laws/sampled-step-mean-converges-to-exact-step.ts';
import type { Tmc } from '../tmc.ts';
import { describeSentinels, task, type Sentinel } from './_internals/sentinels.ts';
import * as mutant from './kl.ts';

const SEED = 1;



const sentinels: Record<string, Sentinel> = {
  'gibbs-step-maximizes-per-state-objective / tilt by exp(-A/beta)': {
    property: () => gibbsStepMaximizesPerStateObjective(mutant.gibbsStepNegatedAdvantage),
    witness: { kernels: [[['2/3', '1/3']]], tasks: [task('task1', 0, 0), task('task2', 0, 0)] },
    caseFields: { logits: null, betaQuarters: 1 },
    error: "row 0/0: first-order condition fails, A - beta ln(pi'/p) = 1.0676743361, -0.932325663897",
  },
  'kl-optimum-maximizes-regularized-objective / beta dropped from the tilt': {
    property: () => klOptimumMaximizesRegularizedObjective(mutant.klOptimumWithoutBeta),
    witness: { kernels: [[['1/2', '1/2']]], tasks: [task('task1', 0, 0)] },
    caseFields: { betaQuarters: 1 },
    error: 'G(pi*) = 0.703322560712073, optimum 0.831250686839466',
  },
  'kl-optimum-equals-enumeration / rho taken from the base policy': {
    property: () => klOptimumEqualsEnumeration(mutant.klOptimumRhoFromBase),
    // Two CoTs 000, 010 with rho 2/3, 1/3; a uniform base gives both rho 1/2, so no tilt.
    witness: { kernels: [[['2/3', '1/3']], [['1'], ['1']]], tasks: [task('task1', 0, 0)] },
    caseFields: { betaQuarters: 1, base: [[[0, 0]], [[0], [0]]] },
    error: 'pi* (backward pass vs enumerated tilt)[0][0][0]: 0.5 vs 0.7913914726739550600338199936243181007005',
  },
  'sampled-step-mean-converges-to-exact-step / sampled Gibbs step negates Ahat (200 draws)': {
    property: () => sampledStepMeanConvergesToExactStep(mutant.gibbsSampledNegatedAdvantage(), 200) as fc.IProperty<[{ tmc: Tmc }]>,
    witness: { kernels: [[['1/2', '1/2']]], tasks: [task('task1', 0, 1)] },
    caseFields: { logits: null, seed: 0 },
    error: 'logit 0/0/0: mean of 200 sampled increments 0.495000, exact -0.500000, gap 0.9950 > bound 0.2929',
  },
};

describeSentinels('each KL proof law fails on its sentinel mutant and shrinks to a one- or two-kernel TMC', sentinels, SEED);
