/**
 * # Instance averages of Bernstein weights by moment recursions (SPEC §2, §4)
 *
 * Main definitions: for a reference policy's masses `pi_j` on the valid CoTs `o_j` of task `k`, an
 * instance's solved mass `c_Q = sum_{j in C_Q} pi_j` and a Bernstein polynomial of degree `n`
 *   `B(c) = sum_{m=0}^{n} beta_m C(n,m) c^m (1-c)^(n-m)`,
 * - `bernsteinInstanceWeights`: `w[i] = E_Q[R_Q(o_i) B(c_Q)]` (GRPO's `(a + b)(c)`, RL-rej's `(1-c)^n`);
 * - `bernsteinInstanceMean`: `E_Q[B(c_Q)]`, or `E_Q[B(c_Q) | Q hard]` (pass@K: `beta = (0, 1, .., 1)`
 *   of degree `K`, since `1 - (1-c)^K = sum_{m>=1} C(K,m) c^m (1-c)^(K-m)`).
 *
 * Derivation. `X_j = 1[o_j in C_Q]` are independent Bernoulli(`rho_j`). Let `r0 = 1 - sum_j pi_j >= 0`
 * (the mass off `V_k`) and, for a set `S` of CoTs, `a_S = sum_{j in S} pi_j X_j`,
 * `b_S = sum_{j in S} pi_j (1 - X_j)`. Then `c = a_V` and `1 - c = r0 + b_V`, so
 * `E[B(c)] = sum_m beta_m C(n,m) M_V[m][n-m]` with the mixed moments `M_S[p][q] = E[a_S^p (r0 + b_S)^q]`.
 * Adding CoT `j` (independent of `S`):
 *   `M_{S+j}[p][q] = rho_j sum_s C(p,s) pi_j^(p-s) M_S[s][q] + (1-rho_j) sum_t C(q,t) pi_j^(q-t) M_S[p][t]`,
 * every term non-negative (`a`, `b`, `r0`, `pi`, `rho` are), so the moments lose no digits to
 * cancellation whatever the signs of `beta`; only the final `beta` sum can cancel, as `B` itself does.
 * Weights: `w[i] = rho_i E[B(pi_i + a_{-i}) ]` with `1 - c = r0 + b_{-i}` given `X_i = 1`. With prefix
 * tables `P_i` (CoTs `< i`, starting from the point mass `(0, r0)`) and suffix tables `S_i` (CoTs `> i`,
 * from `(0, 0)`), `o_i` added to `P_i` with `rho = 1`, independence gives
 *   `E[(A1 + A2)^m (B1 + B2)^(n-m)] = sum_{s<=m} sum_{t<=n-m} C(m,s) C(n-m,t) M1[s][t] M2[m-s][n-m-t]`.
 * Hard instances (`C_Q` non-empty, no easy CoT): given no easy CoT is in `C_Q` the easy CoTs' mass
 * joins `1 - c` (start from `(0, r0 + sum_easy pi)`), and a second table `M+` restricted to
 * "some hard CoT in `C_Q`" follows the same recursion, with the full table in the `rho_j` branch and
 * `M+` in the other; `M+[0][0] = P(some hard CoT in C_Q)`, and `P(no easy)` cancels from the ratio.
 *
 * Implementation notes. Tables keep only the rows `p <= P` and columns `q <= Q` the nonzero
 * coefficients reach (`P` the last nonzero index, `n - Q` the first): RL-rej's `(1-c)^n` needs row 0
 * alone. Cost in multiply-adds, `N = |V_k|`: the mean `~ N (P+1) (Q+1) ((P+Q)/2 + 2)` (`N n^3 / 3`
 * for a full triangle), the weights three times that; the `2^N` instance enumeration
 * (src/exact/instances.ts) costs `~ 2^N (2 t log2 n + N)`, `t` the coefficients other than `beta_n`
 * (`bernsteinEvaluator`). Pascal's triangle to row `n` is built once a call.
 * Each function takes the cheaper exact method (`enumerationIsCheaper`), so pass@2048 on a 4-CoT
 * task enumerates 16 instances while GRPO on 64 CoTs recurses. The recursions are exported for
 * proofs/instance-moments-equal-instance-enumeration.proof.ts, which checks them against enumeration
 * and, beyond 16 CoTs, against a power-basis recursion at twice the precision. Limit:
 * `MAX_INSTANCE_COTS` valid CoTs. Rules whose weight is not a function of `c_Q` alone (within-group
 * likelihood ranks) are not exchangeable in the group's CoTs and are out of reach here: their exact
 * step sums over the `N^G` ordered groups per instance.
 */
