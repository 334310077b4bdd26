/**
 * # Rejecting solved instances preserves hard CoTs (SPEC §6, claim 4)
 *
 * ## Main statements
 * - law `rejection-preserves` (every update rule of family `rejection` declaring `params.n`), theorem
 *   `rejection-preserves/<rule>`: along exact steps from the base policy, pass@(n+1) never falls, and
 *   the hard-CoT mass never drops below an explicit floor `phi > 0`.
 *
 * ## Statement
 * RL-rej skips an instance that `n` samples of the reference policy solve; with the current policy
 * as reference its effective reward is `w_pi(o) = E_Q[(1 - pi(C_Q))^n R_Q(o)]`. With `K = n + 1`,
 * `pass_K(pi) = E_Q[1 - (1 - pi(C_Q))^K]` has `d pass_K / d pi(o) = K w_pi(o)`, so the exact step
 * `theta += eta sum_o pi(o) w_pi(o) grad log pi(o)` is `theta += (eta/K) grad_theta pass_K`: RL-rej with
 * the current-policy filter is gradient ascent on pass@(n+1) (the filter is not differentiated, and
 * need not be). Let `H` be the task's hard valid CoTs, `P_E = Pr_Q(C_Q holds an easy CoT)`,
 * `P_H = Pr_Q(Q hard)`. On a hard instance only hard CoTs succeed, so
 * `pass_K(pi) <= P_E + P_H (1 - (1 - pi(H))^K)` for every `pi`. Under H-pass, with exact steps
 * `pi_0 = p, ..., pi_T` (`T = ceil(160 / eta)`):
 * 1. ascent: `pass_K(pi_{t+1}) >= pass_K(pi_t)` for every `t < T`;
 * 2. floor: `pi_t(H) >= phi := 1 - (1 - (pass_K(p) - P_E) / P_H)^(1/K) > 0` for every `t <= T`
 *    (2 follows from 1 and the bound; both are checked).
 * Since the ascent holds at every step, the floor holds for the whole run, not just the horizon.
 *
 * ## Hypotheses
 * - `H-pass`: `pass_{n+1}(p) > P_E`, the base policy's n+1 tries already solve more instances than
 *   the easy CoTs alone could; exactly what makes `phi > 0`.
 *   It implies a hard valid CoT. It holds on the paper's TMC for `n = 5` (`phi = 0.0023`), fails there
 *   for `n = 1`. No tree hypothesis: the ascent identity holds on any TMC.
 *
 * ## Which hard CoTs, and the false versions
 * - The floor is on the total hard mass; nothing is promised for a single hard CoT. One keeps mass in
 *   the limit iff it is in the support of the pass@(n+1)-optimal policy, which the optimality
 *   conditions guarantee when `Pr_Q(C_Q = {o}) > n^n / (n+1)^(n+1)`.
 * - Without H-pass the floor is not positive (witness: `tmc necessity` finds such a TMC at once); the
 *   ascent (1) holds regardless.
 * - REINFORCE ascends `J` instead and squeezes onto `argmax rho` (claim 1): when that CoT is easy,
 *   its hard mass tends to 0 (properties/squeezing.prop.ts).
 * - The base-policy filter has a fixed reward `E_Q[(1 - p(C_Q))^n R_Q(o)]`: REINFORCE on a reweighted
 *   `rho`, which squeezes too. On the paper's TMC (fixtures/paper-tmc.json, task 1, `n = 5`,
 *   `eta = 4`) pass@6 falls from step 22 on and the hard mass goes to 0; the test of the sentinel
 *   rules keeps this counterexample (src/mutants/update-rules.test.ts).
 *
 * ## Rests on
 * proofs/instance-distribution-has-marginals-rho (the instances), proofs/pass-at-k-agrees-with-sampling
 * (pass@K), proofs/sampled-step-mean-converges-to-exact-step (RL-rej's exact step is the expected
 * update of the algorithm), proofs/rl-rej-step-ascends-pass-at-n-plus-1 (the exact step is
 * `(eta/K) grad pass_K`, the chain rule above, checked against a finite difference).
 */
import fc from 'fast-check';
import { withSecondValidCot } from '../src/arbitraries/second-cot.ts';
import { tmcArbitrary } from '../src/arbitraries/tmc.ts';
import { leaderAndRunnerUp } from '../src/arbitraries/rho-gap.ts';
import { taskCots, type TaskCots } from '../src/exact/correctness.ts';
import { instances } from '../src/exact/instances.ts';
import { coverage, passAtK } from '../src/exact/metrics.ts';
import { isTreeFor } from '../src/hypotheses.ts';
import { runExact, trainContext, type UpdateRule } from '../src/methods/update-rule.ts';
import { ONE, ZERO, show, type Dec } from '../src/numeric.ts';
import type { Tmc } from '../src/tmc.ts';
import { stepSize } from '../src/_internals/trajectory.ts';
import { registerLaw } from '../src/theorems/registry.ts';
import type { Law, Theorem } from '../src/theorems/theorem.ts';
import { builtinRules } from '../src/methods/index.ts';

