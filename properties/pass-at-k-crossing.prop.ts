/**
 * # RL narrows pass@K at large K: the crossing `K*(t)` (SPEC §6 claims 1 and 6)
 *
 * ## Main statements
 * - lemma (any two policies `pi`, `p` on a task with `|V| >= 2`): with `m(pi) = min_{o in V} pi(o)`,
 *   if `m(pi) < m(p)` then `pass@K(pi) < pass@K(p)` for every `K >= K_0`, where `K_0` is the least `K`
 *   with `P({o_m}) (1 - m(pi))^K > P(C_Q != {}) (1 - m(p))^K` (`o_m = argmin pi`, `P({o_m})` the
 *   probability of the instance whose only correct CoT is `o_m`): `1 - pass@K = E[(1 - pi(C_Q))^K]`
 *   is at least the first and at most the second. If `m(pi) > m(p)`, the sign is the other way for
 *   large `K`. So the last sign of `pass@K(pi) - pass@K(p)` is the sign of `m(p) - m(pi)`.
 * - law `pass-at-k-crossing` (family `rlvr`), theorem `pass-at-k-crossing/<rule>`: along exact steps
 *   from `p`, `m(pi_t) < m(p)` from some `t` on (the squeeze sends every `o != o*` to 0), and then
 *   `K*(t) = min{K : pass@K'(pi_t) < pass@K'(p) for all K' >= K}` is finite, at most `K_0(t)`.
 *   As `t -> infinity`, `pi_t -> delta_{o*}` and `K*(t) -> K*_inf = min{K : pass@K(p) > rho*}`
 *   (pass@K of `delta_{o*}` is `rho*` for every `K`); on the paper's TMC `K*(t) = 7` at `t = 40, 100`
 *   and `6 = K*_inf` at `t = 400, 1000` (REINFORCE, `eta = 1`; src/mutants/pass-at-k-crossing.test.ts).
 *
 * ## Statement (finite form)
 * Cases: comb TMCs (src/arbitraries/comb.ts) and the paper's TMC (task 1). `T = ceil(40/eta)`;
 * `t` the first of `4T, 8T, 16T, 32T` with `m(pi_t) < m(p)`:
 * 1. such a `t` exists (the squeeze reaches below the base's rarest CoT);
 * 2. the crossing: `pass@K(pi_t) < pass@K(p)` at `K = K*(t)`, `2 K_0`, `10 K_0`, and not at `K*(t) - 1`
 *    (when `K*(t) > 1`), each side from `passAtK` (src/exact/metrics.ts), while `K*(t)` and `K_0`
 *    come from this file's own sum over instances with the powers built up one `K` at a time.
 *
 * ## Findings
 * - "A single crossing" is false early: on the paper's TMC at `t = 10` (REINFORCE, `eta = 1`) the sign
 *   of `pass@K(pi_10) - pass@K(p)` is `+` for `K <= 7`, `-` for `8..152`, `+` from 153 on, because
 *   `m(pi_10) = 0.00446 > m(p) = 0.00413`: the rarest CoT has not yet fallen below its base mass
 *   (fixtures/counterexamples/pass-at-k-crossing--single-crossing.json). The hypothesis the lemma
 *   needs is `m(pi_t) < m(p)`, and it is exactly what decides the last sign.
 * - RL-rej does not keep `pass@K(pi_t) >= pass@K(p)` for every `K` (the conjecture held for
 *   `K <= 2048`, `t <= 1000` on the paper's TMC, whose base wastes 43% on wrong answers). False twice:
 *   at small `K` on the all-valid bandit `2/3, 1/3` (pass@1 falls by 4.2e-4 at `t = 1`: RL-rej ascends
 *   pass@(n+1), which trades pass@1 for the rarer CoT), and at every large `K` while the rarest CoT
 *   dips below its base mass (`s -> a, b`; `a` shares its edge with wrong answers and the sure CoT
 *   through `b` takes root mass first: `pi_t(0-0-2)` 0.1248, 0.1227 at `t = 1, 20` against 0.125, so
 *   `K*(t) = 11`, until `t ~ 60`). Both in fixtures/counterexamples/pass-at-k-crossing--rl-rej-*.json.
 *   The precise true statement is the lemma: RL-rej's pass@K is above the base's for every large `K`
 *   exactly when its rarest valid CoT is above its base mass (`m(pi_t) > m(p)`).
 *
 * ## Hypotheses
 * - `H-two-valid` (premise): `|V| >= 2` (with one valid CoT every `rho` is 1 and pass@K is `pi(V)`).
 *
 * ## Rests on
 * src/exact/instances.ts (the instance distribution, proofs/instance-distribution-has-marginals-rho),
 * `passAtK` (proofs/pass-at-k-agrees-with-sampling).
 */
