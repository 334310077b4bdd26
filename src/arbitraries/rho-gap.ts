/**
 * # TMCs whose most consistent CoT leads by a margin (H-gap)
 *
 * `rhoGap(tc) = 1 - rho_(2) / rho*`: `rho*` is the largest correctness of the task's valid CoTs and
 * `rho_(2)` the largest one strictly below it (CoTs tied with the top do not count, so H-gap and
 * H-unique-max are independent; the gap is 1 when no valid CoT lies below the top).
 *
 * `withRhoGap(tmc, gamma, {unique})` raises edges of the first most consistent CoT of a task until its
 * gap is at least `gamma` (and, with `unique`, until no other CoT ties with it): each round doubles the
 * weight share of the leader's deepest edge that its rival does not take (in a row with a sibling
 * edge), which raises the leader against the rival and never makes a lower CoT catch up.
 * `tmcWithRhoGapArbitrary` composes it with `tmcArbitrary` by `map`, so shrinking still goes through
 * the underlying integers.
 */
import type fc from 'fast-check';
import { taskCots, type ScoredCot, type TaskCots } from '../exact/correctness.ts';
import { hasUniqueMaxRho } from '../hypotheses.ts';
import { ONE, compareExact, maxOf, type Dec } from '../numeric.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import type { Tmc } from '../tmc.ts';
import { rowFromWeights, weightsOfRow } from './_internals/weight-rows.ts';
import { tmcArbitrary, type TmcArbitraryOptions } from './tmc.ts';

/** The largest `rho` (the first CoT attaining it) and the largest `rho` strictly below it, if any. */
export function leaderAndRunnerUp(tc: TaskCots): { leader: ScoredCot; runnerUp?: ScoredCot } {
  const top = maxOf(tc.cots.map((c) => c.rho));
  const leader = tc.cots.find((c) => compareExact(c.rho, top) === 0)!;
  const below = tc.cots.filter((c) => compareExact(c.rho, top) < 0);
  if (below.length === 0) return { leader };
  const second = maxOf(below.map((c) => c.rho));
  return { leader, runnerUp: below.find((c) => compareExact(c.rho, second) === 0) };
}

/** `1 - rho_(2)/rho*` (1 when no valid CoT lies strictly below the top). */
export function rhoGap(tc: TaskCots): Dec {
  const { leader, runnerUp } = leaderAndRunnerUp(tc);
  return runnerUp === undefined ? ONE : ONE.minus(runnerUp.rho.div(leader.rho));
}

/** Rounds of `withRhoGap` before it gives up (a bug: each round strictly raises the lead). */
const MAX_ROUNDS = 64;

export interface RhoGapOptions {
  /** Also break ties at the top (H-unique-max); default true. */
  readonly unique?: boolean;
  /** The task (default 0). */
  readonly task?: number;
}

/** The TMC with the leader of a task raised until `rhoGap >= gamma` (`0 <= gamma < 1`). */
export function withRhoGap(tmc: Tmc, gamma: number, { unique = true, task = 0 }: RhoGapOptions = {}): Tmc {
  let current = tmc;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const tc = taskCots(current, task);
    const tied = unique && !hasUniqueMaxRho(tc);
    if (!tied && rhoGap(tc).gte(gamma)) return current;
    const { leader, runnerUp } = leaderAndRunnerUp(tc);
    const rival = tied ? tc.cots.find((c) => c !== leader && compareExact(c.rho, leader.rho) === 0)! : runnerUp!;
    const star = leader.path;
    const other = rival.path;
    const kernels = current.spec.kernels.map((k) => k.map((row) => [...row]));
    const siblings = (l: number) => current.kernels[l][star[l]].filter((p) => p.gt(0)).length;
    let l = current.layers - 2;
    while (l > 0 && !((other[l] !== star[l] || other[l + 1] !== star[l + 1]) && siblings(l) > 1)) l--;
    const w = weightsOfRow(kernels[l][star[l]]);
    w[star[l + 1]] += w.reduce((a, b) => a + b, 0);
    kernels[l][star[l]] = rowFromWeights(w);
    current = tmcFromSpec({ kernels, tasks: current.spec.tasks });
  }
  throw new Error(`withRhoGap: no gap ${gamma} after ${MAX_ROUNDS} rounds on\n${current}`);
}

/** Random TMCs (see `tmcArbitrary`) whose task 0 has a unique leader and `rhoGap >= gap`. */
export function tmcWithRhoGapArbitrary(options: TmcArbitraryOptions & { readonly gap: number }): fc.Arbitrary<Tmc> {
  const { gap, ...rest } = options;
  return tmcArbitrary(rest).map((tmc) => withRhoGap(tmc, gap));
}
