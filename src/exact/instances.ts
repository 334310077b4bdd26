/**
 * # Question instances (SPEC §2)
 *
 * An instance `Q` of task `k` has a random set of correct CoTs `C_Q`: each `o` in `V_k` is included
 * independently with probability `rho_k(o)`; `R_Q(o) = 1[o in C_Q]`. `Q` is *hard* when `C_Q` is
 * non-empty and holds no easy CoT. The distribution has `2^|V_k|` outcomes, enumerated exactly: the
 * reference for proofs/ and the cheaper method on tiny tasks; the engine's instance quantities use
 * the moment recursions of src/exact/instance-moments.ts beyond that.
 */
import { UsageError } from '../errors.ts';
import { ONE, ZERO, type Dec } from '../numeric.ts';
import type { TaskCots } from './correctness.ts';

/** Largest `|V_k|` whose `2^|V_k|` instances are enumerated. */
export const MAX_ENUMERATED_INSTANCE_COTS = 16;

export interface Instance {
  /** `correct[i]`: the task's `i`-th valid CoT is in `C_Q`. */
  readonly correct: readonly boolean[];
  readonly prob: Dec;
  readonly hard: boolean;
}

/** All `2^|V_k|` instances of a task with their probabilities. */
export function instances(tc: TaskCots): Instance[] {
  const n = tc.cots.length;
  if (n > MAX_ENUMERATED_INSTANCE_COTS) {
    throw new UsageError(
      `task ${tc.task.name} has ${n} valid CoTs; exact instance enumeration allows at most ${MAX_ENUMERATED_INSTANCE_COTS}`,
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

interface IndexedInstance extends Instance {
  /** Indices `i` with `correct[i]`. */
  readonly members: readonly number[];
}

const cache = new WeakMap<TaskCots, readonly IndexedInstance[]>();

/** The task's instances with non-empty `C_Q` (the others weigh nothing), computed once per `tc`. */
function nonEmptyInstances(tc: TaskCots): readonly IndexedInstance[] {
  let list = cache.get(tc);
  if (!list) {
    list = instances(tc)
      .map((q) => ({ ...q, members: q.correct.flatMap((c, i) => (c ? [i] : [])) }))
      .filter((q) => q.members.length > 0);
    cache.set(tc, list);
  }
  return list;
}

/**
 * `w[i] = sum_Q P(Q) 1[o_i in C_Q] f(sum_{j in C_Q} piRef[j])`, `o_i = tc.cots[i]`, over the enumerated
 * instances (cached per `tc`): any weight `f`, not only polynomials.
 */
export function instanceWeights(tc: TaskCots, piRef: readonly Dec[], f: (c: Dec) => Dec): Dec[] {
  const w = tc.cots.map(() => ZERO);
  for (const q of nonEmptyInstances(tc)) {
    let c = ZERO;
    for (const i of q.members) c = c.plus(piRef[i]);
    const weight = q.prob.times(f(c));
    if (weight.isZero()) continue;
    for (const i of q.members) w[i] = w[i].plus(weight);
  }
  return w;
}