import { UsageError } from '../errors.ts';
import { ONE, ZERO, sum, type Dec } from '../numeric.ts';
import type { TaskCots } from './correctness.ts';
import { MAX_ENUMERATED_INSTANCE_COTS, instanceWeights, instances } from './instances.ts';

/** Largest `|V_k|` for instance-based quantities (GRPO, RL-rej, pass@K). */
export const MAX_INSTANCE_COTS = 4096;

/**
 * `M[p][q]` for `p <= P`, `q <= min(Q, n - p)`: only the rows and columns the nonzero coefficients
 * reach (`P` the last nonzero index, `n - Q` the first). The recursion for row `p` reads rows `s <= p`
 * at the same column and row `p` at columns `t <= q`, so the truncated table is closed under it.
 */
type Moments = Dec[][];

interface Shape {
  readonly n: number;
  readonly P: number;
  readonly Q: number;
}

function shapeOf(beta: readonly Dec[]): Shape | null {
  const nonzero = beta.flatMap((b, m) => (b.isZero() ? [] : [m]));
  if (nonzero.length === 0) return null;
  const n = beta.length - 1;
  return { n, P: nonzero[nonzero.length - 1], Q: n - nonzero[0] };
}

/** Pascal's triangle to row `n`. */
function binomials(n: number): Dec[][] {
  const rows: Dec[][] = [[ONE]];
  for (let r = 1; r <= n; r++) rows.push(Array.from({ length: r + 1 }, (_, s) => (s === 0 || s === r ? ONE : rows[r - 1][s - 1].plus(rows[r - 1][s]))));
  return rows;
}

/** The moments of the point mass `(a, b) = (0, b0)`: `M[0][q] = b0^q`, 0 for `p > 0`. */
function pointMass({ n, P, Q }: Shape, b0: Dec): Moments {
  return Array.from({ length: P + 1 }, (_, p) => {
    const row = Array.from({ length: Math.min(Q, n - p) + 1 }, () => ZERO);
    if (p === 0) for (let q = 0; q < row.length; q++) row[q] = q === 0 ? ONE : row[q - 1].times(b0);
    return row;
  });
}

/** `M_{S+j}` from `M_S` (`inFull`, used in the `rho` branch) and `M` (the other branch). */
function addCot(inFull: Moments, M: Moments, pi: Dec, rho: Dec, C: Dec[][]): Moments {
  const pow = [ONE];
  for (let e = 1; e < C.length; e++) pow.push(pow[e - 1].times(pi));
  const out = ONE.minus(rho);
  return M.map((row, p) =>
    row.map((_, q) => {
      let total = ZERO;
      if (!rho.isZero()) {
        let s0 = ZERO;
        for (let s = 0; s <= p; s++) s0 = s0.plus(C[p][s].times(pow[p - s]).times(inFull[s][q]));
        total = s0.times(rho);
      }
      if (!out.isZero()) {
        let t0 = ZERO;
        for (let t = 0; t <= q; t++) t0 = t0.plus(C[q][t].times(pow[q - t]).times(M[p][t]));
        total = total.plus(t0.times(out));
      }
      return total;
    }),
  );
}

/** `sum_m beta_m C(n,m) T(m)` over the nonzero coefficients. */
function bernsteinSum(beta: readonly Dec[], T: (m: number) => Dec, C: Dec[][]): Dec {
  const n = beta.length - 1;
  return sum(beta.map((b, m) => (b.isZero() ? ZERO : b.times(C[n][m]).times(T(m)))));
}

/** `E[(A1 + A2)^m (B1 + B2)^(n-m)]` for independent pairs with moments `X` and `Y`. */
function combined(X: Moments, Y: Moments, n: number, C: Dec[][]): (m: number) => Dec {
  return (m) => {
    let total = ZERO;
    for (let s = 0; s <= m; s++) {
      for (let t = 0; t <= n - m; t++) {
        const y = Y[m - s][n - m - t];
        if (!y.isZero()) total = total.plus(C[m][s].times(C[n - m][t]).times(X[s][t]).times(y));
      }
    }
    return total;
  };
}

