/**
 * # A task's most consistent CoT made to pass given states (H-on-survivor)
 *
 * `withSurvivorThrough(tmc, task, states)` takes the most probable valid CoT of `task` through the
 * first of `states` and raises each of its edges to at least 9/10 of its row (integer weights: the
 * edge's weight becomes 9 times the rest of the row's, when it is not already); the other edges keep
 * their ratios. Every row keeps its support, so hypotheses about the support (shared valid states,
 * H-disjoint, H-two-way) are kept. With at most 20 rows after any departure, `(9/10)^20 > 1/10`, so
 * the raised CoT is the task's unique most consistent one. Used by `forgetting-limit`.
 */
import { taskCots } from '../exact/correctness.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import type { Tmc } from '../tmc.ts';
import { rowFromWeights, weightsOfRow } from './_internals/weight-rows.ts';

/** The TMC with `task`'s most probable valid CoT through `states[0]` raised (unchanged when `states` is empty). */
export function withSurvivorThrough(tmc: Tmc, task: number, states: readonly (readonly [number, number])[]): Tmc {
  if (states.length === 0) return tmc;
  const [l0, u0] = states[0];
  const through = taskCots(tmc, task).cots.filter((c) => c.path[l0] === u0);
  if (through.length === 0) return tmc;
  const best = through.reduce((a, c) => (c.p.gt(a.p) ? c : a));
  const kernels = tmc.spec.kernels.map((k, l) =>
    k.map((row, u) => {
      if (best.path[l] !== u) return row;
      const w = weightsOfRow(row);
      const v = best.path[l + 1];
      const rest = w.reduce((a, x) => a + x, 0) - w[v];
      return rowFromWeights(w.map((x, i) => (i === v ? Math.max(x, 9 * rest) : x)));
    }),
  );
  return tmcFromSpec({ ...tmc.spec, kernels, easy: undefined });
}
