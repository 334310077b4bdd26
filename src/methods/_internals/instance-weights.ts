/**
 * Path weights averaged over question instances: `w(o) = E_Q[R_Q(o) f(c_Q)]`, where `c_Q` is a
 * reference policy's mass on the instance's correct CoTs `C_Q` (GRPO: `f` from the group's reward
 * counts; RL-rej: `f(c) = (1 - c)^n`). Exact: a sum over the `2^|V_k|` instances, which are
 * enumerated once per task and cached.
 */
import type { TaskCots } from '../../exact/correctness.ts';
import { instances, type Instance } from '../../exact/instances.ts';
import { ZERO, type Dec } from '../../numeric.ts';

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

/** `w[i] = sum_Q P(Q) 1[o_i in C_Q] f(sum_{j in C_Q} piRef[j])`, `o_i = tc.cots[i]`. */
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