import { combArbitrary } from '../src/arbitraries/comb.ts';
import { taskCots, type TaskCots } from '../src/exact/correctness.ts';
import { instances } from '../src/exact/instances.ts';
import { passAtK } from '../src/exact/metrics.ts';
import { builtinRules } from '../src/methods/index.ts';
import { trainContext, type UpdateRule } from '../src/methods/update-rule.ts';
import { ONE, ZERO, show, sum, type Dec } from '../src/numeric.ts';
import { paperTmc } from '../src/paper/reference.ts';
import type { Policy } from '../src/policy.ts';
import type { Tmc } from '../src/tmc.ts';
import { cotProbabilities, policiesAt, stepSize } from '../src/_internals/trajectory.ts';
import { registerLaw } from '../src/theorems/registry.ts';
import type { Law, Theorem } from '../src/theorems/theorem.ts';

export interface CrossingCase {
  readonly tmc: Tmc;
}

/** How pass@K is computed (the registered law uses `passAtK`). */
export type PassAtK = (policy: Policy, tc: TaskCots, K: number) => Dec;

/** Largest `K_0` scanned. */
const MAX_K0 = 20_000;

const minOf = (xs: readonly Dec[]) => xs.reduce((m, x) => (x.lt(m) ? x : m));

export interface Crossing {
  /** The certificate: `pass@K(pi) < pass@K(p)` for every `K >= K0`. */
  readonly K0: number;
  /** `min{K : pass@K'(pi) < pass@K'(p) for all K' >= K}`. */
  readonly Kstar: number;
}

/**
 * `K_0` and `K*` for `pi` against `p` when `m(pi) < m(p)` (else null): the sum
 * `E[(1 - pi(C_Q))^K] - E[(1 - p(C_Q))^K]` over the non-empty instances, powers built one `K` at a time.
 */
export function crossing(pi: Policy, p: Policy, tc: TaskCots): Crossing | null {
  const piCot = cotProbabilities(pi, tc.cots);
  const pCot = cotProbabilities(p, tc.cots);
  const mPi = minOf(piCot);
  const mP = minOf(pCot);
  if (!mPi.lt(mP)) return null;
  const qs = instances(tc).filter((q) => q.correct.some(Boolean));
  const mass = (cot: Dec[], q: (typeof qs)[number]) => ONE.minus(sum(cot.filter((_, i) => q.correct[i])));
  const argmin = piCot.findIndex((x) => x.eq(mPi));
  const single = qs.find((q) => q.correct.every((c, i) => c === (i === argmin)))!;
  const nonEmpty = sum(qs.map((q) => q.prob));
  const K0 = Math.floor(nonEmpty.div(single.prob).ln().div(ONE.minus(mPi).div(ONE.minus(mP)).ln()).toNumber()) + 1;
  if (K0 > MAX_K0) throw new Error(`K_0 = ${K0} exceeds ${MAX_K0} (m(pi) = ${show(mPi)}, m(p) = ${show(mP)})`);
  const a = qs.map((q) => mass(piCot, q));
  const b = qs.map((q) => mass(pCot, q));
  const aPow = qs.map(() => ONE);
  const bPow = qs.map(() => ONE);
  let lastNotBelow = 0;
  for (let K = 1; K < K0; K++) {
    let diff = ZERO;
    qs.forEach((q, i) => {
      aPow[i] = aPow[i].times(a[i]);
      bPow[i] = bPow[i].times(b[i]);
      diff = diff.plus(q.prob.times(aPow[i].minus(bPow[i])));
    });
    if (!diff.gt(0)) lastNotBelow = K;
  }
  return { K0, Kstar: lastNotBelow + 1 };
}

