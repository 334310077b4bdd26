/**
 * # PKPO: pass@k policy optimization (SPEC §9)
 *
 * Algorithm: draw an instance `Q` and `G` CoTs `o_i ~ pi`, rewards `r_i = R_Q(o_i)`, `c` correct;
 * a correct sample weighs `C(G-c, k-1) / C(G, k)` (the share of the `k`-subsets in which it is the only
 * correct sample: its marginal contribution to the unbiased pass@k estimate `1 - C(G-c,k)/C(G,k)`),
 * a wrong one 0; update `theta <- theta + eta (1/G) sum_i A_i grad log pi(o_i)`.
 * Exact step: groupRule's Bernstein step. With `j ~ Bin(G-1, c_Q)` others correct,
 * `E C(G-1-j, k-1) = C(G-1, k-1) (1 - c_Q)^(k-1)`, so `B(c) = (k/G) (1 - c)^(k-1)`: in expectation PKPO
 * is gradient ascent on pass@k, `eta/G grad E_Q[1 - (1 - pi(C_Q))^k]` (theorem zoo-pkpo-pass-at-k-ascent).
 * Symbols: `eta` step size, `G` group size, `1 <= k <= G`.
 * Reference: Walder, Karkhanis (2025) "Pass@K Policy Optimization", arXiv 2505.15201 (its estimator
 * for 0/1 rewards, without the leave-one-out baseline).
 */
import { type Dec, ZERO } from '../numeric.ts';
import { groupRule } from './group-rule.ts';
import { binomial } from './_internals/binomial.ts';
import { checkEta, checkGroup, checkK } from './_internals/zoo-params.ts';
import type { UpdateRule } from './update-rule.ts';

export interface PkpoParams {
  /** Step size `eta > 0` (default 1). */
  readonly eta?: number;
  /** Group size `G >= 1` (default 8). */
  readonly group?: number;
  /** The `k` of pass@k, `1 <= k <= G` (default 2). */
  readonly k?: number;
}

/** PKPO's weights for 0/1 rewards. */
export function pkpoAdvantage(r: readonly number[], k: number): Dec[] {
  const G = r.length;
  const c = r.reduce((a, b) => a + b, 0);
  const correct = binomial(G - c, k - 1).div(binomial(G, k));
  return r.map((ri) => (ri === 1 ? correct : ZERO));
}

export function pkpo({ eta = 1, group = 8, k = 2 }: PkpoParams = {}): UpdateRule {
  checkEta('pkpo', eta);
  checkGroup('pkpo', group, 1);
  checkK('pkpo', k, group);
  // Family `rejection`: in expectation it is RL-rej (current filter, n = k - 1) with step eta k/G.
  return groupRule({ name: 'pkpo', group, eta, family: 'rejection', advantage: (r) => pkpoAdvantage(r, k), params: { k } });
}
