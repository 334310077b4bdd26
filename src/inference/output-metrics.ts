/**
 * # Metrics of a selector's output distribution (SPEC §3 applied to `P` over CoTs)
 *
 * - coverage: `P`'s mass on easy valid, hard valid and invalid CoTs of task `k` (a CoT from another
 *   start is invalid);
 * - pass@K: `E_Q[1 - (1 - P(C_Q))^K]` over the task's instances, `K` independent runs of the selector.
 */
import { taskCots } from '../exact/correctness.ts';
import { bernsteinInstanceMean } from '../exact/instance-moments.ts';
import { passAtKCoefficients, type Coverage } from '../exact/metrics.ts';
import { ZERO, type Dec } from '../numeric.ts';
import type { Tmc } from '../tmc.ts';
import type { SelectedCot } from './selector.ts';

/** The kind of a CoT for task `k`: easy or hard when valid, else invalid. */
export function outputKind(tmc: Tmc, k: number, path: readonly number[]): 'easy' | 'hard' | 'invalid' {
  return taskCots(tmc, k).cots.find((c) => c.path.join() === path.join())?.kind ?? 'invalid';
}

/** Mass of `dist` on easy valid, hard valid and invalid CoTs of task `k`. */
export function outputCoverage(tmc: Tmc, k: number, dist: readonly SelectedCot[]): Coverage {
  const mass = { easy: ZERO, hard: ZERO, invalid: ZERO };
  for (const c of dist) {
    const kind = outputKind(tmc, k, c.path);
    mass[kind] = mass[kind].plus(c.prob);
  }
  return mass;
}

/** Exact pass@K of `K` independent runs with output `dist`, averaged over the instances of task `k`. */
export function outputPassAtK(tmc: Tmc, k: number, dist: readonly SelectedCot[], K: number): Dec {
  const tc = taskCots(tmc, k);
  const prob = tc.cots.map((c) => dist.find((d) => d.path.join() === c.path.join())?.prob ?? ZERO);
  return bernsteinInstanceMean(tc, prob, passAtKCoefficients(K));
}
