/**
 * # RLOO: REINFORCE with a leave-one-out baseline (SPEC §9)
 *
 * Algorithm: draw an instance `Q` and `G` CoTs `o_i ~ pi`, rewards `r_i = R_Q(o_i)`, advantages
 * `A_i = r_i - (1/(G-1)) sum_{j != i} r_j` (with `c` correct: `(G-c)/(G-1)` for a correct sample,
 * `-c/(G-1)` for a wrong one), update `theta <- theta + eta (1/G) sum_i A_i grad log pi(o_i)`.
 * Exact step: groupRule's Bernstein step; here every coefficient is
 * `beta_j = A(1, j+1) - A(0, j) = (1 - j/(G-1)) + j/(G-1) = 1`, so in expectation RLOO is REINFORCE
 * with the same step (the baseline changes nothing; theorem zoo-rescaled-reinforce/rloo).
 * Symbols: `eta` step size, `G >= 2` group size.
 * Reference: Kool, van Hoof, Welling (2019) "Buy 4 REINFORCE samples, get a baseline for free!";
 * Ahmadian et al. (2024) arXiv 2402.14740.
 */
import { D, type Dec } from '../numeric.ts';
import { groupRule } from './group-rule.ts';
import { checkEta, checkGroup } from './_internals/zoo-params.ts';
import type { UpdateRule } from './update-rule.ts';

export interface RlooParams {
  /** Step size `eta > 0` (default 1). */
  readonly eta?: number;
  /** Group size `G >= 2` (default 8). */
  readonly group?: number;
}

/** RLOO's advantages `r_i - mean of the other G - 1 rewards`. */
export function rlooAdvantage(r: readonly number[]): Dec[] {
  const c = r.reduce((a, b) => a + b, 0);
  return r.map((ri) => new D(ri).minus(new D(c - ri).div(r.length - 1)));
}

export function rloo({ eta = 1, group = 8 }: RlooParams = {}): UpdateRule {
  checkEta('rloo', eta);
  checkGroup('rloo', group);
  return groupRule({ name: 'rloo', group, eta, advantage: rlooAdvantage });
}
