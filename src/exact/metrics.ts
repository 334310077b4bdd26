/**
 * # Exact metrics of a policy on a task (SPEC §3)
 *
 * - coverage: the policy's mass on easy valid, hard valid and invalid CoTs from the task's start
 *   (easy mass is a forward pass over easy edges only, valid mass over all edges);
 * - CoT entropy `H(pi) = -sum_o pi(o) ln pi(o) = sum_l sum_u d_l(u) H(pi(.|u))` (chain rule), in nats;
 * - pass@K(Q) `= 1 - (1 - pi(C_Q))^K`, averaged exactly over the task's instances: the Bernstein
 *   polynomial `sum_{m>=1} C(K,m) c^m (1-c)^(K-m)` of src/exact/instance-moments.ts, whose terms are
 *   all non-negative (no `1 - (1 - c)^K` cancellation when `c` is small).
 */
import { ONE, ZERO, sum, type Dec } from '../numeric.ts';
import type { Policy } from '../policy.ts';
import type { TaskCots } from './correctness.ts';
import { bernsteinInstanceMean } from './instance-moments.ts';
import { pathProbability } from './paths.ts';
import { backwardPass, edge, forwardPass } from './values.ts';

export interface Coverage {
  readonly easy: Dec;
  readonly hard: Dec;
  readonly invalid: Dec;
}

/**
 * Mass of easy valid, hard valid and invalid CoTs of task `k`. With `start: 'uniform'` the first
 * state is drawn uniformly from layer 0 (the paper's base-model rows), so CoTs from other starts
 * count as invalid.
 */
export function coverage(policy: Policy, k: number, start: 'task' | 'uniform' = 'task'): Coverage {
  const { tmc, probs } = policy;
  const task = tmc.tasks[k];
  const valid = backwardPass(tmc, task.target, edge(probs))[0][task.start];
  const easyOnly = backwardPass(tmc, task.target, (l, u, v) => (tmc.easy[l][u][v] ? probs[l][u][v] : ZERO));
  const weight = start === 'task' ? ONE : ONE.div(tmc.widths[0]);
  const easy = easyOnly[0][task.start].times(weight);
  const hard = valid.times(weight).minus(easy);
  return { easy, hard, invalid: ONE.minus(easy).minus(hard) };
}

/** Shannon entropy (nats) of the policy's CoT distribution from `start`. */
export function cotEntropy(policy: Policy, start: number): Dec {
  const d = forwardPass(policy.tmc, start, edge(policy.probs));
  let h = ZERO;
  policy.probs.forEach((k, l) =>
    k.forEach((row, u) => {
      if (d[l][u].isZero()) return;
      const rowH = sum(row.filter((p) => p.gt(0)).map((p) => p.times(p.ln()).neg()));
      h = h.plus(d[l][u].times(rowH));
    }),
  );
  return h;
}

export interface PassAtKOptions {
  /** Average over hard instances only (conditional on `Q` hard). */
  readonly hardOnly?: boolean;
}

/**
 * Exact `E_Q[1 - (1 - pi(C_Q))^K]` over the instances of the task, where `pi(C_Q)` is the policy's
 * mass on the instance's correct CoTs. With `hardOnly`, conditional on `Q` being hard (0 when the
 * task has no hard instance).
 */
export function passAtK(policy: Policy, tc: TaskCots, K: number, options: PassAtKOptions = {}): Dec {
  const piCot = tc.cots.map((c) => pathProbability(policy.probs, c.path));
  return bernsteinInstanceMean(tc, piCot, passAtKCoefficients(K), options);
}

/** `beta = (0, 1, .., 1)` of degree `K`: the Bernstein coefficients of `1 - (1 - c)^K`. */
export function passAtKCoefficients(K: number): Dec[] {
  return Array.from({ length: K + 1 }, (_, m) => (m === 0 ? ZERO : ONE));
}
