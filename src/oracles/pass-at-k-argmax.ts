/**
 * # `argmax pass@K` over distributions on a task's valid CoTs (float64 oracle)
 *
 * `pass_K(x) = E_Q[1 - (1 - x(C_Q))^K]` for a distribution `x` on the valid CoTs `V`, `C_Q` drawn as in
 * SPEC §2 (each `o` in `C_Q` independently with probability `rho(o)`). `pass_K` is concave in `x`, and
 * strictly so when `|V| >= 2` (every singleton instance has positive probability), so its maximizer
 * `x*` on the simplex is unique. With `n = K - 1`, the marginal gain of `o` is
 * `d pass_K / d x(o) = K w_x(o)`, `w_x(o) = E_Q[(1 - x(C_Q))^n 1[o in C_Q]]`, and `x*` is the one point
 * where (KKT) `w(o) = mu` on its support and `w(o) <= mu` off it.
 *
 * Main definitions
 * - `passAtKArgmax(rho, K, allowed)`: `x*` on the face of the CoTs `allowed` (all by default), by
 *   pairwise coordinate ascent: move mass from the CoT of least gain to the one of largest gain,
 *   maximizing `pass_K` on that segment by safeguarded Newton steps (SMO); stops when the KKT gap is
 *   below `1e-13`.
 * - `marginalGains(rho, K, x)`: `w_x`.
 *
 * Implementation notes
 * Instances are enumerated (`2^|V|`) in float64, independently of the engine's moment recursions
 * (src/exact/instance-moments.ts) and of any policy or update rule: the claims that use it compare a
 * training run against this point.
 */

/** The non-empty instances: probability and member CoTs. */
export interface InstanceList {
  readonly prob: readonly number[];
  readonly members: readonly (readonly number[])[];
}

/** The `2^|V| - 1` non-empty instances of CoTs with correctness `rho`. */
export function instanceList(rho: readonly number[]): InstanceList {
  const prob: number[] = [];
  const members: number[][] = [];
  for (let mask = 1; mask < 1 << rho.length; mask++) {
    let p = 1;
    const m: number[] = [];
    rho.forEach((r, i) => {
      const inQ = ((mask >> i) & 1) === 1;
      p *= inQ ? r : 1 - r;
      if (inQ) m.push(i);
    });
    prob.push(p);
    members.push(m);
  }
  return { prob, members };
}

function mass(x: readonly number[], m: readonly number[]): number {
  let c = 0;
  for (const i of m) c += x[i];
  return c;
}

/** `w_x(o) = E_Q[(1 - x(C_Q))^n 1[o in C_Q]]`, `n = K - 1`. */
export function marginalGains(q: InstanceList, K: number, x: readonly number[]): number[] {
  const w = x.map(() => 0);
  q.members.forEach((m, j) => {
    const f = q.prob[j] * (1 - mass(x, m)) ** (K - 1);
    for (const i of m) w[i] += f;
  });
  return w;
}

/** `pass_K(x)`. */
export function passAtKOf(q: InstanceList, K: number, x: readonly number[]): number {
  return q.members.reduce((s, m, j) => s + q.prob[j] * (1 - (1 - mass(x, m)) ** K), 0);
}

const KKT_GAP = 1e-13;
const MAX_ITERATIONS = 20_000;

/**
 * `argmax pass_K` over distributions supported on `allowed` (every CoT by default), with the common
 * gain `mu` of its support. Throws if the KKT gap does not close (a bug, not a property of the TMC).
 */
