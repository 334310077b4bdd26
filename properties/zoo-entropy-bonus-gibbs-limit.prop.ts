/**
 * # The entropy bonus keeps every CoT: its limit is the Gibbs distribution `exp(rho/alpha)` (SPEC §9)
 *
 * ## Main statements
 * - theorem `zoo-entropy-bonus-gibbs-limit/entropy-bonus`: on a tree, `pi*(o) ∝ exp(rho(o)/alpha)` over
 *   the CoTs from `s_1` is a fixed point of the exact step, and `KL(pi_t || pi*)` falls along the run.
 *
 * ## Statement
 * `F(pi) = J(pi) + alpha H(pi)` with `H` the CoT entropy; `pi*(o) = exp(rho(o)/alpha)/Z` over every CoT
 * `o` from `s_1` (`rho = 0` off `V`), `Z` its sum. For any path distribution `q`,
 * `F(q) = alpha (ln Z - KL(q || pi*))`, so `pi*` is the unique maximizer. Under H-tree (every path
 * distribution from `s_1` is a tabular softmax policy; `pi*`'s logits are `ln` of subtree sums of
 * `exp(rho/alpha)`, computed here by enumerating paths, not by the rule):
 * 1. fixed point: the exact step from `pi*` moves no logit by more than `1e-25`;
 * 2. Lyapunov: along exact steps from `p`, `KL(pi_t || pi*)` falls strictly at every step `t <= T`
 *    (`T = ceil(20/eta)`), i.e. `F` rises (the step ascends `F`; SPEC §6 asks the same of `J`).
 * Since `KL` is a strict Lyapunov function with `pi*` its only zero, `pi_t -> pi*` and the hard mass
 * tends to `pi*(H) = sum_{o hard} exp(rho(o)/alpha)/Z > 0`: the bonus never squeezes a CoT out, but
 * its floor is exponentially small in `rho* / alpha` (on the paper's TMC, not a tree, the run at
 * `alpha = 0.1` settles near 0.0066).
 *
 * ## Hypotheses
 * - `H-tree` (src/hypotheses.ts). With shared states not every path distribution is a policy, and the
 *   fixed point is not `pi*`.
 *
 * ## Rests on
 * src/methods/entropy-bonus.test.ts (grad H by layer passes equals a finite difference of `H`).
 */
import { tmcArbitrary } from '../src/arbitraries/tmc.ts';
import { taskCots, type TaskCots } from '../src/exact/correctness.ts';
import { coverage } from '../src/exact/metrics.ts';
import { enumeratePaths } from '../src/exact/paths.ts';
import { isTreeFor } from '../src/hypotheses.ts';
import { entropyBonus } from '../src/methods/entropy-bonus.ts';
import { runExact, trainContext, type UpdateRule } from '../src/methods/update-rule.ts';
import { D, ZERO, show, type Dec } from '../src/numeric.ts';
import { policyFromLogits, type Policy } from '../src/policy.ts';
import { cotIndex } from '../src/sampling.ts';
import type { Tmc } from '../src/tmc.ts';
import { stepSize } from '../src/_internals/trajectory.ts';
import { registerLaw } from '../src/theorems/registry.ts';
import type { Law, Theorem } from '../src/theorems/theorem.ts';

export interface GibbsCase {
  readonly tmc: Tmc;
}

const FIXED_POINT_TOLERANCE = new D('1e-25');
/** `eta T`. */
const HORIZON = 20;

/** `exp(rho(o)/alpha)` for every CoT from the start. */
function gibbsWeights(tmc: Tmc, tc: TaskCots, alpha: number): { path: number[]; w: Dec }[] {
  return enumeratePaths(tmc.kernels, tc.task.start).map(({ path }) => {
    const i = cotIndex(tc, path);
    return { path, w: (i >= 0 ? tc.cots[i].rho : ZERO).div(alpha).exp() };
  });
}

