/**
 * # Named hypotheses as exact predicates on a TMC
 *
 * - `H-tree` (`isTreeFor`): every non-final state reachable from `s_k` is reached by exactly one
 *   prefix. The last layer holds the answers and is exempt: SPEC §1 read literally ("every state")
 *   would leave each task a single valid CoT, and every claim about several CoTs would be vacuous.
 * - `H-unique-max` (`hasUniqueMaxRho`): one valid CoT has strictly the largest `rho` (ties decided up
 *   to the working precision, `compareExact`).
 * - `H-hard-valid` (`hasHardValidCot`): some valid CoT uses a hard edge.
 * - `H-margin(m)` (`easyHardMargin`): the smallest ratio, over rows, of an easy edge's probability
 *   to a hard edge's probability in the same row (infinite when no row has both).
 * - `H-shared` (`sharedStates`): states (layer, state) that both tasks can visit.
 */
import { D, compareExact, maxOf, type Dec } from './numeric.ts';
import type { TaskCots } from './exact/correctness.ts';
import type { Tmc } from './tmc.ts';

/** Number of positive-probability prefixes from `start` reaching each state, capped at 2. */
function prefixCounts(tmc: Tmc, start: number): number[][] {
  const counts: number[][] = [Array.from({ length: tmc.widths[0] }, (_, u) => (u === start ? 1 : 0))];
  for (let l = 0; l + 1 < tmc.layers; l++) {
    const next = Array.from({ length: tmc.widths[l + 1] }, () => 0);
    counts[l].forEach((c, u) => tmc.kernels[l][u].forEach((p, v) => p.gt(0) && (next[v] = Math.min(2, next[v] + c))));
    counts.push(next);
  }
  return counts;
}

/** H-tree for task `k`: every reachable non-final state has exactly one prefix from `s_k`. */
export function isTreeFor(tmc: Tmc, k: number): boolean {
  const counts = prefixCounts(tmc, tmc.tasks[k].start);
  return counts.slice(0, -1).every((layer) => layer.every((c) => c <= 1));
}

/** H-tree for every task. */
export function isTree(tmc: Tmc): boolean {
  return tmc.tasks.every((_, k) => isTreeFor(tmc, k));
}

/** H-unique-max: exactly one valid CoT attains the largest `rho`. */
export function hasUniqueMaxRho(tc: TaskCots): boolean {
  const top = maxOf(tc.cots.map((c) => c.rho));
  return tc.cots.filter((c) => compareExact(c.rho, top) === 0).length === 1;
}

/** H-hard-valid: some valid CoT is hard. */
export function hasHardValidCot(tc: TaskCots): boolean {
  return tc.cots.some((c) => c.kind === 'hard');
}

/** The smallest easy/hard probability ratio within a row, over all rows (Infinity when none). */
export function easyHardMargin(tmc: Tmc): Dec {
  let m = new D(Infinity);
  tmc.kernels.forEach((k, l) =>
    k.forEach((row, u) => {
      const easy = row.filter((p, v) => p.gt(0) && tmc.easy[l][u][v]);
      const hard = row.filter((p, v) => p.gt(0) && !tmc.easy[l][u][v]);
      if (easy.length && hard.length) {
        const ratio = easy.reduce((a, b) => (b.lt(a) ? b : a)).div(maxOf(hard));
        if (ratio.lt(m)) m = ratio;
      }
    }),
  );
  return m;
}

/** States `[layer, state]` that both task `a` and task `b` reach with positive probability. */
export function sharedStates(tmc: Tmc, a: number, b: number): [number, number][] {
  const ca = prefixCounts(tmc, tmc.tasks[a].start);
  const cb = prefixCounts(tmc, tmc.tasks[b].start);
  const out: [number, number][] = [];
  ca.forEach((layer, l) => layer.forEach((c, u) => c > 0 && cb[l][u] > 0 && out.push([l, u])));
  return out;
}
