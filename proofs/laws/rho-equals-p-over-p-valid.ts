/**
 * # Correctness is the base probability over the valid mass
 *
 * Main statement: for every task `k`, the engine's valid CoTs are exactly the paths from `s_k` to
 * `t_k` with `p(o) > 0`, and `rho_k(o) = p(o) / p(V_k)`, with `p(o)` the product of the kernel entries
 * along `o` and `p(V_k)` their sum, both by a path recursion written here. "Sums to 1"
 * (rho-sums-to-one) holds for any normalized weighting, `p^2` included; this pins the weighting.
 */
import fc from 'fast-check';
import { ONE, ZERO, type Dec } from '../../src/numeric.ts';
import type { Tmc } from '../../src/tmc.ts';
import { expectAllClose, tmcs } from './cases.ts';
import type { ExactEngine } from './engine.ts';

/** Every path from `start` with positive probability, with that probability. */
function paths(tmc: Tmc, start: number): { path: number[]; p: Dec }[] {
  let out = [{ path: [start], p: ONE }];
  for (const kernel of tmc.kernels) {
    out = out.flatMap(({ path, p }) =>
      kernel[path[path.length - 1]].flatMap((q, v) => (q.gt(0) ? [{ path: [...path, v], p: p.times(q) }] : [])),
    );
  }
  return out;
}

export function rhoEqualsPOverPValid(engine: ExactEngine): fc.IProperty<[Tmc]> {
  return fc.property(tmcs(), (tmc) => {
    tmc.tasks.forEach(({ start, target }, k) => {
      const valid = paths(tmc, start).filter((o) => o.path[o.path.length - 1] === target);
      const pValid = valid.reduce((s, o) => s.plus(o.p), ZERO);
      const got = new Map(engine.taskCots(tmc, k).cots.map((c) => [c.path.join('-'), c.rho]));
      const want = valid.map((o) => o.path.join('-'));
      if (got.size !== want.length || want.some((o) => !got.has(o))) {
        throw new Error(`task ${k} valid CoTs: engine ${[...got.keys()].join(', ')} vs enumeration ${want.join(', ')}`);
      }
      valid.forEach((o) => expectAllClose(`task ${k} rho(${o.path.join('-')}) (engine vs p(o)/p(V))`, got.get(o.path.join('-'))!, o.p.div(pValid)));
    });
  });
}
