/**
 * # PKPO is gradient ascent on pass@k (SPEC §9)
 *
 * ## Main statements
 * - theorem `zoo-pkpo-pass-at-k-ascent/pkpo`: at every policy, PKPO's exact step is
 *   `(eta/G) grad pass_k`, `pass_k(pi) = E_Q[1 - (1 - pi(C_Q))^k]`.
 *
 * ## Statement
 * For every TMC, task 1, and every tabular softmax policy `pi`, PKPO's exact step (group `G`, `k`)
 * moves the logits by `(eta/G) grad pass_k(pi)`, the gradient taken by a central finite difference of
 * the exact pass@k (src/exact/metrics.ts, 80 digits, `h = 1e-20`; independent of the Bernstein sums).
 * No hypothesis.
 *
 * Why. A correct sample weighs `C(G-c, k-1)/C(G, k)` and `E_j C(G-1-j, k-1) = C(G-1, k-1) (1-c)^(k-1)`
 * for `j ~ Bin(G-1, c)` others correct, so `B(c) = (k/G)(1-c)^(k-1)` and the step is
 * `eta E_Q[(k/G)(1 - c_Q)^(k-1) grad c_Q] = (eta/G) grad pass_k`. With the current-policy filter RL-rej
 * with `n = k - 1` steps `(eta/k) grad pass_k` (properties/rejection-preserves.prop.ts): PKPO is RL-rej
 * with the step scaled by `k/G`.
 *
 * ## Verdict
 * PKPO keeps hard mass (properties/zoo-pkpo-keeps-hard-mass.prop.ts).
 *
 * ## Rests on
 * proofs/pass-at-k-agrees-with-sampling (the exact pass@k).
 */
import { casePolicy, policyCaseArbitrary, type PolicyCase } from '../src/arbitraries/policy-case.ts';
import { tmcArbitrary } from '../src/arbitraries/tmc.ts';
import { taskCots } from '../src/exact/correctness.ts';
import { passAtK } from '../src/exact/metrics.ts';
import { pkpo } from '../src/methods/pkpo.ts';
import { trainContext, type UpdateRule } from '../src/methods/update-rule.ts';
import { D, show } from '../src/numeric.ts';
import { stepSize } from '../src/_internals/trajectory.ts';
import { registerLaw } from '../src/theorems/registry.ts';
import type { Law, Theorem } from '../src/theorems/theorem.ts';
import { centralDifference, close, highPrecision } from '../proofs/laws/finite-difference.ts';

function ascends(rule: UpdateRule, c: PolicyCase): void {
  highPrecision(() => {
    const G = Number(rule.params.group);
    const k = Number(rule.params.k);
    const policy = casePolicy(c);
    const tc = taskCots(c.tmc, 0);
    const next = rule.exactStep(policy, trainContext(c.tmc, 0));
    const grad = centralDifference(policy, (p) => passAtK(p, tc, k));
    const scale = new D(stepSize(rule)).div(G);
    policy.logits.forEach((kernel, l) =>
      kernel.forEach((row, u) =>
        row.forEach((x, v) => {
          if (x === null) return;
          const moved = next.logits[l][u][v]!.minus(x);
          const expected = scale.times(grad[l][u][v]);
          if (!close(moved, expected)) {
            throw new Error(`logit ${l}:${u}->${v} moves by ${show(moved, 12)}, not (eta/G) d pass@${k} = ${show(expected, 12)}`);
          }
        }),
      ),
    );
  });
}

export const pkpoPassAtKAscent: Law<UpdateRule> = {
  claim: 'zoo-pkpo-pass-at-k-ascent',
  kind: 'update-rule',
  appliesTo: (rule) => rule.name === 'pkpo',
  make: (rule): Theorem<PolicyCase> => ({
    id: `zoo-pkpo-pass-at-k-ascent/${rule.name}`,
    claim: 'zoo-pkpo-pass-at-k-ascent',
    statement: `at every policy pi, the exact step of PKPO (G = ${rule.params.group}, k = ${rule.params.k}) moves the logits by (eta/G) grad pass@k(pi) (finite difference of the exact pass@k)`,
    hypotheses: [],
    arbitrary: () => policyCaseArbitrary(tmcArbitrary({ maxLayers: 3, maxWidth: 3, hardValid: true })),
    property: (c) => ascends(rule, c),
    numRuns: 25,
  }),
};

registerLaw(pkpoPassAtKAscent, [pkpo()]);
