/**
 * # The unlikeliness reward still squeezes (SPEC §6 claim 1, §9)
 *
 * ## Main statements
 * - theorem `squeezing/unlikeliness`: the squeezing law (properties/squeezing.prop.ts) holds for the
 *   unlikeliness reward with `G = 2`, penalty 1/4, `eta = 4`, under its hypotheses H-tree, H-unique-max
 *   and H-gap.
 *
 * ## Why it is not exempt
 * The penalty lowers the reward of the group's more likely correct sample, but it acts only when a
 * group holds two different correct CoTs. Once the most consistent CoT leads, most correct groups are
 * copies of it: equally likely, equally ranked, so the reshaped rewards are GRPO's. The bonus of a rare
 * correct CoT is of the order of `pi(rare) pi(leader)`, which does not stop `pi(rare) -> 0`.
 * On the paper's TMC (`G = 4`, penalty 1/4, `eta = 1`) the hard mass is 0.0035 at `t = 300`, between
 * REINFORCE's 0.005 and GRPO's 0.002 (README, "The RLVR zoo").
 *
 * ## Limits
 * The exact step sums `n C(n + G - 2, G - 1) 2^|V|` terms (src/methods/unlikeliness.ts), so the
 * theorem runs at `G = 2`; `G = 4` is checked on the paper's TMC only.
 */
import { squeezing } from './squeezing.prop.ts';
import { unlikeliness } from '../src/methods/unlikeliness.ts';
import { registerLaw } from '../src/theorems/registry.ts';

registerLaw(squeezing, [unlikeliness({ group: 2, eta: 4 })]);
