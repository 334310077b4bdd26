/**
 * # DPRM ancestral sampling: the Doob h-transform (SPEC §5, claim 7; the paper's DPRM-AS)
 *
 * From prefix `x` ending at `u`, move to the support child `v` with probability
 * `p(v|u) h(x v) / h(x)`, where `h(x) = h_lambda(x) = E_p[exp(lambda rho_k(o)) | x]` depends on the
 * whole prefix (src/inference/rewards.ts), `lambda > 0`. The Doob identity
 * `h(x) = sum_v p(v|u) h(x v)` makes every step a distribution, and the product telescopes:
 * `P(o) = p(o) h(o) / h(o_1) = p(o) exp(lambda rho_k(o)) / E_p[exp(lambda rho_k)]`, the tilted base
 * (properties/dprm-as-exactness.prop.ts checks this against enumeration, shared states included).
 *
 * `dprmAsWithoutBase` is the procedure behind the paper's DPRM-AS row (docs/paper-procedure.md
 * item 1): the next state is drawn with probability proportional to `h(x v)` alone, without `p(v|u)`.
 * It is not the Doob transform; it overweights rare steps (task 1's hard mass 36% instead of 14%).
 */
import { sum, type Dec } from '../numeric.ts';
import type { TaskRewards } from './rewards.ts';
import type { Selector } from './selector.ts';
import { checkLambda, checkOptions, reportParams, rewardsFor, type DrawOptions } from './_internals/draws.ts';
import { children, stepDistribution, stepSample, type StepRule } from './_internals/steps.ts';
import type { Tmc } from '../tmc.ts';

export interface DprmAsParams extends DrawOptions {
  /** `lambda > 0` (default 1). */
  readonly lambda?: number;
}

/** A selector stepping by `rule(tmc, rewards, lambda)`. */
function hSelector(name: string, params: DprmAsParams, rule: (tmc: Tmc, r: TaskRewards, lam: Dec) => StepRule): Selector {
  const lambda = params.lambda ?? 1;
  const lam = checkLambda(name, lambda);
  const options = checkOptions(name, params);
  const stepRule = (tmc: Tmc, k: number) => rule(tmc, rewardsFor(tmc, k, options), lam);
  return {
    name,
    params: reportParams({ lambda }, options),
    distribution: (tmc, k) => stepDistribution(tmc, k, options.start, stepRule(tmc, k)),
    sample: (tmc, k, rng) => stepSample(tmc, k, options.start, stepRule(tmc, k), rng),
  };
}

/** DPRM-AS(lambda): the Doob h-transform of the base by `h_lambda`. */
export function dprmAs(params: DprmAsParams = {}): Selector {
  return hSelector('dprm-as', params, (tmc, r, lam) => {
    return (prefix) => {
      const l = prefix.length - 1;
      const hx = r.h(prefix, lam);
      return children(tmc, prefix).map((v) => ({ state: v, prob: tmc.kernels[l][prefix[l]][v].times(r.h([...prefix, v], lam)).div(hx) }));
    };
  });
}

/** The paper's DPRM-AS procedure: next state with probability proportional to `h(x v)` alone. */
export function dprmAsWithoutBase(params: DprmAsParams = {}): Selector {
  return hSelector('dprm-as-without-base', params, (tmc, r, lam) => {
    return (prefix) => {
      const kids = children(tmc, prefix);
      const h = kids.map((v) => r.h([...prefix, v], lam));
      const total = sum(h);
      return kids.map((v, i) => ({ state: v, prob: h[i].div(total) }));
    };
  });
}