export interface RejectionCase {
  readonly tmc: Tmc;
}

/** `eta T`: the length of the run in units of the step size. */
const HORIZON = 160;

/** The number of tries `n` of a rejection rule (`params.n`). */
export function rejectionTries(rule: UpdateRule): number {
  const n = rule.params.n;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new RangeError(`rule ${rule.name} declares no integer params.n >= 1`);
  return n;
}

/** `P_E`, `P_H` and the floor `phi` for `K` tries from the base policy (`phi <= 0` when vacuous). */
export function hardMassFloor(tc: TaskCots, basePass: Dec, K: number): { pEasy: Dec; pHard: Dec; phi: Dec } {
  let pEasy = ZERO;
  let pHard = ZERO;
  for (const q of instances(tc)) {
    if (q.hard) pHard = pHard.plus(q.prob);
    else if (tc.cots.some((c, i) => q.correct[i] && c.kind === 'easy')) pEasy = pEasy.plus(q.prob);
  }
  if (pHard.isZero()) return { pEasy, pHard, phi: ZERO };
  const slack = basePass.minus(pEasy).div(pHard);
  const phi = slack.lte(0) ? slack : ONE.minus(ONE.minus(slack).pow(ONE.div(K)));
  return { pEasy, pHard, phi };
}

const K_OF_CASE = 6;

function passSlack(tmc: Tmc, K: number): boolean {
  const tc = taskCots(tmc, 0);
  return hardMassFloor(tc, passAtK(trainContext(tmc, 0).base, tc, K), K).phi.gt(0);
}

function preserves(rule: UpdateRule, c: RejectionCase): void {
  const K = rejectionTries(rule) + 1;
  const ctx = trainContext(c.tmc, 0);
  const start = passAtK(ctx.base, ctx.tc, K);
  const { phi } = hardMassFloor(ctx.tc, start, K);
  if (!phi.gt(0)) throw new Error(`no positive floor: pass@${K}(p) = ${show(start)} does not exceed Pr(C_Q holds an easy CoT)`);
  let before = start;
  runExact(rule, ctx, Math.ceil(HORIZON / stepSize(rule)), ctx.base, (t, policy) => {
    const pass = passAtK(policy, ctx.tc, K);
    if (pass.lt(before)) throw new Error(`pass@${K} falls at step ${t}: ${show(before, 10)} -> ${show(pass, 10)}`);
    const hard = coverage(policy, 0).hard;
    if (hard.lt(phi)) throw new Error(`hard-CoT mass ${show(hard)} at step ${t} is below the floor phi = ${show(phi)}`);
    before = pass;
  });
}

export const rejectionPreserves: Law<UpdateRule> = {
  claim: 'rejection-preserves',
  kind: 'update-rule',
  appliesTo: (rule) => rule.family === 'rejection' && typeof rule.params.n === 'number',
  make: (rule): Theorem<RejectionCase> => {
    const K = typeof rule.params.n === 'number' ? rule.params.n + 1 : K_OF_CASE;
    return {
      id: `rejection-preserves/${rule.name}`,
      claim: 'rejection-preserves',
      statement:
        'H-pass => along exact steps from p (T = ceil(160/eta)), pass@(n+1) never falls and the hard-CoT mass stays >= ' +
        'phi = 1 - (1 - (pass_{n+1}(p) - P_E)/P_H)^(1/(n+1)) > 0',
      hypotheses: [
        {
          id: 'H-pass',
          description: `pass@${K} of the base policy exceeds the probability that an instance has an easy correct CoT`,
          holds: (c) => passSlack(c.tmc, K),
        },
      ],
      arbitrary: (without) => {
        const tmcs = tmcArbitrary({ hardValid: true, minLayers: 3 }).map((tmc) => withSecondValidCot(tmc));
        return (without === 'H-pass' ? tmcs : tmcs.filter((tmc) => passSlack(tmc, K))).map((tmc) => ({ tmc }));
      },
      property: (c) => preserves(rule, c),
      numRuns: 20,
      classify: (c) => {
        const tc = taskCots(c.tmc, 0);
        return [
          ...(tc.cots.some((o) => o.kind === 'easy') ? ['easy valid CoT too'] : []),
          ...(leaderAndRunnerUp(tc).leader.kind === 'easy' ? ['easy leader (REINFORCE squeezes the hard mass)'] : []),
          ...(tc.cots.length >= 3 ? ['3+ valid CoTs'] : []),
          ...(isTreeFor(c.tmc, 0) ? [] : ['shared state']),
        ];
      },
      // Met in about 50% and 45% of the cases: 20 runs fall below these with probability < 1e-4.
      minShares: { 'easy valid CoT too': 0.1, 'easy leader (REINFORCE squeezes the hard mass)': 0.05 },
    };
  },
};

registerLaw(rejectionPreserves, builtinRules());