function checkInputs(tc: TaskCots, piRef: readonly Dec[], beta: readonly Dec[]): { r0: Dec } {
  const N = tc.cots.length;
  if (N > MAX_INSTANCE_COTS) {
    throw new UsageError(`task ${tc.task.name} has ${N} valid CoTs; exact instance quantities allow at most ${MAX_INSTANCE_COTS}`);
  }
  if (piRef.length !== N) throw new RangeError(`piRef has ${piRef.length} entries for ${N} valid CoTs`);
  if (beta.length === 0) throw new RangeError('beta needs at least one coefficient (degree 0)');
  const r0 = ONE.minus(sum(piRef));
  // Masses of distinct CoTs never exceed 1 in total; a rounding excess counts as no mass off V.
  return { r0: r0.isNegative() ? ZERO : r0 };
}

/**
 * `c -> B(c)` for many `c` (instance enumeration): by the partition of unity
 * `sum_m C(n,m) c^m (1-c)^(n-m) = 1`, `B(c) = kappa + sum_{beta_m != kappa} (beta_m - kappa) C(n,m) c^m (1-c)^(n-m)`
 * with `kappa = beta_n`, each term by two powers, so pass@K's `1 - (1-c)^K` costs `O(log K)` a call.
 * (The recursions never subtract like this: their terms stay non-negative.)
 */
export function bernsteinEvaluator(beta: readonly Dec[]): (c: Dec) => Dec {
  const n = beta.length - 1;
  const kappa = beta[n];
  const terms: { m: number; coefficient: Dec }[] = [];
  let last = n - 1;
  while (last >= 0 && beta[last].eq(kappa)) last--;
  let binom = ONE;
  for (let m = 0; m <= last; m++) {
    if (!beta[m].eq(kappa)) terms.push({ m, coefficient: beta[m].minus(kappa).times(binom) });
    binom = binom.times(n - m).div(m + 1);
  }
  if (terms.length === 0) return () => kappa;
  const top = terms[terms.length - 1].m;
  const low = n - terms[0].m;
  // Powers by repeated products, not `pow`: GRPO evaluates this once per instance per step.
  const powers = (x: Dec, to: number) => {
    const out = [ONE];
    for (let e = 1; e <= to; e++) out.push(out[e - 1].times(x));
    return out;
  };
  return (c) => {
    const cp = powers(c, top);
    const qp = powers(ONE.minus(c), low);
    return terms.reduce((total, { m, coefficient }) => total.plus(coefficient.times(cp[m]).times(qp[n - m])), kappa);
  };
}

/**
 * Multiply-adds of the recursion for the mean (the weights take three times as many): `N` tables,
 * each entry a sum of about `(p + q) / 2 + 2` terms; an estimate, within a factor 2.
 */
function recursionCost(N: number, { n, P, Q }: Shape): number {
  return N * (P + 1) * (Math.min(Q, n) + 1) * ((P + Math.min(Q, n)) / 2 + 2);
}

/** True when enumerating the `2^N` instances costs fewer multiply-adds than the recursion. */
export function enumerationIsCheaper(N: number, beta: readonly Dec[], what: 'mean' | 'weights'): boolean {
  const shape = shapeOf(beta);
  if (N > MAX_ENUMERATED_INSTANCE_COTS || shape === null) return false;
  const terms = beta.filter((b) => !b.eq(beta[shape.n])).length;
  const perInstance = 1 + 2 * terms * (1 + Math.log2(shape.n + 1)) + (what === 'mean' ? N / 2 : N);
  return 2 ** N * perInstance < (what === 'mean' ? 1 : 3) * recursionCost(N, shape);
}

