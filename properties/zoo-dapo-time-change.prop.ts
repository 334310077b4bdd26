/**
 * # DAPO is GRPO with a step that grows as the groups saturate (SPEC §9)
 *
 * ## Main statements
 * - theorem `zoo-dapo-time-change/dapo`: at every policy, DAPO's exact step is GRPO's exact step with
 *   `eta` scaled by `s = (1 - (1 - P)^N)/P`, `P = E_Q[1 - c_Q^G - (1 - c_Q)^G]`, `N = maxDraws`.
 *
 * ## Statement
 * For every TMC, task 1, and every tabular softmax policy `pi`: DAPO's logit increment equals
 * `s` times GRPO's (same `G`, same `eta`), with `E_Q[(1 - c_Q)^G] = 1 - pass@G(pi)` (src/exact/metrics.ts)
 * and `E_Q[c_Q^G]` summed over the instances here. No hypothesis. `1 <= s <= N`.
 *
 * ## Verdict
 * DAPO follows GRPO's direction at every policy, so it squeezes like GRPO, with a step between `eta`
 * and `N eta` that tends to `N eta` as the groups become all-correct: on the paper's TMC it squeezes
 * the hard mass to 2e-5 by `t = 300` where GRPO leaves 0.002 (dynamic sampling buys speed, not diversity).
 */
import { casePolicy, policyCaseArbitrary, type PolicyCase } from '../src/arbitraries/policy-case.ts';
import { tmcArbitrary } from '../src/arbitraries/tmc.ts';
import { instances } from '../src/exact/instances.ts';
import { passAtK } from '../src/exact/metrics.ts';
import { pathProbability } from '../src/exact/paths.ts';
import { grpo } from '../src/methods/grpo.ts';
import { dapo } from '../src/methods/dapo.ts';
import { trainContext, type UpdateRule } from '../src/methods/update-rule.ts';
import { D, ONE, ZERO, show } from '../src/numeric.ts';
import { stepSize } from '../src/_internals/trajectory.ts';
import { registerLaw } from '../src/theorems/registry.ts';
import type { Law, Theorem } from '../src/theorems/theorem.ts';

const TOLERANCE = new D('1e-30');

function timeChanged(rule: UpdateRule, c: PolicyCase): void {
  const G = Number(rule.params.group);
  const N = Number(rule.params.maxDraws);
  const policy = casePolicy(c);
  const ctx = trainContext(c.tmc, 0);
  let allCorrect = ZERO;
  for (const q of instances(ctx.tc)) {
    const solved = ctx.tc.cots.reduce((s, o, i) => (q.correct[i] ? s.plus(pathProbability(policy.probs, o.path)) : s), ZERO);
    allCorrect = allCorrect.plus(q.prob.times(solved.pow(G)));
  }
  const P = passAtK(policy, ctx.tc, G).minus(allCorrect);
  const s = P.isZero() ? ZERO : ONE.minus(ONE.minus(P).pow(N)).div(P);
  const ours = rule.exactStep(policy, ctx);
  const theirs = grpo({ eta: stepSize(rule), group: G }).exactStep(policy, ctx);
  policy.logits.forEach((k, l) =>
    k.forEach((row, u) =>
      row.forEach((x, v) => {
        if (x === null) return;
        const moved = ours.logits[l][u][v]!.minus(x);
        const expected = theirs.logits[l][u][v]!.minus(x).times(s);
        if (moved.minus(expected).abs().gt(TOLERANCE)) {
          throw new Error(`logit ${l}:${u}->${v} moves by ${show(moved, 12)}, not s = ${show(s, 8)} times GRPO's ${show(expected.div(s.isZero() ? ONE : s), 12)} (P = ${show(P, 8)})`);
        }
      }),
    ),
  );
}

export const dapoTimeChange: Law<UpdateRule> = {
  claim: 'zoo-dapo-time-change',
  kind: 'update-rule',
  appliesTo: (rule) => rule.name === 'dapo',
  make: (rule): Theorem<PolicyCase> => ({
    id: `zoo-dapo-time-change/${rule.name}`,
    claim: 'zoo-dapo-time-change',
    statement: `at every policy pi, DAPO's exact step (G = ${rule.params.group}, N = ${rule.params.maxDraws}) is GRPO's with eta scaled by (1 - (1 - P)^N)/P, P = E_Q[1 - c_Q^G - (1 - c_Q)^G]`,
    hypotheses: [],
    arbitrary: () => policyCaseArbitrary(tmcArbitrary({ maxLayers: 4, maxWidth: 3, hardValid: true })),
    property: (c) => timeChanged(rule, c),
    numRuns: 25,
  }),
};

registerLaw(dapoTimeChange, [dapo()]);
