/**
 * # RLOO, Dr. GRPO, PSR, NSR and W-REINFORCE are REINFORCE with a rescaled step (SPEC §8, §9)
 *
 * ## Main statements
 * - law `zoo-rescaled-reinforce` (the rules of `REINFORCE_SCALE`), theorem
 *   `zoo-rescaled-reinforce/<rule>`: at every policy, the rule's exact step is `eta kappa grad J`.
 *
 * ## Statement
 * For every TMC, task 1, and every tabular softmax policy `pi`, the exact step of the rule from `pi`
 * moves the logits by `eta kappa grad J(pi)`, `grad J` by layer passes (`d(u) pi(v|u) A(u,v)`,
 * src/exact/values.ts, independent of the rules' Bernstein sums), with
 * `kappa = 1` (RLOO, PSR, NSR), `(G-1)/G` (Dr. GRPO), `1 + lambda` (W-REINFORCE). No hypothesis.
 *
 * Why. A per-sample weight `a(r_i, j)` (`j` the other samples' count of 1s) gives the exact step
 * `eta sum_o pi(o) w(o) grad log pi(o)`, `w(o) = E_Q[R_Q(o) B(pi(C_Q))]`, `B` the Bernstein polynomial
 * of `beta_j = a(1, j + 1) - a(0, j)` (src/methods/group-rule.ts). These rules have constant
 * `beta_j = kappa`, so `w = kappa rho` and the step is `eta kappa grad J`: a leave-one-out baseline
 * changes nothing in expectation (RLOO's `kappa` is 1, not `G/(G-1)`: RLOO's advantage is
 * `G/(G-1)` times Dr. GRPO's, whose `kappa` is `(G-1)/G`).
 *
 * ## Verdict
 * Each squeezes, at REINFORCE's rate with the step `kappa eta`: its exact dynamics are REINFORCE's
 * (squeezing/reinforce, SPEC §8: `t pi_t(o) -> 1/(kappa eta (n_u + 1) Delta_{u,v})` for a single
 * deviation). Their sampled runs differ (README, "The RLVR zoo"); their expectations do not.
 *
 * ## Rests on
 * proofs/layer-passes-equal-path-enumeration and proofs/policy-gradient-equals-finite-difference
 * (the layer-pass `grad J`).
 */
import { policyCaseArbitrary, casePolicy, type PolicyCase } from '../src/arbitraries/policy-case.ts';
import { tmcArbitrary } from '../src/arbitraries/tmc.ts';
import { taskValues } from '../src/exact/values.ts';
import { ruleByName } from '../src/methods/index.ts';
import { trainContext, type UpdateRule } from '../src/methods/update-rule.ts';
import { D, show, type Dec } from '../src/numeric.ts';
import { stepSize } from '../src/_internals/trajectory.ts';
import { registerLaw } from '../src/theorems/registry.ts';
import type { Law, Theorem } from '../src/theorems/theorem.ts';

/** `kappa` of each rule that is REINFORCE in expectation, from its parameters. */
export const REINFORCE_SCALE: Readonly<Record<string, (params: UpdateRule['params']) => Dec>> = {
  rloo: () => new D(1),
  'dr-grpo': (p) => new D(Number(p.group) - 1).div(Number(p.group)),
  psr: () => new D(1),
  nsr: () => new D(1),
  'w-reinforce': (p) => new D(1).plus(Number(p.lambda)),
};

/** Absolute tolerance at 40 digits: the Bernstein sums over `2^G` vectors lose a few digits. */
const TOLERANCE = new D('1e-30');

function rescaled(rule: UpdateRule, c: PolicyCase): void {
  const policy = casePolicy(c);
  const ctx = trainContext(c.tmc, 0);
  const kappa = REINFORCE_SCALE[rule.name](rule.params);
  const eta = new D(stepSize(rule));
  const next = rule.exactStep(policy, ctx);
  const grad = taskValues(policy, 0).grad;
  policy.logits.forEach((k, l) =>
    k.forEach((row, u) =>
      row.forEach((x, v) => {
        if (x === null) return;
        const moved = next.logits[l][u][v]!.minus(x);
        const expected = eta.times(kappa).times(grad[l][u][v]);
        if (moved.minus(expected).abs().gt(TOLERANCE)) {
          throw new Error(
            `logit ${l}:${u}->${v} moves by ${show(moved, 12)}, not eta kappa dJ = ${show(expected, 12)} (kappa ${show(kappa)}, dJ ${show(grad[l][u][v], 12)})`,
          );
        }
      }),
    ),
  );
}

export const rescaledReinforce: Law<UpdateRule> = {
  claim: 'zoo-rescaled-reinforce',
  kind: 'update-rule',
  appliesTo: (rule) => rule.name in REINFORCE_SCALE,
  make: (rule): Theorem<PolicyCase> => ({
    id: `zoo-rescaled-reinforce/${rule.name}`,
    claim: 'zoo-rescaled-reinforce',
    statement: `at every policy pi, the exact step of ${rule.name} moves the logits by eta kappa grad J(pi) (layer passes), kappa = ${show(REINFORCE_SCALE[rule.name](rule.params))}`,
    hypotheses: [],
    arbitrary: () => policyCaseArbitrary(tmcArbitrary({ maxLayers: 4, maxWidth: 3 })),
    property: (c) => rescaled(rule, c),
    numRuns: 25,
    classify: (c) => (taskValues(casePolicy(c), 0).J.isZero() ? ['no valid CoT'] : ['a valid CoT']),
    minShares: { 'a valid CoT': 0.3 },
  }),
};

registerLaw(rescaledReinforce, Object.keys(REINFORCE_SCALE).map((name) => ruleByName(name)));
