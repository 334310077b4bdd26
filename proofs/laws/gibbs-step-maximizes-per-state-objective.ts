/**
 * # The Gibbs step maximizes the per-state KL-regularized objective
 *
 * Main statement: for every policy `pi`, `beta > 0` and state `u`, the Gibbs step
 * `pi'(v|u) = p(v|u) exp(A(u,v)/beta) / Z(u)` (src/methods/gibbs-step.ts) maximizes
 *   `F_u(q) = sum_v q(v) A(u,v) - beta KL(q || p(.|u))`
 * over distributions `q` on the row's support, `A` the advantages of task 1 under `pi`.
 * Checked two ways on every row: the first-order condition (stationarity on the simplex: the
 * marginal gain `A(u,v) - beta ln(q(v)/p(v|u))` is the same on every support edge; `F_u` is strictly
 * concave, so this characterizes the maximizer), and no competitor row (random logits) scores higher.
 *
 * Implementation notes: at 40 digits; "the same" is equality within `1e-30`; unvisited states have
 * `A = 0`, where the maximizer is `p` itself.
 */
import fc from 'fast-check';
import { taskValues } from '../../src/exact/values.ts';
import { trainContext, type TrainContext } from '../../src/methods/update-rule.ts';
import { D, ZERO, sum, type Dec } from '../../src/numeric.ts';
import { policyFromLogits, type Policy } from '../../src/policy.ts';
import type { Tmc } from '../../src/tmc.ts';
import { casePolicy, policyCases, type PolicyCase } from './cases.ts';

/** A Gibbs-step implementation under test. */
export type GibbsStep = (policy: Policy, ctx: TrainContext, beta: number) => Policy;

const TOLERANCE = new D('1e-30');

export interface GibbsCase extends PolicyCase {
  /** `beta = betaQuarters / 4`. */
  readonly betaQuarters: number;
  /** Competitor logits in quarter units, kernel-shaped (`null` off the support). */
  readonly competitor: (number | null)[][][];
}

/** Kernel-shaped quarter logits on the support of `tmc`. */
export function quarterLogits(tmc: Tmc): fc.Arbitrary<(number | null)[][][]> {
  const n = tmc.kernels.reduce((a, k) => a + k.length * k[0].length, 0);
  return fc.array(fc.integer({ min: -8, max: 8 }), { minLength: n, maxLength: n }).map((raw) => {
    let i = 0;
    return tmc.kernels.map((k) => k.map((row) => row.map((p) => (p.gt(0) ? raw[i++] : (i++, null)))));
  });
}

/** The policy with quarter logits `q`. */
export function quarterPolicy(tmc: Tmc, q: (number | null)[][][]): Policy {
  return policyFromLogits(tmc, q.map((k) => k.map((row) => row.map((x) => (x === null ? null : new D(x).div(4))))));
}

export function gibbsCases(): fc.Arbitrary<GibbsCase> {
  return policyCases().chain((c) =>
    fc.record({ betaQuarters: fc.integer({ min: 1, max: 12 }), competitor: quarterLogits(c.tmc) }).map((r) => ({ ...c, ...r })),
  );
}

/** `F_u(q) = sum_v q_v A_v - beta sum_v q_v ln(q_v / p_v)` over the support. */
function rowObjective(q: readonly Dec[], A: readonly Dec[], p: readonly Dec[], beta: Dec): Dec {
  return sum(q.map((x, v) => (p[v].isZero() || x.isZero() ? ZERO : x.times(A[v]).minus(beta.times(x).times(x.div(p[v]).ln())))));
}

export function gibbsStepMaximizesPerStateObjective(step: GibbsStep): fc.IProperty<[GibbsCase]> {
  return fc.property(gibbsCases(), (c) => {
    const ctx = trainContext(c.tmc, 0);
    const policy = casePolicy(c);
    const beta = new D(c.betaQuarters).div(4);
    const next = step(policy, ctx, c.betaQuarters / 4);
    const { A } = taskValues(policy, 0);
    const rival = quarterPolicy(c.tmc, c.competitor);
    next.probs.forEach((k, l) =>
      k.forEach((row, u) => {
        const p = ctx.base.probs[l][u];
        const gains = row.flatMap((x, v) => {
          if (p[v].isZero()) return [];
          if (!x.gt(0)) throw new Error(`row ${l}/${u}: pi'(${v}) = ${x} on a support edge (the maximizer is interior)`);
          return [A[l][u][v].minus(beta.times(x.div(p[v]).ln()))];
        });
        gains.forEach((g) => {
          if (g.minus(gains[0]).abs().gt(TOLERANCE)) {
            throw new Error(`row ${l}/${u}: first-order condition fails, A - beta ln(pi'/p) = ${gains.map((x) => x.toSignificantDigits(12)).join(', ')}`);
          }
        });
        const ours = rowObjective(row, A[l][u], p, beta);
        const theirs = rowObjective(rival.probs[l][u], A[l][u], p, beta);
        if (theirs.minus(ours).gt(TOLERANCE)) {
          throw new Error(`row ${l}/${u}: a competitor scores ${theirs.toSignificantDigits(12)} > ${ours.toSignificantDigits(12)}`);
        }
      }),
    );
  });
}