/** `bernsteinInstanceWeights` by prefix and suffix moment tables, whatever `|V_k|`. */
export function bernsteinWeightsByRecursion(tc: TaskCots, piRef: readonly Dec[], beta: readonly Dec[]): Dec[] {
  const { r0 } = checkInputs(tc, piRef, beta);
  const shape = shapeOf(beta);
  if (shape === null) return tc.cots.map(() => ZERO);
  const C = binomials(shape.n);
  const N = tc.cots.length;
  const rho = tc.cots.map((c) => c.rho);
  const prefix: Moments[] = [pointMass(shape, r0)];
  for (let i = 0; i < N; i++) prefix.push(addCot(prefix[i], prefix[i], piRef[i], rho[i], C));
  let suffix = pointMass(shape, ZERO);
  const w: Dec[] = new Array(N);
  for (let i = N - 1; i >= 0; i--) {
    if (rho[i].isZero()) w[i] = ZERO;
    else {
      const withI = addCot(prefix[i], prefix[i], piRef[i], ONE, C);
      w[i] = rho[i].times(bernsteinSum(beta, combined(withI, suffix, shape.n, C), C));
    }
    suffix = addCot(suffix, suffix, piRef[i], rho[i], C);
  }
  return w;
}

/** `bernsteinInstanceMean` by the moment recursion, whatever `|V_k|`. */
export function bernsteinMeanByRecursion(tc: TaskCots, piRef: readonly Dec[], beta: readonly Dec[], options: { hardOnly?: boolean } = {}): Dec {
  const { r0 } = checkInputs(tc, piRef, beta);
  const shape = shapeOf(beta);
  if (shape === null) return ZERO;
  const C = binomials(shape.n);
  const top = (M: Moments) => (m: number) => M[m][shape.n - m];
  if (!options.hardOnly) {
    const M = tc.cots.reduce((acc, c, j) => addCot(acc, acc, piRef[j], c.rho, C), pointMass(shape, r0));
    return bernsteinSum(beta, top(M), C);
  }
  const easy = tc.cots.flatMap((c, j) => (c.kind === 'easy' ? [j] : []));
  // An easy CoT with rho = 1 is in every C_Q: no instance is hard.
  if (easy.some((j) => tc.cots[j].rho.eq(ONE))) return ZERO;
  let full = pointMass(shape, r0.plus(sum(easy.map((j) => piRef[j]))));
  let some = full.map((row) => row.map(() => ZERO));
  tc.cots.forEach((c, j) => {
    if (c.kind === 'easy') return;
    some = addCot(full, some, piRef[j], c.rho, C);
    full = addCot(full, full, piRef[j], c.rho, C);
  });
  // M+[0][0] = P(some hard CoT in C_Q); row 0 and column 0 are in every shape.
  const pHard = some[0][0];
  return pHard.isZero() ? ZERO : bernsteinSum(beta, top(some), C).div(pHard);
}

/** `E_Q[B(c_Q)]` (or given `Q` hard) over the enumerated instances. */
function meanByEnumeration(tc: TaskCots, piRef: readonly Dec[], beta: readonly Dec[], hardOnly: boolean): Dec {
  const B = bernsteinEvaluator(beta);
  let total = ZERO;
  let mass = ZERO;
  for (const q of instances(tc)) {
    if (hardOnly && !q.hard) continue;
    total = total.plus(q.prob.times(B(sum(piRef.filter((_, i) => q.correct[i])))));
    mass = mass.plus(q.prob);
  }
  return hardOnly ? (mass.isZero() ? ZERO : total.div(mass)) : total;
}

/** w[i] = E_Q[R_Q(o_i) B(c_Q)], B(c) = sum_{j=0}^{n} beta[j] C(n,j) c^j (1-c)^(n-j), c_Q = sum_{k in C_Q} piRef[k], n = beta.length - 1. */
export function bernsteinInstanceWeights(tc: TaskCots, piRef: readonly Dec[], beta: readonly Dec[]): Dec[] {
  checkInputs(tc, piRef, beta);
  if (enumerationIsCheaper(tc.cots.length, beta, 'weights')) return instanceWeights(tc, piRef, bernsteinEvaluator(beta));
  return bernsteinWeightsByRecursion(tc, piRef, beta);
}

/** E_Q[B(c_Q)] (with hardOnly: E_Q[B(c_Q) | Q hard], 0 when no hard instance). */
export function bernsteinInstanceMean(tc: TaskCots, piRef: readonly Dec[], beta: readonly Dec[], options?: { hardOnly?: boolean }): Dec {
  checkInputs(tc, piRef, beta);
  const hardOnly = options?.hardOnly ?? false;
  if (enumerationIsCheaper(tc.cots.length, beta, 'mean')) return meanByEnumeration(tc, piRef, beta, hardOnly);
  return bernsteinMeanByRecursion(tc, piRef, beta, { hardOnly });
}
