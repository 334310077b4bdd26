/**
 * # DPRM best-of-N (SPEC §5; the paper's DPRM-BoN)
 *
 * Step by step from the start: from prefix `x` ending at `u`, move to the support child `v` with the
 * largest `R_dprm(x v) = ln(h_lambda(x v)) / lambda`, `h_lambda(x) = E_p[exp(lambda rho_k(o)) | x]`
 * (src/inference/rewards.ts), `lambda > 0`. Children tied up to the working precision share the step
 * uniformly. As `lambda -> 0`, `R_dprm -> R_prm`; as `lambda` grows it favours the prefix with the
 * best single completion.
 */
import type { Tmc } from '../tmc.ts';
import type { Selector } from './selector.ts';
import { checkLambda, checkOptions, reportParams, rewardsFor, type DrawOptions } from './_internals/draws.ts';
import { greedyRule, stepDistribution, stepSample } from './_internals/steps.ts';

export interface DprmBonParams extends DrawOptions {
  /** `lambda > 0` (default 1). */
  readonly lambda?: number;
}

/** DPRM-BoN(lambda): greedy on `R_dprm`, ties uniform. */
export function dprmBon(params: DprmBonParams = {}): Selector {
  const lambda = params.lambda ?? 1;
  const lam = checkLambda('dprm-bon', lambda);
  const options = checkOptions('dprm-bon', params);
  const rule = (tmc: Tmc, k: number) => {
    const r = rewardsFor(tmc, k, options);
    return greedyRule(tmc, (prefix) => r.rDprm(prefix, lam));
  };
  return {
    name: 'dprm-bon',
    params: reportParams({ lambda }, options),
    distribution: (tmc, k) => stepDistribution(tmc, k, options.start, rule(tmc, k)),
    sample: (tmc, k, rng) => stepSample(tmc, k, options.start, rule(tmc, k), rng),
  };
}
