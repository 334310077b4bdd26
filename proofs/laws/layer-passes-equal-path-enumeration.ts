/**
 * # Layer passes equal path enumeration
 *
 * Main statement: for every task `k` and every tabular softmax policy `pi` (the base policy and
 * random logits), the forward/backward passes of `taskValues` give the same `d`, `V`, `Q`, `A`, the
 * policy gradient and `J` as the definitions of SPEC §3 evaluated by enumerating every CoT
 * (`taskValuesByEnumeration`), up to the working precision.
 *
 * Implementation notes: the TMCs have one task or two tasks sharing states, so the passes are
 * checked where prefixes meet. `Q`, `V`, `A` are compared at visited states only (both define them
 * as 0 elsewhere) and on every kernel entry, support or not.
 */
import fc from 'fast-check';
import { taskValuesByEnumeration } from '../../src/exact/enumeration.ts';
import { casePolicy, expectAllClose, policyCases, type PolicyCase } from './cases.ts';
import type { ExactEngine } from './engine.ts';

export function layerPassesEqualPathEnumeration(engine: ExactEngine): fc.IProperty<[PolicyCase]> {
  return fc.property(policyCases(), (c) => {
    const policy = casePolicy(c);
    c.tmc.tasks.forEach((_, k) => {
      const passes = engine.taskValues(policy, k);
      const paths = taskValuesByEnumeration(policy, k);
      for (const key of ['d', 'V', 'Q', 'A', 'grad', 'J'] as const) {
        expectAllClose(`task ${k} ${key} (passes vs enumeration)`, passes[key], paths[key]);
      }
    });
  });
}
