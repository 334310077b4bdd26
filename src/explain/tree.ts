/**
 * # A task's CoTs as an indented tree of steps
 *
 * The prefix tree from the task's start: each line is one step with its exact probability
 * `P_l(v|u)` as written in the TMC and its easy/hard mark; a leaf on the target is a valid CoT with
 * `p(o)` and `rho(o)`. A step after which the target is unreachable is one line (`✗`), not expanded,
 * so the tree shows every valid CoT and stays small.
 */
import { taskCots } from '../exact/correctness.ts';
import { backwardPass, edge } from '../exact/values.ts';
import { tableDecimal } from '../cli/format.ts';
import type { Tmc } from '../tmc.ts';

/** The step tree of task `k`, one line per step, with a title line. */
export function stepTree(tmc: Tmc, k: number): string {
  const tc = taskCots(tmc, k);
  const { task } = tc;
  const reach = backwardPass(tmc, task.target, edge(tmc.kernels));
  const byPath = new Map(tc.cots.map((c) => [c.path.join(' '), c]));
  const easyCount = tc.cots.filter((c) => c.kind === 'easy').length;
  const lines = [
    `${task.name}: start ${task.start} -> target ${task.target}, p(V) = ${tableDecimal(tc.pValid)}, ` +
      `${tc.cots.length} valid CoT(s): ${easyCount} easy, ${tc.cots.length - easyCount} hard`,
    `${task.start}`,
  ];
  const last = tmc.layers - 1;
  const walk = (path: number[], indent: string): void => {
    const l = path.length - 1;
    const u = path[l];
    const children = tmc.kernels[l][u].flatMap((p, v) => (p.gt(0) ? [v] : []));
    children.forEach((v, i) => {
      const isLast = i === children.length - 1;
      const step = `${v}  P=${tmc.spec.kernels[l][u][v]} ${tmc.easy[l][u][v] ? 'easy' : 'HARD'}`;
      const next = [...path, v];
      let note = '';
      if (l + 1 === last) {
        const cot = byPath.get(next.join(' '));
        note = cot
          ? `  ✓ CoT ${next.join('-')} (${cot.kind}) p(o)=${tableDecimal(cot.p)} rho=${tableDecimal(cot.rho)}`
          : '  ✗ not the target';
      } else if (reach[l + 1][v].isZero()) {
        note = '  ✗ target unreachable';
      }
      lines.push(`${indent}${isLast ? '└─ ' : '├─ '}${step}${note}`);
      if (l + 1 < last && note === '') walk(next, `${indent}${isLast ? '   ' : '│  '}`);
    });
  };
  walk([task.start], '');
  return lines.join('\n');
}
