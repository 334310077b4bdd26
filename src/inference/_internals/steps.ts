/**
 * Step-by-step selectors (PRM-BoN, DPRM-BoN, DPRM-AS): from a prefix `x` ending at `u`, a rule gives
 * the probability of each next state among `u`'s support children. The output distribution is the
 * product of the step probabilities along each CoT, walked over every prefix the rule can reach.
 */
import { ONE, compareExact, type Dec } from '../../numeric.ts';
import { drawIndex, type Rng } from '../../sampling.ts';
import type { Tmc } from '../../tmc.ts';
import type { SelectedCot } from '../selector.ts';
import { startWeights, type StartMode } from './draws.ts';

export interface Step {
  readonly state: number;
  readonly prob: Dec;
}

/** The next-state distribution of a rule at a prefix. */
export type StepRule = (prefix: readonly number[]) => Step[];

/** Support children of the last state of `prefix`. */
export function children(tmc: Tmc, prefix: readonly number[]): number[] {
  const l = prefix.length - 1;
  const out: number[] = [];
  tmc.kernels[l][prefix[l]].forEach((p, v) => p.gt(0) && out.push(v));
  return out;
}

/** The exact output distribution of a step rule (CoTs of positive probability, lexicographic). */
export function stepDistribution(tmc: Tmc, k: number, start: StartMode, rule: StepRule): SelectedCot[] {
  const out: SelectedCot[] = [];
  const walk = (prefix: number[], prob: Dec) => {
    if (prefix.length === tmc.layers) {
      out.push({ path: prefix, prob });
      return;
    }
    for (const s of rule(prefix)) if (s.prob.gt(0)) walk([...prefix, s.state], prob.times(s.prob));
  };
  for (const { state, weight } of startWeights(tmc, k, start)) walk([state], weight);
  return out;
}

/** One run of a step rule, each step drawn from `rng`. */
export function stepSample(tmc: Tmc, k: number, start: StartMode, rule: StepRule, rng: Rng): number[] {
  const starts = startWeights(tmc, k, start);
  const path = [starts[drawIndex(starts.map((s) => s.weight.toNumber()), rng)].state];
  while (path.length < tmc.layers) {
    const steps = rule(path);
    path.push(steps[drawIndex(steps.map((s) => s.prob.toNumber()), rng)].state);
  }
  return path;
}

/** How a greedy rule splits its step among the children tied for the best score. */
export type TieBreak = (leaders: readonly number[]) => Step[];

/** Ties broken uniformly (SPEC §5). */
export const uniformTies: TieBreak = (leaders) => leaders.map((state) => ({ state, prob: ONE.div(leaders.length) }));

/** Greedy rule: move to a support child with the largest `score(x v)`, equal up to the working precision. */
export function greedyRule(tmc: Tmc, score: (prefix: readonly number[]) => Dec, ties: TieBreak = uniformTies): StepRule {
  return (prefix) => {
    const kids = children(tmc, prefix);
    const scores = kids.map((v) => score([...prefix, v]));
    const top = scores.reduce((a, b) => (compareExact(b, a) > 0 ? b : a));
    return ties(kids.filter((_, i) => compareExact(scores[i], top) === 0));
  };
}
