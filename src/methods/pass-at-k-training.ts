/**
 * # Pass@k training: the group's pass@k as its reward, normalized (SPEC §9)
 *
 * Algorithm: draw an instance `Q` and `G` CoTs `o_i ~ pi`, rewards `r_i = R_Q(o_i)`, `c` correct. The
 * group's pass@k estimate is `R = 1 - C(G-c, k)/C(G, k)`, its std `sigma = sqrt(R (1 - R))`; a correct
 * sample weighs `(1 - R)/sigma`, a wrong one `(1 - R - C(G-c-1, k-1)/C(G-1, k-1))/sigma` (all 0 when
 * `sigma = 0`); update `theta <- theta + eta (1/G) sum_i A_i grad log pi(o_i)`.
 * Exact step: groupRule's Bernstein step in `pi(C_Q)`.
 * Symbols: `eta` step size, `G` group size, `1 <= k <= G`.
 * Reference: Chen et al. (2025) "Pass@k Training for Adaptively Balancing Exploration and
 * Exploitation", arXiv 2508.10751 (its analytical advantage).
 */
import { ONE, ZERO, type Dec } from '../numeric.ts';
import { groupRule } from './group-rule.ts';
import { binomial } from './_internals/binomial.ts';
import { checkEta, checkGroup, checkK } from './_internals/zoo-params.ts';
import type { UpdateRule } from './update-rule.ts';

export interface PassAtKTrainingParams {
  /** Step size `eta > 0` (default 1). */
  readonly eta?: number;
  /** Group size `G >= 2` (default 8). */
  readonly group?: number;
  /** The `k` of pass@k, `1 <= k <= G` (default 4). */
  readonly k?: number;
}

/** The pass@k-training advantages for 0/1 rewards. */
export function passAtKAdvantage(r: readonly number[], k: number): Dec[] {
  const G = r.length;
  const c = r.reduce((a, b) => a + b, 0);
  const R = ONE.minus(binomial(G - c, k).div(binomial(G, k)));
  const sigma = R.times(ONE.minus(R)).sqrt();
  if (sigma.isZero()) return r.map(() => ZERO);
  const correct = ONE.minus(R).div(sigma);
  const wrong = ONE.minus(R).minus(binomial(G - c - 1, k - 1).div(binomial(G - 1, k - 1))).div(sigma);
  return r.map((ri) => (ri === 1 ? correct : wrong));
}

export function passAtKTraining({ eta = 1, group = 8, k = 4 }: PassAtKTrainingParams = {}): UpdateRule {
  checkEta('passk', eta);
  checkGroup('passk', group);
  checkK('passk', k, group);
  return groupRule({ name: 'passk', group, eta, advantage: (r) => passAtKAdvantage(r, k), params: { k } });
}
