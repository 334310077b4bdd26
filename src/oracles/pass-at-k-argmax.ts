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
