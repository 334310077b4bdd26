/**
 * What every selector shares: the start distribution, the base draws `q(o)`, the reward task, score
 * classes decided up to the working precision, and the checks of parameters on entry.
 *
 * A draw from the base starts at `s_k` (`start: 'task'`) or at a state of layer 0 drawn uniformly
 * (`start: 'uniform'`, the paper's base and ORM/Soft rows), then follows the kernel, so
 * `q(o) = w(o_1) p(o)` with `w` the start weight. The reward is that of `rewardTask` (default the
 * task itself; the paper scored task 2 with task 1's reward, see src/paper/coverage-table.ts).
 */
import { UsageError } from '../../errors.ts';
import { enumeratePaths } from '../../exact/paths.ts';
import { D, ONE, compareExact, type Dec } from '../../numeric.ts';
import { drawIndex, sampleCot, type Rng } from '../../sampling.ts';
import type { Tmc } from '../../tmc.ts';
import type { SelectedCot } from '../selector.ts';
import { taskRewards, type TaskRewards } from '../rewards.ts';

export type StartMode = 'task' | 'uniform';

/** Options every selector takes. */
export interface DrawOptions {
  /** Where draws start: the task's start state (default) or uniformly in layer 0. */
  readonly start?: StartMode;
  /** Index of the task whose reward scores the CoTs (default: the task being run). */
  readonly rewardTask?: number;
}

export interface Draw {
  readonly path: number[];
  /** `q(o)`: probability that one base draw is `o`. */
  readonly q: Dec;
}

/** The start states with their weights. */
export function startWeights(tmc: Tmc, k: number, start: StartMode): { state: number; weight: Dec }[] {
  if (start === 'task') return [{ state: tmc.tasks[k].start, weight: ONE }];
  const w = ONE.div(tmc.widths[0]);
  return Array.from({ length: tmc.widths[0] }, (_, state) => ({ state, weight: w }));
}

/** Every CoT a base draw can produce, with `q(o)`, ordered by start then lexicographically. */
export function baseDraws(tmc: Tmc, k: number, start: StartMode): Draw[] {
  return startWeights(tmc, k, start).flatMap(({ state, weight }) =>
    enumeratePaths(tmc.kernels, state).map(({ path, p }) => ({ path, q: p.times(weight) })),
  );
}

/** One base draw. */
export function sampleDraw(tmc: Tmc, k: number, start: StartMode, rng: Rng): number[] {
  const s = start === 'task' ? tmc.tasks[k].start : drawIndex(Array(tmc.widths[0]).fill(1 / tmc.widths[0]), rng);
  return sampleCot(tmc.kernels, s, rng);
}

/** The rewards scoring task `k`'s draws. */
export function rewardsFor(tmc: Tmc, k: number, options: DrawOptions): TaskRewards {
  const r = options.rewardTask ?? k;
  if (r >= tmc.tasks.length) throw new UsageError(`rewardTask ${r} is not a task of this TMC (it has ${tmc.tasks.length})`);
  return taskRewards(tmc, r);
}

/** Items grouped by score, equal up to the working precision (`compareExact`), best class first. */
export function scoreClasses<T>(items: readonly T[], score: (t: T) => Dec): { score: Dec; members: T[] }[] {
  const scored = items.map((item) => ({ item, s: score(item) })).sort((a, b) => compareExact(b.s, a.s));
  const classes: { score: Dec; members: T[] }[] = [];
  for (const { item, s } of scored) {
    const top = classes[classes.length - 1];
    if (top && compareExact(top.score, s) === 0) top.members.push(item);
    else classes.push({ score: s, members: [item] });
  }
  return classes;
}

/** Index of the first maximum (ties up to the working precision). */
export function firstMax(scores: readonly Dec[]): number {
  let best = 0;
  for (let i = 1; i < scores.length; i++) if (compareExact(scores[i], scores[best]) > 0) best = i;
  return best;
}

/** Output in the order of `baseDraws`, dropping CoTs of probability 0. */
export function outputOf(draws: readonly Draw[], prob: (d: Draw) => Dec): SelectedCot[] {
  return draws.map((d) => ({ path: d.path, prob: prob(d) })).filter((c) => c.prob.gt(0));
}

/** Checks shared by the selector factories; `who` names the selector in messages. */
export function checkCount(who: string, name: string, value: number, min = 1): number {
  if (!Number.isInteger(value) || value < min) throw new UsageError(`${who}: ${name} must be an integer >= ${min}, got ${value}`);
  return value;
}

export function checkLambda(who: string, lambda: number): Dec {
  if (!Number.isFinite(lambda) || !(lambda > 0)) throw new UsageError(`${who}: lambda must be a positive number, got ${lambda}`);
  return new D(lambda);
}

export function checkOptions(who: string, options: DrawOptions): Required<Pick<DrawOptions, 'start'>> & DrawOptions {
  const start = options.start ?? 'task';
  if (start !== 'task' && start !== 'uniform') throw new UsageError(`${who}: start must be "task" or "uniform", got ${JSON.stringify(start)}`);
  if (options.rewardTask !== undefined) checkCount(who, 'rewardTask', options.rewardTask, 0);
  return { ...options, start };
}

/** The parameters a selector reports: its own, the start mode, and the reward task when set. */
export function reportParams(own: Record<string, number | string>, options: DrawOptions & { start: StartMode }): Record<string, number | string> {
  return { ...own, start: options.start, ...(options.rewardTask === undefined ? {} : { rewardTask: options.rewardTask }) };
}
