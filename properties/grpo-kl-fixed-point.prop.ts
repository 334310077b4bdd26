/**
 * # GRPO-KL's fixed point keeps every CoT (SPEC §6 claim 3, §8)
 *
 * ## Main statements
 * - law `grpo-kl-fixed-point` (rules named `grpo-kl`), theorem `grpo-kl-fixed-point/<rule>`: on a tree
 *   TMC the policy `pi* ∝ p exp(w_pi* /beta)` is a fixed point of the exact step, and every CoT `o`
 *   from `s_1` keeps `p(o) exp(-sqrt(G-1) rho* /beta) <= pi*(o) <= p(o) exp(sqrt(G-1) rho(o)/beta)`.
 *
 * ## Statement
 * `w_pi(o) = E_Q E_j[A_1 | o_1 = o]` is GRPO's expected advantage of a group member that drew `o`
 * (instance `Q`, the other `G - 1` rewards `j ~ Bin(G - 1, pi(C_Q))`, `A_1 = (r_1 - m/G)/std`, 0 when
 * the std is 0). It is computed here from that definition, by enumerating the `2^|V|` instances and
 * the binomial, in floating point, independently of src/methods/grpo.ts; `pi*` is solved by a damped
 * iteration of `pi <- p exp(w_pi/beta)/Z` over the CoTs of `s_1`, then read as a tabular policy.
 * 1. Fixed point: the rule's exact step from `pi*` moves no transition by more than `1e-8`.
 * 2. Floor and ceiling, on the rule's step from `pi*`.
 *
 * ## Proof
 * On a tree every CoT has its own edges, so the exact step
 * `sum_o pi(o) (w(o) - beta ln(pi(o)/p(o))) grad log pi(o)` vanishes iff `w(o) - beta ln(pi(o)/p(o))`
 * is the same for every CoT (backward induction over layers): `pi = p exp((w - C)/beta)`, and `w` may
 * be shifted by a constant. src/methods/grpo.ts's shift `w(o) = E_Q[R_Q(o)(a + b)(pi(C_Q))]` has
 * `0 <= w(o) <= sqrt(G-1) rho(o)`, since `(a + b)` at `j` is `sqrt((G-1-j)/(j+1)) + sqrt(j/(G-j)) <= sqrt(G-1)`
 * (largest at `j = 0` and `j = G - 1`), and `E_Q R_Q(o) = rho(o)`. Then `C = beta ln E_p[exp(w/beta)]`
 * lies in `[0, max w]`, which gives both sides. The floor's constant is `sqrt(G-1)`, not the
 * `2 sqrt(G-1)` once written in README.md, and not the Gibbs step's `1`
 * (fixtures/counterexamples/kl-preservation--grpo-kl.json).
 *
 * ## Hypotheses
 * - `H-tree`, a premise: off trees the CoTs share edges and the fixed point is not of this form
 *   (on the paper's TMC the spread of `w - beta ln(pi/p)` stays at 1.455 after 400 steps).
 *
 * ## Rests on
 * proofs/sampled-step-mean-converges-to-exact-step (GRPO-KL's exact step is its mean sampled step).
 */
import fc from 'fast-check';
import { withSecondValidCot } from '../src/arbitraries/second-cot.ts';
import { tmcArbitrary } from '../src/arbitraries/tmc.ts';
import { taskCots } from '../src/exact/correctness.ts';
import { enumeratePaths, pathProbability } from '../src/exact/paths.ts';
import { isTreeFor } from '../src/hypotheses.ts';
import { builtinRules } from '../src/methods/index.ts';
import { trainContext, type UpdateRule } from '../src/methods/update-rule.ts';
import { D, maxOf, show } from '../src/numeric.ts';
import { policyFromProbs, type Policy } from '../src/policy.ts';
import { registerLaw } from '../src/theorems/registry.ts';
import type { Law, Theorem } from '../src/theorems/theorem.ts';
import type { Tmc } from '../src/tmc.ts';
import { pathText } from '../src/_internals/trajectory.ts';
import { assertFinite, groupSize } from './kl-preservation.prop.ts';

