/**
 * # Exact state values and the policy gradient by layer passes (SPEC §3)
 *
 * For task `k` (reward `rho_k`) under policy `pi`, with `Z = p(V_k)`:
 * - forward: `d_l(u) = P_pi(o_l = u)` and `f_l(u) = sum_{prefixes x to u} pi(x) p(x)`;
 * - backward: `g_l(u) = sum_{suffixes y from u to t_k} pi(y) p(y)`.
 * Since `rho(o) = p(o)/Z` factors over edges, `E_pi[rho | o_l = u] d_l(u) = f_l(u) g_l(u) / Z`, so
 * `V(u) = f g / (Z d)`, `Q(u,v) = f(u) P(v|u) g(v) / (Z d(u))`, `A = Q - V`, `J = g_0(s_k)/Z` and
 * `dJ/dtheta_l[u][v] = d(u) pi(v|u) A(u,v) = pi(v|u) f(u) (P(v|u) g(v) - g(u)) / Z`.
 * Cost is linear in the number of edges. `Q`, `V`, `A` are 0 at unvisited states.
 */
import { ONE, ZERO, type Dec } from '../numeric.ts';
import type { Policy, Probs } from '../policy.ts';
import type { Tmc } from '../tmc.ts';

export interface TaskValues {
  /** `d[l][u]`. */
  readonly d: Dec[][];
  readonly V: Dec[][];
  /** `Q[l][u][v]`, `A[l][u][v]`, `grad[l][u][v]`: kernel-shaped. */
  readonly Q: Dec[][][];
  readonly A: Dec[][][];
  readonly grad: Dec[][][];
  /** `J_k(pi)`. */
  readonly J: Dec;
}

/** `out[l][u]` = mass reaching state `u` of layer `l` from `start`, weighting each edge by `weight`. */
export function forwardPass(tmc: Tmc, start: number, weight: (l: number, u: number, v: number) => Dec): Dec[][] {
  const out: Dec[][] = [Array.from({ length: tmc.widths[0] }, (_, u) => (u === start ? ONE : ZERO))];
  for (let l = 0; l + 1 < tmc.layers; l++) {
    const next = Array.from({ length: tmc.widths[l + 1] }, () => ZERO);
    out[l].forEach((m, u) => {
      if (m.isZero()) return;
      for (let v = 0; v < next.length; v++) {
        const w = weight(l, u, v);
        if (!w.isZero()) next[v] = next[v].plus(m.times(w));
      }
    });
    out.push(next);
  }
  return out;
}

/** `out[l][u]` = total edge weight of the paths from `u` (layer `l`) to `target` in the last layer. */
export function backwardPass(tmc: Tmc, target: number, weight: (l: number, u: number, v: number) => Dec): Dec[][] {
  const out: Dec[][] = new Array(tmc.layers);
  out[tmc.layers - 1] = Array.from({ length: tmc.widths[tmc.layers - 1] }, (_, v) => (v === target ? ONE : ZERO));
  for (let l = tmc.layers - 2; l >= 0; l--) {
    out[l] = Array.from({ length: tmc.widths[l] }, (_, u) => {
      let total = ZERO;
      out[l + 1].forEach((g, v) => {
        if (!g.isZero()) {
          const w = weight(l, u, v);
          if (!w.isZero()) total = total.plus(w.times(g));
        }
      });
      return total;
    });
  }
  return out;
}

/** Edge weight `probs[l][u][v]`, for the passes. */
export function edge(probs: Probs): (l: number, u: number, v: number) => Dec {
  return (l, u, v) => probs[l][u][v];
}

/** `p(V_k)`: the base probability of reaching `t_k` from `s_k`. */
export function validProbability(tmc: Tmc, k: number): Dec {
  const { start, target } = tmc.tasks[k];
  return backwardPass(tmc, target, edge(tmc.kernels))[0][start];
}

/** `d`, `Q`, `V`, `A`, the gradient and `J` of task `k` under `policy`, by layer passes. */
export function taskValues(policy: Policy, k: number): TaskValues {
  const { tmc, probs } = policy;
  const { start, target } = tmc.tasks[k];
  const P = tmc.kernels;
  const Z = validProbability(tmc, k);
  const d = forwardPass(tmc, start, edge(probs));
  const f = forwardPass(tmc, start, (l, u, v) => probs[l][u][v].times(P[l][u][v]));
  const g = backwardPass(tmc, target, (l, u, v) => probs[l][u][v].times(P[l][u][v]));
  // One division per state, none per edge: `1/Z` and `1/(Z d(u))`.
  const invZ = ONE.div(Z);
  const invZd = d.map((layer) => layer.map((du) => (du.isZero() ? ZERO : invZ.div(du))));
  const V = d.map((layer, l) => layer.map((_, u) => f[l][u].times(g[l][u]).times(invZd[l][u])));
  const Q = P.map((k_, l) => k_.map((row, u) => row.map((p, v) => (p.isZero() ? ZERO : f[l][u].times(invZd[l][u]).times(p).times(g[l + 1][v])))));
  const A = Q.map((k_, l) => k_.map((row, u) => row.map((q) => q.minus(V[l][u]))));
  const grad = P.map((k_, l) =>
    k_.map((row, u) => {
      const fu = f[l][u].times(invZ);
      return row.map((p, v) => (fu.isZero() ? ZERO : probs[l][u][v].times(fu).times(p.times(g[l + 1][v]).minus(g[l][u]))));
    }),
  );
  return { d, V, Q, A, grad, J: g[0][start].times(invZ) };
}
