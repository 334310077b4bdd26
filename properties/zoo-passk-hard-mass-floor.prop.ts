/**
 * # Pass@k training keeps hard mass above the pass@k floor, though pass@k itself may fall (SPEC §9)
 *
 * ## Main statements
 * - theorem `zoo-passk-hard-mass-floor/passk`: under H-pass, along exact pass@k-training steps the
 *   hard-CoT mass stays above `phi` (the floor of rejection-preserves with `n = k - 1`).
 *
 * ## Statement
 * `P_E = Pr_Q(C_Q holds an easy CoT)`, `P_H = Pr_Q(Q hard)`, `phi = 1 - (1 - (pass_k(p) - P_E)/P_H)^(1/k)`.
 * Under H-pass (`phi > 0`), along exact steps from `p` (`T = ceil(160/eta)`):
 * `pi_t(H) >= phi` for every `t <= T`.
 *
 * ## What is not claimed, and why
 * - "pass@k never falls", the ascent that proves the floor for RL-rej and PKPO, is false here: the
 *   weights `(1 - R)/sigma` divide by the group's std, so the expected step is not a positive multiple
 *   of `grad pass_k`, and pass@4 falls on 14 of 93 random TMCs (counterexample
 *   fixtures/counterexamples/zoo-passk--pass-at-k-never-falls.json). The floor is therefore not
 *   derived: it is a checked property (it held on all 93, the least margin 0.19 above `phi`).
 * - On the paper's TMC (where H-pass holds for `k = 4`) the hard mass rises, from 0.154 to 0.220 at
 *   `t = 1000` and 0.241 at 3000.
 *
 * ## Hypotheses
 * - `H-pass` (as in rejection-preserves, with `K = k`).
 */
import { withSecondValidCot } from '../src/arbitraries/second-cot.ts';
import { tmcArbitrary } from '../src/arbitraries/tmc.ts';
import { taskCots } from '../src/exact/correctness.ts';
import { coverage, passAtK } from '../src/exact/metrics.ts';
import { passAtKTraining } from '../src/methods/pass-at-k-training.ts';
import { runExact, trainContext, type UpdateRule } from '../src/methods/update-rule.ts';
import { show } from '../src/numeric.ts';
import type { Tmc } from '../src/tmc.ts';
import { stepSize } from '../src/_internals/trajectory.ts';
import { registerLaw } from '../src/theorems/registry.ts';
import type { Law, Theorem } from '../src/theorems/theorem.ts';
import { hardMassFloor } from './rejection-preserves.prop.ts';

export interface FloorCase {
  readonly tmc: Tmc;
}

const HORIZON = 160;

function floorOf(tmc: Tmc, k: number) {
  const tc = taskCots(tmc, 0);
  return hardMassFloor(tc, passAtK(trainContext(tmc, 0).base, tc, k), k).phi;
}

function keepsFloor(rule: UpdateRule, c: FloorCase): void {
  const k = Number(rule.params.k);
  const ctx = trainContext(c.tmc, 0);
  const phi = floorOf(c.tmc, k);
  if (!phi.gt(0)) throw new Error(`no positive floor for k = ${k}`);
  runExact(rule, ctx, Math.ceil(HORIZON / stepSize(rule)), ctx.base, (t, policy) => {
    const hard = coverage(policy, 0).hard;
    if (hard.lt(phi)) throw new Error(`hard-CoT mass ${show(hard)} at step ${t} is below the floor phi = ${show(phi)}`);
  });
}

export const passkHardMassFloor: Law<UpdateRule> = {
  claim: 'zoo-passk-hard-mass-floor',
  kind: 'update-rule',
  appliesTo: (rule) => rule.name === 'passk',
  make: (rule): Theorem<FloorCase> => {
    const k = Number(rule.params.k);
    return {
      id: `zoo-passk-hard-mass-floor/${rule.name}`,
      claim: 'zoo-passk-hard-mass-floor',
      statement: `H-pass => along exact pass@k-training steps (G = ${rule.params.group}, k = ${k}, T = ceil(160/eta)) the hard-CoT mass stays >= phi = 1 - (1 - (pass_k(p) - P_E)/P_H)^(1/k) > 0`,
      hypotheses: [{ id: 'H-pass', description: `pass@${k} of the base policy exceeds the probability that an instance has an easy correct CoT`, holds: (c) => floorOf(c.tmc, k).gt(0) }],
      arbitrary: (without) => {
        const tmcs = tmcArbitrary({ hardValid: true, minLayers: 3 }).map((tmc) => withSecondValidCot(tmc));
        return (without === 'H-pass' ? tmcs : tmcs.filter((tmc) => floorOf(tmc, k).gt(0))).map((tmc) => ({ tmc }));
      },
      property: (c) => keepsFloor(rule, c),
      numRuns: 20,
    };
  },
};

// eta 4: T = 40 steps.
registerLaw(passkHardMassFloor, [passAtKTraining({ eta: 4 })]);