export interface FixedPointCase {
  readonly tmc: Tmc;
}

/** How far the rule's step may move a transition of `pi*`. */
const STILL = 1e-8;

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 0; i < k; i++) r = (r * (n - i)) / (i + 1);
  return r;
}

/** `E_j[A_1]` for `r_1` and `j ~ Bin(G - 1, c)` other ones, from the group's mean and population std. */
function meanAdvantage(r1: number, c: number, G: number): number {
  let e = 0;
  for (let j = 0; j < G; j++) {
    const m = (r1 + j) / G;
    const std = Math.sqrt(m * (1 - m));
    if (std > 0) e += binomial(G - 1, j) * c ** j * (1 - c) ** (G - 1 - j) * ((r1 - m) / std);
  }
  return e;
}

/** `w_pi(o)` for each CoT (path index), valid ones at `valid[i]`, by enumerating the instances. */
function groupWeights(pi: readonly number[], valid: readonly number[], rho: readonly number[], G: number): number[] {
  const w = pi.map(() => 0);
  for (let mask = 0; mask < 2 ** valid.length; mask++) {
    let weight = 1;
    let c = 0;
    valid.forEach((o, i) => {
      const inQ = ((mask >> i) & 1) === 1;
      weight *= inQ ? rho[i] : 1 - rho[i];
      if (inQ) c += pi[o];
    });
    if (weight === 0) continue;
    const wrong = meanAdvantage(0, c, G);
    pi.forEach((_, o) => (w[o] += weight * wrong));
    valid.forEach((o, i) => {
      if ((mask >> i) & 1) w[o] += weight * (meanAdvantage(1, c, G) - wrong);
    });
  }
  return w;
}

/** `pi* ∝ p exp(w_pi* / beta)` over the CoTs of `s_1`, by a damped iteration in log space. */
export function solveFixedPoint(tmc: Tmc, G: number, beta: number): { paths: number[][]; pi: number[] } {
  const tc = taskCots(tmc, 0);
  const all = enumeratePaths(tmc.kernels, tc.task.start);
  const key = (path: readonly number[]) => path.join(',');
  const index = new Map(all.map((o, i) => [key(o.path), i]));
  const valid = tc.cots.map((c) => index.get(key(c.path))!);
  const rho = tc.cots.map((c) => c.rho.toNumber());
  const logP = all.map((o) => Math.log(o.p.toNumber()));
  let logPi = [...logP];
  for (let it = 0; it < 20_000; it++) {
    const w = groupWeights(logPi.map(Math.exp), valid, rho, G);
    const target = logP.map((lp, o) => (logPi[o] + lp + w[o] / beta) / 2);
    const top = Math.max(...target);
    const z = Math.log(target.reduce((s, x) => s + Math.exp(x - top), 0)) + top;
    const next = target.map((x) => x - z);
    const moved = Math.max(...next.map((x, o) => Math.abs(x - logPi[o])));
    logPi = next;
    if (moved < 1e-14) return { paths: all.map((o) => o.path), pi: logPi.map(Math.exp) };
  }
  throw new Error('the iteration pi <- p exp(w_pi/beta)/Z did not settle in 20000 rounds');
}

/** The tabular policy of a distribution over a tree's CoTs; rows off `s_1`'s tree keep `p`. */
function policyOfPaths(tmc: Tmc, paths: readonly number[][], pi: readonly number[]): Policy {
  const through = (l: number, u: number, v?: number) =>
    paths.reduce((s, path, o) => (path[l] === u && (v === undefined || path[l + 1] === v) ? s + pi[o] : s), 0);
  const probs = tmc.kernels.map((k, l) =>
    k.map((row, u) => {
      const d = through(l, u);
      if (d === 0) return row;
      const out = row.map((p, v) => (p.gt(0) ? new D(through(l, u, v)).div(d) : p));
      // Renormalize in decimals so the row sums to 1 exactly.
      const total = out.reduce((s, x) => s.plus(x));
      return out.map((x) => x.div(total));
    }),
  );
  return policyFromProbs(tmc, probs);
}

