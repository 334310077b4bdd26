/**
 * # Dr. GRPO: GRPO without the std and length normalizations (SPEC §9)
 *
 * Algorithm: draw an instance `Q` and `G` CoTs `o_i ~ pi`, rewards `r_i = R_Q(o_i)`, advantages
 * `A_i = r_i - mean(r)` (`1 - p` for a correct sample, `-p` for a wrong one, `p = c/G`), update
 * `theta <- theta + eta (1/G) sum_i A_i grad log pi(o_i)`. (Every CoT of a TMC has `L - 1` steps, so
 * dropping the length normalization changes nothing here.)
 * Exact step: groupRule's Bernstein step, with every coefficient
 * `beta_j = (1 - (j+1)/G) + j/G = (G-1)/G`: in expectation Dr. GRPO is REINFORCE with step
 * `eta (G-1)/G` (theorem zoo-rescaled-reinforce/dr-grpo).
 * Symbols: `eta` step size, `G >= 2` group size.
 * Reference: Liu et al. (2025) "Understanding R1-Zero-Like Training", arXiv 2503.20783.
 */
import { D, type Dec } from '../numeric.ts';
import { groupRule } from './group-rule.ts';
import { checkEta, checkGroup } from './_internals/zoo-params.ts';
import type { UpdateRule } from './update-rule.ts';

export interface DrGrpoParams {
  /** Step size `eta > 0` (default 1). */
  readonly eta?: number;
  /** Group size `G >= 2` (default 8). */
  readonly group?: number;
}

/** Dr. GRPO's advantages `r_i - mean(r)`. */
export function drGrpoAdvantage(r: readonly number[]): Dec[] {
  const mean = new D(r.reduce((a, b) => a + b, 0)).div(r.length);
  return r.map((ri) => new D(ri).minus(mean));
}

export function drGrpo({ eta = 1, group = 8 }: DrGrpoParams = {}): UpdateRule {
  checkEta('dr-grpo', eta);
  checkGroup('dr-grpo', group);
  return groupRule({ name: 'dr-grpo', group, eta, advantage: drGrpoAdvantage });
}