/** The clauses; throws with the failing numbers. */
function crosses(rule: UpdateRule, pass: PassAtK, c: CrossingCase): void {
  const ctx = trainContext(c.tmc, 0);
  const T = Math.ceil(40 / stepSize(rule));
  const times = [4, 8, 16, 32].map((k) => k * T);
  // Stop at the first time that meets the hypothesis of the lemma, continuing from the last policy.
  const policies: Policy[] = [];
  let found: { t: number; pi: Policy; x: Crossing } | undefined;
  for (const [i, t] of times.entries()) {
    const [pi] = policiesAt(rule, ctx, [t - (times[i - 1] ?? 0)], policies.at(-1) ?? ctx.base);
    policies.push(pi);
    const x = crossing(pi, ctx.base, ctx.tc);
    if (x) {
      found = { t, pi, x };
      break;
    }
  }
  if (!found) {
    const m = (pi: Policy) => show(minOf(cotProbabilities(pi, ctx.tc.cots)));
    throw new Error(`1: min_o pi_t(o) stays at or above min_o p(o) = ${m(ctx.base)}: ${times.map((t, i) => `t = ${t}: ${m(policies[i])}`).join(', ')}`);
  }
  const { t, pi } = found;
  const { K0, Kstar } = found.x;
  const below = (K: number) => pass(pi, ctx.tc, K).lt(pass(ctx.base, ctx.tc, K));
  const at = (K: number) => `pass@${K}(pi_${t}) = ${show(pass(pi, ctx.tc, K))}, pass@${K}(p) = ${show(pass(ctx.base, ctx.tc, K))}`;
  for (const K of [Kstar, 2 * K0, 10 * K0]) if (!below(K)) throw new Error(`2: not below the base at K = ${K} >= K*(${t}) = ${Kstar} (K_0 = ${K0}): ${at(K)}`);
  if (Kstar > 1 && below(Kstar - 1)) throw new Error(`2: already below the base at K*(${t}) - 1 = ${Kstar - 1}: ${at(Kstar - 1)}`);
}

/** The law for a way of computing pass@K. */
export function passAtKCrossing(pass: PassAtK): Law<UpdateRule> {
  return {
    claim: 'pass-at-k-crossing',
    kind: 'update-rule',
    appliesTo: (rule) => rule.family === 'rlvr',
    make: (rule): Theorem<CrossingCase> => ({
      id: `pass-at-k-crossing/${rule.name}`,
      claim: 'pass-at-k-crossing',
      statement:
        'H-two-valid => for t the first of 4T, 8T, 16T, 32T (T = ceil(40/eta)) with min_V pi_t < min_V p (one exists): ' +
        'pass@K(pi_t) < pass@K(p) for every K >= K*(t), K*(t) <= K_0(t) = the least K with ' +
        'P({argmin pi_t}) (1 - min pi_t)^K > P(C_Q nonempty) (1 - min p)^K',
      hypotheses: [
        {
          id: 'H-two-valid',
          description: 'the task has at least two valid CoTs',
          holds: (c) => taskCots(c.tmc, 0).cots.length >= 2,
          premise: 'with one valid CoT rho = 1 and every instance is solved by it: no rare CoT to lose',
        },
      ],
      // twoValid: a quarter of the combs with three valid CoTs (one in seven without), at 2% more cost.
      arbitrary: () => combArbitrary({ twoValid: true }).map((tmc) => ({ tmc })),
      property: (c) => crosses(rule, pass, c),
      numRuns: 20,
      examples: () => [{ tmc: paperTmc() }],
      classify: (c) => [
        ...(taskCots(c.tmc, 0).cots.length >= 3 ? ['3+ valid CoTs'] : []),
        ...(c.tmc.widths.at(-1)! > 1 ? ['wrong answer'] : []),
      ],
      // Measured over seeds 1-8 (100 runs): 3+ valid CoTs 22-36% (9-21% without twoValid), wrong answer 76-89%.
      minShares: { '3+ valid CoTs': 0.12, 'wrong answer': 0.2 },
    }),
  };
}

registerLaw(passAtKCrossing((policy, tc, K) => passAtK(policy, tc, K)), builtinRules());