function keepsTheFixedPoint(rule: UpdateRule, c: FixedPointCase): void {
  const G = groupSize(rule);
  const beta = typeof rule.params.beta === 'number' ? rule.params.beta : 1;
  const { paths, pi } = solveFixedPoint(c.tmc, G, beta);
  const star = policyOfPaths(c.tmc, paths, pi);
  const ctx = trainContext(c.tmc, 0);
  const next = rule.exactStep(star, ctx);
  assertFinite(next, 1);
  const tc = ctx.tc;
  const rhoOf = new Map(tc.cots.map((o) => [pathText(o.path), o.rho]));
  const rhoStar = maxOf(tc.cots.map((o) => o.rho));
  const scale = new D(G - 1).sqrt().div(beta);
  const floorFactor = rhoStar.times(scale).neg().exp();
  const bounds = paths.map((path) => {
    const p = pathProbability(c.tmc.kernels, path);
    const rho = rhoOf.get(pathText(path)) ?? new D(0);
    return { path, p, q: pathProbability(next.probs, path), floor: p.times(floorFactor), ceiling: p.times(rho.times(scale).exp()) };
  });
  // Every floor, then every ceiling: each side has its own sentinel.
  for (const { path, p, q, floor } of bounds) {
    if (q.lt(floor)) throw new Error(`CoT ${pathText(path)}: pi = ${show(q)} below p(o) exp(-sqrt(G-1) rho*/beta) = ${show(floor)} (p(o) = ${show(p)})`);
  }
  for (const { path, p, q, ceiling } of bounds) {
    if (q.gt(ceiling)) throw new Error(`CoT ${pathText(path)}: pi = ${show(q)} above p(o) exp(sqrt(G-1) rho(o)/beta) = ${show(ceiling)} (p(o) = ${show(p)})`);
  }
  star.probs.forEach((k, l) =>
    k.forEach((row, u) =>
      row.forEach((x, v) => {
        const moved = next.probs[l][u][v].minus(x).abs();
        if (moved.gt(STILL)) {
          throw new Error(`pi* ∝ p exp(w/beta) is not a fixed point: the step moves layer ${l}, edge ${u}->${v} from ${show(x)} to ${show(next.probs[l][u][v])}`);
        }
      }),
    ),
  );
}

/** Trees of 3-4 layers with a hard valid CoT and, where one state allows it, a second valid CoT. */
const fixedPointCases = (): fc.Arbitrary<FixedPointCase> =>
  tmcArbitrary({ tree: true, hardValid: true, minLayers: 3, maxLayers: 4, maxWidth: 3 }).map((tmc) => ({ tmc: withSecondValidCot(tmc) }));

export const grpoKlFixedPoint: Law<UpdateRule> = {
  claim: 'grpo-kl-fixed-point',
  kind: 'update-rule',
  appliesTo: (rule) => rule.name === 'grpo-kl',
  make: (rule): Theorem<FixedPointCase> => ({
    id: `grpo-kl-fixed-point/${rule.name}`,
    claim: 'kl-preservation',
    statement:
      'H-tree => pi* ∝ p exp(w_pi*/beta) (w GRPO\'s expected advantage, enumerated) is a fixed point of the exact step, and its CoTs keep ' +
      'p(o) exp(-sqrt(G-1) rho*/beta) <= pi*(o) <= p(o) exp(sqrt(G-1) rho(o)/beta)',
    hypotheses: [{ id: 'H-tree', description: 'task 1 is a tree', holds: (c) => isTreeFor(c.tmc, 0), premise: 'the fixed point has this form only when every CoT has its own edges' }],
    arbitrary: () => fixedPointCases(),
    property: (c) => keepsTheFixedPoint(rule, c),
    numRuns: 25,
    classify: (c) => (taskCots(c.tmc, 0).cots.length >= 2 ? ['several valid CoTs'] : []),
    minShares: { 'several valid CoTs': 0.5 },
  }),
};

registerLaw(grpoKlFixedPoint, builtinRules());