export function passAtKArgmax(
  q: InstanceList,
  size: number,
  K: number,
  allowed: readonly boolean[] = Array.from({ length: size }, () => true),
): { x: number[]; mu: number } {
  const idx = allowed.flatMap((a, i) => (a ? [i] : []));
  if (idx.length === 0) throw new RangeError('passAtKArgmax: no CoT allowed');
  const x = Array.from({ length: size }, (_, i) => (allowed[i] ? 1 / idx.length : 0));
  const n = K - 1;
  for (let it = 0; it < MAX_ITERATIONS; it++) {
    const w = marginalGains(q, K, x);
    let i = idx[0];
    let j = -1;
    for (const a of idx) {
      if (w[a] > w[i]) i = a;
      if (x[a] > 0 && (j < 0 || w[a] < w[j])) j = a;
    }
    if (w[i] - w[j] <= KKT_GAP) return { x, mu: w[j] };
    // phi(t) = pass_K(x + t (e_i - e_j)), t in [0, x_j]: phi' = K (w_i - w_j), concave.
    const slope = (t: number): [number, number] => {
      let d = 0;
      let dd = 0;
      q.members.forEach((m, k) => {
        const a = m.includes(i) ? 1 : 0;
        const b = m.includes(j) ? 1 : 0;
        if (a === b) return;
        const s = 1 - mass(x, m) - t * (a - b);
        d += q.prob[k] * (a - b) * s ** n;
        dd -= q.prob[k] * n * s ** (n - 1);
      });
      return [d, dd];
    };
    let [lo, hi] = [0, x[j]];
    let t: number;
    if (slope(hi)[0] >= 0) t = hi;
    else {
      t = hi / 2;
      for (let k = 0; k < 100 && hi - lo > 1e-17; k++) {
        const [d, dd] = slope(t);
        if (d > 0) lo = t;
        else hi = t;
        const newton = t - d / dd;
        t = newton > lo && newton < hi ? newton : (lo + hi) / 2;
        if (Math.abs(d) < 1e-16) break;
      }
    }
    x[i] += t;
    x[j] -= t;
    if (x[j] < 1e-300) x[j] = 0;
  }
  throw new Error('passAtKArgmax: the KKT gap did not close');
}

function jacobiEigenvalues(A: number[][]): number[] {
  const n = A.length;
  const a = A.map((r) => [...r]);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += a[i][j] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p][q]) < 1e-300) continue;
        const th = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(th || 1) / (Math.abs(th) + Math.sqrt(th * th + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) [a[k][p], a[k][q]] = [c * a[k][p] - s * a[k][q], s * a[k][p] + c * a[k][q]];
        for (let k = 0; k < n; k++) [a[p][k], a[q][k]] = [c * a[p][k] - s * a[q][k], s * a[p][k] + c * a[q][k]];
      }
  }
  return a.map((r, i) => r[i]).sort((x, y) => x - y);
}

/**
 * The per-step contraction of exact gradient ascent `theta += (eta/K) grad_theta pass_K` near an interior
 * `x*`, for a tabular softmax on a tree whose CoTs are `paths`: the error `dx` obeys
 * `dx' = (I - eta G N) dx` with `G = J J^T` (`J = dx/dtheta`) and `N = -Hess pass_K / K =
 * n E_Q[(1 - x(C_Q))^(n-1) 1_C 1_C^T]`; `G N` has one zero eigenvalue (the direction `1`, which `x`
 * cannot take) and the others `lambda_i > 0`, so the contraction is `max_i |1 - eta lambda_i|`.
 */
export function contraction(q: InstanceList, K: number, x: readonly number[], paths: readonly (readonly number[])[], eta: number): number {
  const m = x.length;
  const key = (p: readonly number[], l: number) => p.slice(0, l + 1).join(',');
  const through = new Map<string, number>();
  const kids = new Map<string, Set<string>>();
  paths.forEach((p, o) => {
    for (let l = 0; l < p.length; l++) through.set(key(p, l), (through.get(key(p, l)) ?? 0) + x[o]);
    for (let l = 0; l + 1 < p.length; l++) (kids.get(key(p, l)) ?? kids.set(key(p, l), new Set()).get(key(p, l))!).add(key(p, l + 1));
  });
  const cols: number[][] = [];
  for (const [u, vs] of kids) {
    if (vs.size < 2) continue;
    for (const v of vs) {
      const pi = through.get(v)! / through.get(u)!;
      cols.push(paths.map((p, o) => (key(p, u.split(',').length - 1) !== u ? 0 : x[o] * (key(p, v.split(',').length - 1) === v ? 1 - pi : -pi))));
    }
  }
  const G = x.map((_, i) => x.map((__, j) => cols.reduce((s, c) => s + c[i] * c[j], 0)));
  const N = x.map(() => x.map(() => 0));
  q.members.forEach((mem, k) => {
    const f = (K - 1) * q.prob[k] * (1 - mass(x, mem)) ** (K - 2);
    for (const i of mem) for (const j of mem) N[i][j] += f;
  });
  // N = L L^T; the eigenvalues of G N are those of L^T G L.
  const L = x.map(() => x.map(() => 0));
  for (let i = 0; i < m; i++)
    for (let j = 0; j <= i; j++) {
      let s = N[i][j];
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      L[i][j] = i === j ? Math.sqrt(s) : s / L[j][j];
    }
  const S = x.map((_, i) => x.map((__, j) => { let s = 0; for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) s += L[a][i] * G[a][b] * L[b][j]; return s; }));
  return Math.max(...jacobiEigenvalues(S).slice(1).map((e) => Math.abs(1 - eta * e)));
}
