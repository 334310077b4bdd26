/**
 * # Instance moments equal instance enumeration
 *
 * Main statements:
 * - `instanceMomentsEqualInstanceEnumeration`: for every task `k` with at most 16 valid CoTs, every
 *   policy `pi` (as the reference masses `pi_j`) and every Bernstein polynomial `B` of degree 0 to 12
 *   with integer coefficients in [-3, 3] (signs mixed, as user group rules have them), the moment
 *   recursions of src/exact/instance-moments.ts give `w[i] = E_Q[R_Q(o_i) B(c_Q)]`, `E_Q[B(c_Q)]` and
 *   `E_Q[B(c_Q) | Q hard]` equal to the sums over the `2^|V_k|` enumerated instances
 *   (src/exact/instances.ts), up to the working precision.
 * - `instanceMomentsEqualPowerBasisBeyondEnumeration`: for synthetic tasks of 17 to 24 valid CoTs
 *   (too many to enumerate), the same quantities equal an independent exact method: `B` expanded in
 *   powers of `c`, the moments `E[c^e | X_i = 1]` by a single-variable recursion over the CoTs other
 *   than `i`, run afresh for each `i` (no prefix or suffix tables, no `r0`), at twice the precision
 *   so its alternating signs cost no digit that matters.
 *
 * Implementation notes: `B` is evaluated here from its definition with `Decimal.pow`, not with the
 * engine's `bernstein`. Synthetic tasks draw `rho` and `pi` from integer weights (an off-`V` weight
 * makes `r0 = 1 - sum pi` zero or positive) and each CoT's kind from a boolean.
 */
import fc from 'fast-check';
import { taskCots, type TaskCots } from '../../src/exact/correctness.ts';
import { instances } from '../../src/exact/instances.ts';
import { pathProbability } from '../../src/exact/paths.ts';
import { D, ONE, ZERO, sum, withPrecision, type Dec } from '../../src/numeric.ts';
import { casePolicy, expectAllClose, policyCases, type PolicyCase } from './cases.ts';
import type { ExactEngine } from './engine.ts';

/** Largest `|V_k|` enumerated here (`2^12` instances per task and case). */
const ENUMERATED = 12;

/** Bernstein coefficients: degree 0 to 12, integers in [-3, 3]. */
const betas = fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 13 });

/** `C(n, m)` by the product formula, remembered per precision. */
const binoms = new Map<string, Dec>();
function binom(n: number, m: number): Dec {
  const key = `${n},${m}@${D.precision}`;
  let c = binoms.get(key);
  if (!c) {
    c = ONE;
    for (let j = 0; j < m; j++) c = c.times(n - j).div(j + 1);
    binoms.set(key, c);
  }
  return c;
}

/** `B(c)` from the definition. */
function B(beta: readonly Dec[], c: Dec): Dec {
  const n = beta.length - 1;
  return sum(beta.map((b, m) => b.times(binom(n, m)).times(c.pow(m)).times(ONE.minus(c).pow(n - m))));
}

export interface MomentCase extends PolicyCase {
  readonly beta: number[];
}

export function instanceMomentsEqualInstanceEnumeration(engine: ExactEngine): fc.IProperty<[MomentCase]> {
  const cases = fc.tuple(policyCases(), betas).map(([c, beta]) => ({ ...c, beta }));
  return fc.property(cases, (c) => {
    const policy = casePolicy(c);
    const beta = c.beta.map((b) => new D(b));
    c.tmc.tasks.forEach((_, k) => {
      const tc = taskCots(c.tmc, k);
      if (tc.cots.length > ENUMERATED) return;
      const pi = tc.cots.map((o) => pathProbability(policy.probs, o.path));
      const w = tc.cots.map(() => ZERO);
      let mean = ZERO;
      let hard = ZERO;
      let hardMass = ZERO;
      for (const q of instances(tc)) {
        const term = q.prob.times(B(beta, sum(pi.filter((_, i) => q.correct[i]))));
        q.correct.forEach((inQ, i) => {
          if (inQ) w[i] = w[i].plus(term);
        });
        mean = mean.plus(term);
        if (q.hard) {
          hard = hard.plus(term);
          hardMass = hardMass.plus(q.prob);
        }
      }
      expectAllClose(`task ${k} w (recursion vs enumeration)`, engine.bernsteinWeights(tc, pi, beta), w);
      expectAllClose(`task ${k} E[B] (recursion vs enumeration)`, engine.bernsteinMean(tc, pi, beta), mean);
      const hardMean = hardMass.isZero() ? ZERO : hard.div(hardMass);
      expectAllClose(`task ${k} E[B | hard] (recursion vs enumeration)`, engine.bernsteinMean(tc, pi, beta, { hardOnly: true }), hardMean);
    });
  });
}

