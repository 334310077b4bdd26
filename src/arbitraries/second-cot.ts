/**
 * # A second valid CoT
 *
 * Claims about how mass moves between valid CoTs say nothing when a task has a single one, which is
 * what half the small random TMCs give. `withSecondValidCot(tmc)` adds, when task `k` has one valid
 * CoT, an edge of weight 1 to its target from the first other state of the next-to-last layer that
 * the task reaches. The answer layer is exempt from H-tree, so trees stay trees; a TMC whose task
 * reaches a single next-to-last state is returned unchanged.
 */
import { taskCots } from '../exact/correctness.ts';
import { edge, forwardPass } from '../exact/values.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import type { Tmc } from '../tmc.ts';
import { rowFromWeights, weightsOfRow } from './_internals/weight-rows.ts';

/** The TMC with an edge added so that task `k` has at least two valid CoTs, when one state allows it. */
export function withSecondValidCot(tmc: Tmc, k = 0): Tmc {
  const tc = taskCots(tmc, k);
  if (tc.cots.length !== 1) return tmc;
  const l = tmc.layers - 2;
  const only = tc.cots[0].path[l];
  const reached = forwardPass(tmc, tc.task.start, edge(tmc.kernels))[l];
  const u = reached.findIndex((m, s) => s !== only && m.gt(0));
  if (u < 0) return tmc;
  const kernels = tmc.spec.kernels.map((kernel) => kernel.map((row) => [...row]));
  const w = weightsOfRow(kernels[l][u]);
  w[tc.task.target] += 1;
  kernels[l][u] = rowFromWeights(w);
  return tmcFromSpec({ kernels, tasks: tmc.spec.tasks });
}