/** `pi*` as a policy on a tree: each logit the log of its edge's subtree sum of `exp(rho/alpha)`. */
export function gibbsPolicy(tmc: Tmc, alpha: number): Policy {
  const tc = taskCots(tmc, 0);
  const mass = tmc.kernels.map((k) => k.map((row) => row.map(() => ZERO)));
  for (const { path, w } of gibbsWeights(tmc, tc, alpha)) for (let l = 0; l + 1 < path.length; l++) mass[l][path[l]][path[l + 1]] = mass[l][path[l]][path[l + 1]].plus(w);
  // Rows the task never visits keep the kernel's logits.
  const logits = tmc.kernels.map((k, l) =>
    k.map((row, u) => {
      const visited = mass[l][u].some((m) => m.gt(0));
      return row.map((p, v) => (p.isZero() ? null : visited ? mass[l][u][v].ln() : p.ln()));
    }),
  );
  return policyFromLogits(tmc, logits);
}

/** `KL(pi || pi*)` over the CoTs from the start. */
function klToGibbs(policy: Policy, gibbs: Policy, start: number): Dec {
  const star = new Map(enumeratePaths(gibbs.probs, start).map((a) => [a.path.join(), a.p]));
  return enumeratePaths(policy.probs, start).reduce((kl, a) => kl.plus(a.p.times(a.p.div(star.get(a.path.join())!).ln())), ZERO);
}

function tendsToGibbs(rule: UpdateRule, c: GibbsCase): void {
  const alpha = Number(rule.params.alpha);
  const ctx = trainContext(c.tmc, 0);
  const star = gibbsPolicy(c.tmc, alpha);
  const after = rule.exactStep(star, ctx);
  star.logits.forEach((k, l) =>
    k.forEach((row, u) =>
      row.forEach((x, v) => {
        if (x === null) return;
        const moved = after.logits[l][u][v]!.minus(x);
        if (moved.abs().gt(FIXED_POINT_TOLERANCE)) {
          throw new Error(`1: pi* ∝ exp(rho/alpha) is not a fixed point: logit ${l}:${u}->${v} moves by ${show(moved, 10)}`);
        }
      }),
    ),
  );
  let before = klToGibbs(ctx.base, star, ctx.tc.task.start);
  runExact(rule, ctx, Math.ceil(HORIZON / stepSize(rule)), ctx.base, (t, policy) => {
    const kl = klToGibbs(policy, star, ctx.tc.task.start);
    if (!kl.lt(before)) throw new Error(`2: KL(pi_t || pi*) does not fall at step ${t}: ${show(before, 12)} -> ${show(kl, 12)}`);
    before = kl;
  });
}

export const entropyBonusGibbsLimit: Law<UpdateRule> = {
  claim: 'zoo-entropy-bonus-gibbs-limit',
  kind: 'update-rule',
  appliesTo: (rule) => rule.name === 'entropy-bonus',
  make: (rule): Theorem<GibbsCase> => ({
    id: `zoo-entropy-bonus-gibbs-limit/${rule.name}`,
    claim: 'zoo-entropy-bonus-gibbs-limit',
    statement: `H-tree => pi* ∝ exp(rho/alpha) (alpha = ${rule.params.alpha}) over the CoTs from s_1 is a fixed point of the exact step, and KL(pi_t || pi*) falls at every step t <= ceil(20/eta) from p`,
    hypotheses: [{ id: 'H-tree', description: 'every non-answer state task 1 reaches has one prefix', holds: (c) => isTreeFor(c.tmc, 0) }],
    arbitrary: (without) => tmcArbitrary({ tree: without !== 'H-tree', hardValid: true, maxLayers: 4, maxWidth: 3 }).map((tmc) => ({ tmc })),
    property: (c) => tendsToGibbs(rule, c),
    numRuns: 25,
    classify: (c) => (coverage(gibbsPolicy(c.tmc, Number(rule.params.alpha)), 0).hard.gt(0) ? ['hard mass in the limit'] : []),
    minShares: { 'hard mass in the limit': 0.5 },
  }),
};

// alpha 1/2, eta 2: a quick run where the bonus and the reward are of one size.
registerLaw(entropyBonusGibbsLimit, [entropyBonus({ alpha: 0.5, eta: 2 })]);
