/**
 * # Coverage and CoT entropy from layer passes equal path enumeration
 *
 * Main statement: for every task `k` and policy `pi`,
 * - `coverage(pi, k, 'task')` is `(pi(easy valid), pi(hard valid), pi(invalid))` over the CoTs from
 *   `s_k`, and `coverage(pi, k, 'uniform')` the same with the start drawn uniformly from layer 1;
 * - `cotEntropy(pi, s) = -sum_o pi(o) ln pi(o)` over the CoTs from `s`,
 * each as summed over the enumerated CoTs (`enumeratePaths`, `cotKind`), up to the working precision.
 */
import fc from 'fast-check';
import { cotKind, enumeratePaths } from '../../src/exact/paths.ts';
import type { Coverage } from '../../src/exact/metrics.ts';
import { ZERO, sum } from '../../src/numeric.ts';
import type { Policy } from '../../src/policy.ts';
import { casePolicy, expectAllClose, policyCases, type PolicyCase } from './cases.ts';
import type { ExactEngine } from './engine.ts';

/** Easy-valid, hard-valid and invalid mass of the CoTs of task `k` from `start`, by enumeration. */
function enumeratedCoverage(policy: Policy, k: number, start: number): Coverage {
  const task = policy.tmc.tasks[k];
  const mass = { easy: ZERO, hard: ZERO, invalid: ZERO };
  for (const { path, p } of enumeratePaths(policy.probs, start)) {
    const valid = path[0] === task.start && path[path.length - 1] === task.target;
    const key = valid ? cotKind(policy.tmc, path) : 'invalid';
    mass[key] = mass[key].plus(p);
  }
  return mass;
}

export function coverageAndEntropyEqualPathEnumeration(engine: ExactEngine): fc.IProperty<[PolicyCase]> {
  return fc.property(policyCases(), (c) => {
    const policy = casePolicy(c);
    const { tmc } = policy;
    tmc.tasks.forEach((task, k) => {
      const byTask = enumeratedCoverage(policy, k, task.start);
      const starts = tmc.widths[0];
      const byStart = Array.from({ length: starts }, (_, s) => enumeratedCoverage(policy, k, s));
      const uniform = (key: keyof Coverage) => sum(byStart.map((m) => m[key])).div(starts);
      const shape = (m: Coverage) => [m.easy, m.hard, m.invalid];
      expectAllClose(`task ${k} coverage (task start)`, shape(engine.coverage(policy, k, 'task')), shape(byTask));
      expectAllClose(
        `task ${k} coverage (uniform start)`,
        shape(engine.coverage(policy, k, 'uniform')),
        [uniform('easy'), uniform('hard'), uniform('invalid')],
      );
    });
    for (let s = 0; s < tmc.widths[0]; s++) {
      const entropy = sum(enumeratePaths(policy.probs, s).map(({ p }) => p.times(p.ln()).neg()));
      expectAllClose(`entropy from state ${s}`, engine.cotEntropy(policy, s), entropy);
    }
  });
}
