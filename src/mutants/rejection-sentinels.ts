/**
 * # Sentinel rejection rules for rejection-limit (src/mutants/rejection-sentinels.test.ts)
 *
 * - `rlRejWrongTries`: RL-rej declaring `n` tries and filtering with `n - 1`: gradient ascent on
 *   pass@n, whose maximizer keeps less hard mass than pass@(n+1)'s; the run stays monotone, so only
 *   the limit clause can see it; it fails rejection-limit-random's limit clause too.
 */
import { rlRej, type RlRejParams } from '../methods/rl-rej.ts';
import type { UpdateRule } from '../methods/update-rule.ts';

/** RL-rej that declares `params.n` (default 5) and steps with `n - 1` tries. */
export function rlRejWrongTries(params: RlRejParams = {}): UpdateRule {
  const declared = rlRej(params);
  const n = params.n ?? 5;
  const actual = rlRej({ ...params, n: n - 1 });
  return { ...declared, exactStep: actual.exactStep, sampledStep: actual.sampledStep };
}
