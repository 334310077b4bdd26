/**
 * # A rival whose prefix is likelier than the survivor's
 *
 * "The survivor is `argmax rho`" says most where the base policy leads elsewhere: some valid CoT
 * `o != o*` whose path without its last edge is likelier under `p` than `o*`'s. There the rows above
 * the last layer must move mass toward `o*`; a rule that trains only the last layer squeezes each
 * last-layer row onto its best CoT and leaves the rival ahead. Random TMCs that meet H-rank-gap
 * rarely have such a rival (about 3% of the draws: the gap is reached by raising `o*`'s edges), so
 * the theorems that need them filter for them.
 */
import { taskCots } from '../exact/correctness.ts';
import { pathProbability } from '../exact/paths.ts';
import { leaderAndRunnerUp } from './rho-gap.ts';
import type { Tmc } from '../tmc.ts';

/** Some valid CoT of task `k` other than `o*` has a likelier prefix (its path without the last edge) than `o*`. */
export function hasLikelierRivalPrefix(tmc: Tmc, k = 0): boolean {
  const tc = taskCots(tmc, k);
  const { leader } = leaderAndRunnerUp(tc);
  const prefix = (path: readonly number[]) => pathProbability(tmc.kernels, path.slice(0, -1));
  const star = prefix(leader.path);
  return tc.cots.some((o) => o !== leader && prefix(o.path).gt(star));
}
