/**
 * # TMCs whose most consistent CoT is the easy one (H-easy-max)
 *
 * The paper's setting for the consistency claims: the CoT with the largest `rho` is easy (a chain of
 * high-probability steps). `withEasyMaxCot(tmc, k)`:
 * 1. takes the most probable CoT `o_g` from `s_k` (the first one in lexicographic order on ties);
 * 2. with `boost` (default), raises each of its edges in a row with two or more support edges by the
 *    row's total weight, so the edge holds more than half the row: every such edge becomes the row's
 *    unique maximum (easy) and every sibling edge hard;
 * 3. retargets task `k` to `o_g`'s last state.
 * Boosting only raises `o_g` against every other CoT from `s_k` (each other CoT leaves `o_g` at a row
 * where `o_g`'s share grew), so `o_g` is the unique most probable CoT, hence the unique largest-`rho`
 * valid CoT (H-unique-max), it is easy (H-easy-max), and every other valid CoT is hard.
 * Without `boost` only step 3 happens: `o_g` is the largest-`rho` CoT but may use a hard edge (the
 * case H-easy-max rules out) and may tie.
 *
 * `withTiedEasyMax(tmc, k)` gives the unique most consistent CoT an easy twin, so that H-easy-max holds
 * with a tie at the top (the case where "the most consistent CoT" names no single CoT).
 */
import type fc from 'fast-check';
import { TmcFormatError } from '../errors.ts';
import { enumeratePaths } from '../exact/paths.ts';
import { taskCots } from '../exact/correctness.ts';
import { compareExact, maxOf } from '../numeric.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import type { Tmc } from '../tmc.ts';
import { rowFromWeights, weightsOfRow } from './_internals/weight-rows.ts';

/** The most probable CoT from `s_k` (first in lexicographic order among ties). */
export function mostProbableCot(tmc: Tmc, k: number): number[] {
  const paths = enumeratePaths(tmc.kernels, tmc.tasks[k].start);
  const top = maxOf(paths.map((p) => p.p));
  return paths.find((p) => compareExact(p.p, top) === 0)!.path;
}

/** H-easy-max for task `k`: every valid CoT with the largest `rho` is easy. */
export function hasEasyMaxCot(tmc: Tmc, k: number): boolean {
  const tc = taskCots(tmc, k);
  const top = maxOf(tc.cots.map((c) => c.rho));
  return tc.cots.filter((c) => compareExact(c.rho, top) === 0).every((c) => c.kind === 'easy');
}

/** See the module comment. */
export function withEasyMaxCot(tmc: Tmc, k = 0, boost = true): Tmc {
  const g = mostProbableCot(tmc, k);
  const kernels = tmc.spec.kernels.map((kernel) => kernel.map((row) => [...row]));
  if (boost) {
    g.slice(0, -1).forEach((u, l) => {
      const w = weightsOfRow(kernels[l][u]);
      if (w.filter((x) => x > 0).length < 2) return;
      w[g[l + 1]] += w.reduce((a, b) => a + b, 0);
      kernels[l][u] = rowFromWeights(w);
    });
  }
  const tasks = tmc.spec.tasks.map((t, i) => (i === k ? { ...t, target: g[g.length - 1] } : t));
  return tmcFromSpec({ kernels, tasks });
}

/** `tmcs` mapped through `withEasyMaxCot` (task 0). */
export function easyMaxArbitrary(tmcs: fc.Arbitrary<Tmc>, boost = true): fc.Arbitrary<Tmc> {
  return tmcs.map((tmc) => withEasyMaxCot(tmc, 0, boost));
}

/**
 * A TMC where the most probable CoT from `s_k` tends to start with a hard edge (to break H-easy-max):
 * the start row gets weight 6 on its first state and 5 on its second, and every row along the second
 * state's first-edge path becomes deterministic. The path through the second state has probability
 * 5/11, more than any path through the first (6/11 times at most 5/6) once the first state's row
 * branches. Unchanged when layer 1 has a single state, or when the new rows leave a task no valid CoT.
 */
export function withHardLeader(tmc: Tmc, k = 0): Tmc {
  if (tmc.widths[1] < 2) return tmc;
  const kernels = tmc.spec.kernels.map((kernel) => kernel.map((row) => [...row]));
  const s = tmc.tasks[k].start;
  kernels[0][s] = rowFromWeights(kernels[0][s].map((_, v) => (v === 0 ? 6 : v === 1 ? 5 : 0)));
  let u = 1;
  for (let l = 1; l < kernels.length; l++) {
    const v = weightsOfRow(kernels[l][u]).findIndex((w) => w > 0);
    kernels[l][u] = rowFromWeights(kernels[l][u].map((_, x) => (x === v ? 1 : 0)));
    u = v;
  }
  try {
    return tmcFromSpec({ kernels, tasks: tmc.spec.tasks });
  } catch (e) {
    // The deterministic rows can cut every path to a target (rows shared with the first state's paths).
    if (e instanceof TmcFormatError) return tmc;
    throw e;
  }
}

/**
 * The TMC with an easy twin `o'` of task `k`'s unique most consistent CoT `o`: with `u = o_{L-1}` and
 * `u'` another state of layer `L-1` (state 0, else 1), the edge `o_{L-2} -> u'` gets `u`'s weight and
 * `u'` a copy of `u`'s row, so `o'` (`o` through `u'`) has `p(o') = p(o)` and only easy edges. Returned
 * when the CoTs with the largest `rho` are then two or more and all easy (H-easy-max); unchanged
 * otherwise (under 3 layers, one state in layer `L-1`, several tasks, whose targets the copied row
 * could cut off, no unique leader, or another CoT overtaking).
 */
export function withTiedEasyMax(tmc: Tmc, k = 0): Tmc {
  const L = tmc.layers;
  if (L < 3 || tmc.widths[L - 2] < 2 || tmc.tasks.length > 1) return tmc;
  const leaders = (t: Tmc) => {
    const tc = taskCots(t, k);
    const top = maxOf(tc.cots.map((c) => c.rho));
    return tc.cots.filter((c) => compareExact(c.rho, top) === 0);
  };
  const before = leaders(tmc);
  if (before.length !== 1) return tmc;
  const o = before[0].path;
  const u = o[L - 2];
  const twin = u === 0 ? 1 : 0;
  const kernels = tmc.spec.kernels.map((kernel) => kernel.map((row) => [...row]));
  const w = weightsOfRow(kernels[L - 3][o[L - 3]]);
  w[twin] = w[u];
  kernels[L - 3][o[L - 3]] = rowFromWeights(w);
  kernels[L - 2][twin] = [...kernels[L - 2][u]];
  const tied = tmcFromSpec({ kernels, tasks: tmc.spec.tasks });
  const after = leaders(tied);
  return after.length >= 2 && after.every((c) => c.kind === 'easy') ? tied : tmc;
}
