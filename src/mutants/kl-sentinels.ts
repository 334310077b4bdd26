/**
 * # Sentinel KL rules: the failures every KL law must catch (issue 11, item 3)
 *
 * Each keeps the wrapped rule's name and parameters, so every law that applies to the rule applies to
 * the mutant; src/mutants/kl-sentinels.test.ts checks that each law fails on it and what the shrunk
 * witness is.
 * - `deletesValidCots(rule)`: the rule's step with every edge into the target (last layer) removed
 *   where its row has another edge: valid mass gone, which `0 >= 3/4 * 0` let through.
 * - `targetEdgeQuartered(rule)`: the rule's step with each last-layer edge into the target cut to a
 *   quarter, the rest of its row scaled up: valid mass moved to the invalid siblings.
 * - `returnsNaN(rule)`: every logit NaN; NaN fails no comparison, so a law that only compares passes.
 * - `gibbsAtHalfTemperature`: the Gibbs step tilting by `exp(2A/beta)`, too sharp for `beta`.
 * - `mixedWithUniform(rule)`: half the rule's step, half the uniform row: too much mass on edges the
 *   base policy makes rare (the upper sides).
 * - `grpoKlWithHalfBeta`: GRPO-KL declaring `beta` but stepping with `beta / 2` (another fixed point).
 * - `gibbsTiltingTheLastLayerAgain`: the Gibbs step whose last layer keeps stepping from the current
 *   policy: valid CoTs still rising at 4T.
 * - `grpoKlNamedWithoutKl(params)`: GRPO-KL that drops its KL term (plain GRPO), under its own name:
 *   valid mass rises past the fixed point's ceiling.
 */
import { gibbs } from '../methods/gibbs-step.ts';
import { grpoKl, type GrpoKlParams } from '../methods/grpo-kl.ts';
import type { UpdateRule } from '../methods/update-rule.ts';
import { taskValues } from '../exact/values.ts';
import { grpoKlWithoutKl } from './update-rules.ts';
import { D } from '../numeric.ts';
import { policyFromLogits, policyFromProbs, stepLogits, type Policy } from '../policy.ts';

/** `rule` with `edit` applied to the policy each of its steps returns. */
function afterEachStep(rule: UpdateRule, edit: (policy: Policy, target: number) => Policy): UpdateRule {
  return {
    ...rule,
    exactStep: (policy, ctx) => edit(rule.exactStep(policy, ctx), ctx.tc.task.target),
    sampledStep: (policy, ctx, rng) => edit(rule.sampledStep(policy, ctx, rng), ctx.tc.task.target),
  };
}

/** `rule` whose every step also deletes the edges into the task's target, where a row allows it. */
export function deletesValidCots(rule: UpdateRule): UpdateRule {
  const last = (policy: Policy, target: number): Policy => {
    const l = policy.tmc.layers - 2;
    const logits = policy.logits.map((k, i) =>
      i !== l ? k : k.map((row) => (row.some((x, v) => x !== null && v !== target) ? row.map((x, v) => (v === target ? null : x)) : row)),
    );
    return policyFromLogits(policy.tmc, logits);
  };
  return afterEachStep(rule, last);
}

/** `rule` whose every step also cuts each last-layer edge into the target to a quarter, where its row has another edge. */
export function targetEdgeQuartered(rule: UpdateRule): UpdateRule {
  const cut = (policy: Policy, target: number): Policy => {
    const l = policy.tmc.layers - 2;
    const probs = policy.probs.map((k, i) =>
      i !== l
        ? k
        : k.map((row) => {
            const keep = row[target];
            if (keep.isZero() || keep.eq(1)) return row;
            const rest = new D(1).minus(keep.div(4)).div(new D(1).minus(keep));
            return row.map((x, v) => (v === target ? x.div(4) : x.times(rest)));
          }),
    );
    return policyFromProbs(policy.tmc, probs);
  };
  return afterEachStep(rule, cut);
}

/** `rule` whose every step returns NaN logits on the support. */
export function returnsNaN(rule: UpdateRule): UpdateRule {
  const nan = (policy: Policy): Policy =>
    policyFromLogits(policy.tmc, policy.logits.map((k) => k.map((row) => row.map((x) => (x === null ? null : new D(NaN))))));
  return { ...rule, exactStep: (policy) => nan(policy), sampledStep: (policy) => nan(policy) };
}

/** The Gibbs step (`beta = 1`) tilting by `exp(2A/beta)`. */
export function gibbsAtHalfTemperature(): UpdateRule {
  const good = gibbs();
  return { ...good, exactStep: (policy, ctx) => stepLogits(ctx.base, taskValues(policy, ctx.task).A, 2) };
}

/** `rule`'s exact step averaged with the uniform distribution over each row's support. */
export function mixedWithUniform(rule: UpdateRule): UpdateRule {
  return {
    ...rule,
    exactStep: (policy, ctx) => {
      const g = rule.exactStep(policy, ctx);
      const probs = g.probs.map((k) =>
        k.map((row) => {
          const live = row.filter((x) => x.gt(0)).length;
          return row.map((x) => (x.gt(0) ? x.plus(new D(1).div(live)).div(2) : x));
        }),
      );
      return policyFromProbs(g.tmc, probs);
    },
  };
}

/** GRPO-KL that declares `beta` (default 1) and steps with `beta / 2`. */
export function grpoKlWithHalfBeta(params: GrpoKlParams = {}): UpdateRule {
  const declared = grpoKl(params);
  const half = grpoKl({ ...params, beta: (params.beta ?? 1) / 2 });
  return { ...declared, exactStep: half.exactStep, sampledStep: half.sampledStep };
}

/**
 * The Gibbs step (`beta = 1`) whose last layer takes a small mirror step from the current policy,
 * `theta <- theta + A/16`, instead of the Gibbs solution from `p`: the odds of each edge into the target
 * grow every step, so valid CoTs are still rising at 4T (kl-no-squeezing's upper side for the Gibbs step).
 */
export function gibbsTiltingTheLastLayerAgain(): UpdateRule {
  const good = gibbs();
  return {
    ...good,
    exactStep: (policy, ctx) => {
      const last = policy.tmc.layers - 2;
      const A = taskValues(policy, ctx.task).A;
      const logits = good.exactStep(policy, ctx).logits.map((m, l) =>
        l !== last ? m : m.map((row, u) => row.map((x, v) => (x === null ? null : policy.logits[l][u][v]!.plus(A[l][u][v].div(16))))),
      );
      return policyFromLogits(policy.tmc, logits);
    },
  };
}

/** GRPO-KL with its KL term dropped (src/mutants/update-rules.ts) under GRPO-KL's own name, so every law for `grpo-kl` applies. */
export function grpoKlNamedWithoutKl(params: GrpoKlParams = {}): UpdateRule {
  return { ...grpoKlWithoutKl(params), name: 'grpo-kl' };
}
