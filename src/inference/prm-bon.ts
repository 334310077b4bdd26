/**
 * # PRM best-of-N (SPEC §5; the paper's PRM-BoN)
 *
 * Step by step from the start: from prefix `x` ending at `u`, move to the support child `v` with the
 * largest process reward `R_prm(x v) = E_p[rho_k(o) | x v]` (src/inference/rewards.ts); children tied
 * up to the working precision share the step uniformly. The limit of drawing many candidate steps
 * and keeping the best: deterministic up to ties.
 */
import type { Tmc } from '../tmc.ts';
import type { Selector } from './selector.ts';
import { checkOptions, reportParams, rewardsFor, type DrawOptions } from './_internals/draws.ts';
import { greedyRule, stepDistribution, stepSample, uniformTies, type TieBreak } from './_internals/steps.ts';

export type PrmBonParams = DrawOptions;

/** PRM-BoN with a tie rule (uniform by SPEC; other rules are for mutants). */
export function prmBonWithTies(name: string, params: PrmBonParams, ties: TieBreak): Selector {
  const options = checkOptions(name, params);
  const rule = (tmc: Tmc, k: number) => {
    const r = rewardsFor(tmc, k, options);
    return greedyRule(tmc, (prefix) => r.rPrm(prefix), ties);
  };
  return {
    name,
    params: reportParams({}, options),
    distribution: (tmc, k) => stepDistribution(tmc, k, options.start, rule(tmc, k)),
    sample: (tmc, k, rng) => stepSample(tmc, k, options.start, rule(tmc, k), rng),
  };
}

/** PRM-BoN: greedy on `R_prm`, ties uniform. */
export function prmBon(params: PrmBonParams = {}): Selector {
  return prmBonWithTies('prm-bon', params, uniformTies);
}
