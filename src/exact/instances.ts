/**
 * # Question instances (SPEC §2)
 *
 * An instance `Q` of task `k` has a random set of correct CoTs `C_Q`: each `o` in `V_k` is included
 * independently with probability `rho_k(o)`; `R_Q(o) = 1[o in C_Q]`. `Q` is *hard* when `C_Q` is
 * non-empty and holds no easy CoT. The distribution has `2^|V_k|` outcomes, enumerated exactly.
 */
import { UsageError } from '../errors.ts';
import { ONE, type Dec } from '../numeric.ts';
import type { TaskCots } from './correctness.ts';

/** Largest `|V_k|` whose `2^|V_k|` instances are enumerated. */
export const MAX_INSTANCE_COTS = 16;

export interface Instance {
  /** `correct[i]`: the task's `i`-th valid CoT is in `C_Q`. */
  readonly correct: readonly boolean[];
  readonly prob: Dec;
  readonly hard: boolean;
}

/** All `2^|V_k|` instances of a task with their probabilities. */
export function instances(tc: TaskCots): Instance[] {
  const n = tc.cots.length;
  if (n > MAX_INSTANCE_COTS) {
    throw new UsageError(
      `task ${tc.task.name} has ${n} valid CoTs; exact instance enumeration allows at most ${MAX_INSTANCE_COTS}`,
    );
  }
  const out: Instance[] = [];
  for (let mask = 0; mask < 1 << n; mask++) {
    let prob = ONE;
    const correct = tc.cots.map((c, i) => {
      const inQ = ((mask >> i) & 1) === 1;
      prob = prob.times(inQ ? c.rho : ONE.minus(c.rho));
      return inQ;
    });
    const hard = mask !== 0 && tc.cots.every((c, i) => !correct[i] || c.kind === 'hard');
    out.push({ correct, prob, hard });
  }
  return out;
}
