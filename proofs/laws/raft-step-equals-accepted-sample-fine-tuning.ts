/**
 * # RAFT's exact step is fine-tuning on accepted samples
 *
 * Main statement: for every task `k` and policy `pi`, RAFT's exact step (src/methods/raft.ts) moves
 * the logits by `eta` times the mean log-likelihood gradient of the accepted CoTs,
 *   `E[grad log pi(o) | o accepted] = sum_{o in V_k} pi(o) rho(o) grad log pi(o) / sum_{o in V_k} pi(o) rho(o)`
 * (`= grad J / J`), summed here over the valid CoTs path by path (`logProbGradient` of each path),
 * independently of the rule's edge-mass aggregation. When `J = 0` nothing is accepted and the step
 * is 0. The normalization by `J` is what tells RAFT from REINFORCE.
 *
 * Implementation notes: at 80 digits; equal within `1e-30`; `eta` is the rule's `params.eta`.
 */
import fc from 'fast-check';
import { taskCots } from '../../src/exact/correctness.ts';
import { pathProbability } from '../../src/exact/paths.ts';
import type { ScoredCot } from '../../src/exact/correctness.ts';
import { trainContext, type UpdateRule } from '../../src/methods/update-rule.ts';
import { sum, type Dec } from '../../src/numeric.ts';
import { addScaled, logProbGradient, zerosLike, type Policy } from '../../src/policy.ts';
import { stepSize } from '../../src/_internals/trajectory.ts';
import { casePolicy, expectAllClose, policyCases, type PolicyCase } from './cases.ts';
import { close, highPrecision, stepDirection } from './finite-difference.ts';

/** `sum_{o in V_k} pi(o) rho(o) grad log pi(o)` path by path, and `J = sum pi(o) rho(o)`. */
export function acceptedScore(policy: Policy, cots: readonly ScoredCot[]): { score: Dec[][][]; J: Dec } {
  const accepted = cots.map((o) => pathProbability(policy.probs, o.path).times(o.rho));
  let score = zerosLike(policy.tmc);
  cots.forEach((o, i) => (score = addScaled(score, logProbGradient(policy, o.path), accepted[i])));
  return { score, J: sum(accepted) };
}

export function raftStepEqualsAcceptedSampleFineTuning(rule: UpdateRule): fc.IProperty<[PolicyCase]> {
  const eta = stepSize(rule);
  return fc.property(policyCases(), (c) =>
    highPrecision(() => {
      const policy = casePolicy(c);
      c.tmc.tasks.forEach((_, k) => {
        const { score, J } = acceptedScore(policy, taskCots(c.tmc, k).cots);
        const mean = J.isZero() ? score : score.map((kernel) => kernel.map((row) => row.map((x) => x.div(J))));
        const moved = stepDirection(policy, rule.exactStep(policy, trainContext(c.tmc, k)), eta);
        expectAllClose(`task ${k} (J = ${J.toSignificantDigits(6)}): step / eta vs mean accepted grad log pi`, moved, mean, close);
      });
    }),
  );
}
