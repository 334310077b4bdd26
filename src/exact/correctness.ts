/**
 * # Population correctness (SPEC §2)
 *
 * `rho_k(o) = p(o) / p(V_k)` for `o` in `V_k`, else 0, where `p(V_k)` is the probability of reaching
 * `t_k` from `s_k`. `rho_k` is also the ORM reward `R_out = E_Q[R_Q]`.
 */
import { sum, type Dec } from '../numeric.ts';
import type { Task, Tmc } from '../tmc.ts';
import { validCots, type Cot } from './paths.ts';

export interface ScoredCot extends Cot {
  /** `rho_k(o)`. */
  readonly rho: Dec;
}

export interface TaskCots {
  readonly task: Task;
  readonly index: number;
  /** `p(V_k)`. */
  readonly pValid: Dec;
  /** `V_k` in lexicographic order, with `rho`. */
  readonly cots: readonly ScoredCot[];
}

/** The valid CoTs of task `k` with their correctness `rho_k`. */
export function taskCots(tmc: Tmc, k: number): TaskCots {
  const cots = validCots(tmc, k);
  const pValid = sum(cots.map((c) => c.p));
  return { task: tmc.tasks[k], index: k, pValid, cots: cots.map((c) => ({ ...c, rho: c.p.div(pValid) })) };
}
