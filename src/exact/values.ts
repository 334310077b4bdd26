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
import { D, ONE, ZERO, type Dec } from '../numeric.ts';
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

const validProbabilities = new WeakMap<Tmc, Map<string, Dec>>();

/** `p(V_k)`: the base probability of reaching `t_k` from `s_k` (once per TMC, task and precision: every step needs it). */
export function validProbability(tmc: Tmc, k: number): Dec {
  let cached = validProbabilities.get(tmc);
  if (cached === undefined) validProbabilities.set(tmc, (cached = new Map()));
  const key = `${k}@${D.precision}`;
  let Z = cached.get(key);
  if (Z === undefined) {
    const { start, target } = tmc.tasks[k];
    Z = backwardPass(tmc, target, edge(tmc.kernels))[0][start];
    cached.set(key, Z);
  }
  return Z;
}

/**
 * `d`, `Q`, `V`, `A`, the gradient and `J` of task `k` under `policy`, by layer passes. Everything but `J`
 * is computed on first read: REINFORCE and RAFT read only the gradient, PPO and the Gibbs step `d` and `A`.
 */
export function taskValues(policy: Policy, k: number): TaskValues {
  const { tmc, probs } = policy;
  const { start, target } = tmc.tasks[k];
  const P = tmc.kernels;
  const Z = validProbability(tmc, k);
  // `pi(v|u) P(v|u)` once per edge, shared by the two passes.
  const piP = P.map((k_, l) => k_.map((row, u) => row.map((p, v) => (p.isZero() ? ZERO : probs[l][u][v].times(p)))));
  const f = forwardPass(tmc, start, edge(piP));
  const g = backwardPass(tmc, target, edge(piP));
  // One division per state, none per edge: `1/Z` and `1/(Z d(u))`.
  const invZ = ONE.div(Z);
  let grad: Dec[][][] | undefined;
  let d: Dec[][] | undefined;
  let invZd: Dec[][] | undefined;
  let V: Dec[][] | undefined;
  let Q: Dec[][][] | undefined;
  let A: Dec[][][] | undefined;
  const gradient = () =>
    (grad ??= P.map((k_, l) =>
      k_.map((row, u) => {
        const fu = f[l][u].times(invZ);
        return row.map((p, v) => (fu.isZero() || probs[l][u][v].isZero() ? ZERO : probs[l][u][v].times(fu).times(p.times(g[l + 1][v]).minus(g[l][u]))));
      }),
    ));
  const visits = () => (d ??= forwardPass(tmc, start, edge(probs)));
  const inverses = () => (invZd ??= visits().map((layer) => layer.map((du) => (du.isZero() ? ZERO : invZ.div(du)))));
  const values = () => (V ??= visits().map((layer, l) => layer.map((_, u) => f[l][u].times(g[l][u]).times(inverses()[l][u]))));
  const actionValues = () =>
    (Q ??= P.map((k_, l) => k_.map((row, u) => row.map((p, v) => (p.isZero() ? ZERO : f[l][u].times(inverses()[l][u]).times(p).times(g[l + 1][v]))))));
  return {
    get grad() {
      return gradient();
    },
    get d() {
      return visits();
    },
    J: g[0][start].times(invZ),
    get V() {
      return values();
    },
    get Q() {
      return actionValues();
    },
    get A() {
      return (A ??= actionValues().map((k_, l) => k_.map((row, u) => row.map((x) => x.minus(values()[l][u])))));
    },
  };
}
