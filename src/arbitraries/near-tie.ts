/**
 * # Near ties at the top (cases without H-gap)
 *
 * Random weights rarely put a runner-up within 10% of the most consistent CoT; ties at the top are
 * common with 0-1 weights. `withNearTie(tmc)` turns a tie of task `k` into a near tie: at the deepest
 * row of the leader's path where a tied rival leaves it (a row with a sibling edge, as `withRhoGap`
 * picks), it scales the row's integer weights by 100 and adds 1 to the leader's edge. The leader gains
 * the factor `(100 w + 1) / (100 w)` at most against the rival, so the gap `1 - rho(rival)/rho*` lies in
 * `(0, 1/101]`. A TMC without a tie at the top is returned unchanged.
 */
import { taskCots } from '../exact/correctness.ts';
import { compareExact } from '../numeric.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import type { Tmc } from '../tmc.ts';
import { rowFromWeights, weightsOfRow } from './_internals/weight-rows.ts';
import { leaderAndRunnerUp } from './rho-gap.ts';

/** Scale of the edited row's weights: the leader's edge gains at most `1/SCALE` of its weight. */
const SCALE = 100;

export function withNearTie(tmc: Tmc, k = 0): Tmc {
  const tc = taskCots(tmc, k);
  const { leader } = leaderAndRunnerUp(tc);
  const rival = tc.cots.find((c) => c !== leader && compareExact(c.rho, leader.rho) === 0);
  if (rival === undefined) return tmc;
  const [star, other] = [leader.path, rival.path];
  const siblings = (l: number) => tmc.kernels[l][star[l]].filter((p) => p.gt(0)).length;
  let l = tmc.layers - 2;
  while (l > 0 && !((other[l] !== star[l] || other[l + 1] !== star[l + 1]) && siblings(l) > 1)) l--;
  if (siblings(l) < 2) return tmc;
  const kernels = tmc.spec.kernels.map((kernel) => kernel.map((row) => [...row]));
  const w = weightsOfRow(kernels[l][star[l]]).map((x) => SCALE * x);
  w[star[l + 1]] += 1;
  kernels[l][star[l]] = rowFromWeights(w);
  return tmcFromSpec({ kernels, tasks: tmc.spec.tasks });
}