/** `E[(x + S)^e]`, `e = 0..n`, `S = sum_{j in js} pi_j X_j`: single-variable moments, shifted by `x`. */
function shiftedMoments(tc: TaskCots, pi: readonly Dec[], js: readonly number[], x: Dec, n: number): Dec[] {
  let mu = Array.from({ length: n + 1 }, (_, e) => x.pow(e));
  for (const j of js) {
    const r = tc.cots[j].rho;
    const pow = Array.from({ length: n + 1 }, (_, e) => pi[j].pow(e));
    mu = mu.map((m, e) => {
      let shifted = ZERO;
      for (let s = 0; s < e; s++) shifted = shifted.plus(binom(e, s).times(pow[e - s]).times(mu[s]));
      return m.plus(r.times(shifted));
    });
  }
  return mu;
}

/** `E[B(c)]` from the power moments `mu[e] = E[c^e]`: `(1-c)^(n-m)` expanded by the binomial theorem. */
function fromPowerMoments(beta: readonly Dec[], mu: readonly Dec[]): Dec {
  const n = beta.length - 1;
  let total = ZERO;
  beta.forEach((b, m) => {
    for (let r = 0; r <= n - m; r++) {
      const term = b.times(binom(n, m)).times(binom(n - m, r)).times(mu[m + r]);
      total = r % 2 === 0 ? total.plus(term) : total.minus(term);
    }
  });
  return total;
}

/** Weights, mean and hard mean by power moments, each `i` by its own recursion over `j != i`. */
export function byPowerBasis(tc: TaskCots, pi: readonly Dec[], beta: readonly Dec[]): { w: Dec[]; mean: Dec; hard: Dec } {
  const n = beta.length - 1;
  const all = tc.cots.map((_, j) => j);
  const w = all.map((i) => tc.cots[i].rho.times(fromPowerMoments(beta, shiftedMoments(tc, pi, all.filter((j) => j !== i), pi[i], n))));
  const mean = fromPowerMoments(beta, shiftedMoments(tc, pi, all, ZERO, n));
  // E[B 1[hard]] = P(no easy) (E[B(c_H)] - P(C_H empty) B(0)); P(hard) = P(no easy) (1 - P(C_H empty)).
  const hardCots = all.filter((j) => tc.cots[j].kind === 'hard');
  const pNoEasy = all.filter((j) => tc.cots[j].kind === 'easy').reduce((p, j) => p.times(ONE.minus(tc.cots[j].rho)), ONE);
  const pEmpty = hardCots.reduce((p, j) => p.times(ONE.minus(tc.cots[j].rho)), ONE);
  const pHard = pNoEasy.times(ONE.minus(pEmpty));
  const hardSum = fromPowerMoments(beta, shiftedMoments(tc, pi, hardCots, ZERO, n)).minus(pEmpty.times(beta[0]));
  return { w, mean, hard: pHard.isZero() ? ZERO : pNoEasy.times(hardSum).div(pHard) };
}

export interface SyntheticCase {
  /** Per CoT: correctness weight (rho = weight / total), policy weight, easy. */
  readonly cots: { rho: number; pi: number; easy: boolean }[];
  /** Policy weight off `V`. */
  readonly off: number;
  readonly beta: number[];
}

/** A task of `N` CoTs from a synthetic case (paths are placeholders; nothing here reads them). */
function syntheticTask(c: SyntheticCase): { tc: TaskCots; pi: Dec[] } {
  const rhoTotal = c.cots.reduce((a, o) => a + o.rho, 0);
  // All weights 0: every CoT has pi = 0 and the whole mass is off V.
  const piTotal = Math.max(1, c.cots.reduce((a, o) => a + o.pi, c.off));
  const tc: TaskCots = {
    task: { name: 'synthetic', start: 0, target: 0 },
    index: 0,
    pValid: ONE,
    cots: c.cots.map((o, i) => ({ path: [i], p: new D(o.rho).div(rhoTotal), rho: new D(o.rho).div(rhoTotal), kind: o.easy ? 'easy' : 'hard' })),
  };
  return { tc, pi: c.cots.map((o) => new D(o.pi).div(piTotal)) };
}

export function instanceMomentsEqualPowerBasisBeyondEnumeration(engine: ExactEngine): fc.IProperty<[SyntheticCase]> {
  const cot = fc.record({ rho: fc.integer({ min: 1, max: 9 }), pi: fc.integer({ min: 0, max: 9 }), easy: fc.boolean() });
  const cases = fc.record({ cots: fc.array(cot, { minLength: 17, maxLength: 24 }), off: fc.integer({ min: 0, max: 9 }), beta: betas });
  return fc.property(cases, (c) => {
    const { tc, pi } = syntheticTask(c);
    const beta = c.beta.map((b) => new D(b));
    const ref = withPrecision(2 * D.precision, () => byPowerBasis(tc, pi, beta));
    expectAllClose('w (recursion vs power basis)', engine.bernsteinWeights(tc, pi, beta), ref.w);
    expectAllClose('E[B] (recursion vs power basis)', engine.bernsteinMean(tc, pi, beta), ref.mean);
    expectAllClose('E[B | hard] (recursion vs power basis)', engine.bernsteinMean(tc, pi, beta, { hardOnly: true }), ref.hard);
  });
}
