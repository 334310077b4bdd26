/**
 * # REINFORCE's exact step is the score weighted over enumerated valid CoTs
 *
 * Main statement: for every task `k` and policy `pi`, REINFORCE's exact step (src/methods/reinforce.ts,
 * by layer passes) moves the logits by `eta` times
 *   `grad J = sum_{o in V_k} pi(o) rho(o) grad log pi(o)`,
 * summed here path by path over the listed valid CoTs (`logProbGradient` of each), the definition
 * the passes replace.
 *
 * Implementation notes: at 80 digits; equal within `1e-30`; `eta` is the rule's `params.eta`.
 */
import fc from 'fast-check';
import { taskCots } from '../../src/exact/correctness.ts';
import { trainContext, type UpdateRule } from '../../src/methods/update-rule.ts';
import { stepSize } from '../../src/_internals/trajectory.ts';
import { casePolicy, expectAllClose, policyCases, type PolicyCase } from './cases.ts';
import { close, highPrecision, stepDirection } from './finite-difference.ts';
import { acceptedScore } from './raft-step-equals-accepted-sample-fine-tuning.ts';

export function reinforceStepEqualsEnumeratedWeightedScore(rule: UpdateRule): fc.IProperty<[PolicyCase]> {
  const eta = stepSize(rule);
  return fc.property(policyCases(), (c) =>
    highPrecision(() => {
      const policy = casePolicy(c);
      c.tmc.tasks.forEach((_, k) => {
        const { score } = acceptedScore(policy, taskCots(c.tmc, k).cots);
        const moved = stepDirection(policy, rule.exactStep(policy, trainContext(c.tmc, k)), eta);
        expectAllClose(`task ${k}: step / eta vs sum over V of pi rho grad log pi`, moved, score, close);
      });
    }),
  );
}
