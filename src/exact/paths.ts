/**
 * # CoTs as paths (SPEC §1)
 *
 * `p(o) = prod_l P_l(o_{l+1}|o_l)`; the valid CoTs of task `k` are the positive-probability paths
 * from `s_k` to `t_k`. An easy CoT uses only easy edges; a hard CoT uses at least one hard edge.
 * Enumeration is exponential in the number of layers: it lists CoTs and is the independent reference
 * the layer passes are checked against, never the way the engine computes expectations.
 */
import { UsageError } from '../errors.ts';
import { ONE, type Dec } from '../numeric.ts';
import type { Probs } from '../policy.ts';
import type { Path, Tmc } from '../tmc.ts';

/** Paths enumerated at most, so a large TMC fails clearly instead of running out of memory. */
export const MAX_ENUMERATED_PATHS = 200_000;

export type CotKind = 'easy' | 'hard';

/** Probability of a path under a kernel or policy (`probs[l][u][v]`). */
export function pathProbability(probs: Probs, path: Path): Dec {
  let p = ONE;
  for (let l = 0; l + 1 < path.length; l++) p = p.times(probs[l][path[l]][path[l + 1]]);
  return p;
}

/**
 * Every positive-probability path from `start` under `probs`, in lexicographic order, with its
 * probability. Throws a `UsageError` past `MAX_ENUMERATED_PATHS`.
 */
export function enumeratePaths(probs: Probs, start: number): { path: number[]; p: Dec }[] {
  const out: { path: number[]; p: Dec }[] = [];
  const layers = probs.length + 1;
  const walk = (path: number[], p: Dec): void => {
    if (path.length === layers) {
      if (out.length >= MAX_ENUMERATED_PATHS) {
        throw new UsageError(`more than ${MAX_ENUMERATED_PATHS} CoTs to enumerate; use a smaller TMC`);
      }
      out.push({ path: [...path], p });
      return;
    }
    const l = path.length - 1;
    probs[l][path[l]].forEach((q, v) => {
      if (q.gt(0)) walk([...path, v], p.times(q));
    });
  };
  walk([start], ONE);
  return out;
}

/** `easy` when every edge of the path is easy, else `hard`. */
export function cotKind(tmc: Tmc, path: Path): CotKind {
  for (let l = 0; l + 1 < path.length; l++) if (!tmc.easy[l][path[l]][path[l + 1]]) return 'hard';
  return 'easy';
}

export interface Cot {
  readonly path: readonly number[];
  /** Base probability `p(o)` from the task's start. */
  readonly p: Dec;
  readonly kind: CotKind;
}

/** The valid CoTs `V_k` of task `k`, in lexicographic order. */
export function validCots(tmc: Tmc, k: number): Cot[] {
  const task = tmc.tasks[k];
  return enumeratePaths(tmc.kernels, task.start)
    .filter(({ path }) => path[path.length - 1] === task.target)
    .map(({ path, p }) => ({ path, p, kind: cotKind(tmc, path) }));
}
