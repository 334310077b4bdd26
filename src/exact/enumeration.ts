/**
 * Reference values by path enumeration, straight from the definitions of SPEC §3. Exponential in
 * the number of layers; used only by proofs/ to check the layer passes (src/exact/values.ts).
 */
import { ONE, ZERO, sum, type Dec } from '../numeric.ts';
import type { Policy } from '../policy.ts';
import { taskCots } from './correctness.ts';
import { enumeratePaths } from './paths.ts';
import type { TaskValues } from './values.ts';

export function taskValuesByEnumeration(policy: Policy, k: number): TaskValues {
  const { tmc, probs } = policy;
  const tc = taskCots(tmc, k);
  const rhoOf = new Map(tc.cots.map((c) => [c.path.join(','), c.rho]));
  const paths = enumeratePaths(probs, tc.task.start).map(({ path, p }) => ({
    path,
    pi: p,
    rho: rhoOf.get(path.join(',')) ?? ZERO,
  }));
  const through = (l: number, u: number, v?: number) =>
    paths.filter((o) => o.path[l] === u && (v === undefined || o.path[l + 1] === v));
  const mass = (os: typeof paths) => sum(os.map((o) => o.pi));
  const reward = (os: typeof paths) => sum(os.map((o) => o.pi.times(o.rho)));
  const cond = (os: typeof paths): Dec => (mass(os).isZero() ? ZERO : reward(os).div(mass(os)));
  const d = tmc.widths.map((w, l) => Array.from({ length: w }, (_, u) => mass(through(l, u))));
  const V = tmc.widths.map((w, l) => Array.from({ length: w }, (_, u) => cond(through(l, u))));
  const Q = tmc.kernels.map((k_, l) => k_.map((row, u) => row.map((_, v) => cond(through(l, u, v)))));
  const A = Q.map((k_, l) => k_.map((row, u) => row.map((q) => q.minus(V[l][u]))));
  // dJ/dtheta_l[u][v] = sum_{o : o_l = u} pi(o) rho(o) (1[o_{l+1} = v] - pi(v|u)): the softmax score.
  const grad = tmc.kernels.map((k_, l) =>
    k_.map((row, u) =>
      row.map((_, v) =>
        sum(through(l, u).map((o) => o.pi.times(o.rho).times((o.path[l + 1] === v ? ONE : ZERO).minus(probs[l][u][v])))),
      ),
    ),
  );
  const J = sum(paths.map((o) => o.pi.times(o.rho)));
  return { d, V, Q, A, grad, J };
}
