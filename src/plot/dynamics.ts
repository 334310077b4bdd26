/**
 * # Exact training dynamics, step by step
 *
 * For each update rule, `steps` exact population steps fine-tuning one task from the base policy
 * (`runExact`), recording after every step (and at step 0) the trained task's easy and hard valid-CoT
 * mass (`coverage`) and every other task's valid mass under the same shared policy: the squeezing of
 * hard CoTs (SPEC §6.1) and the forgetting of the other task (§6.2) side by side.
 */
import { coverage } from '../exact/metrics.ts';
import { runExact, trainContext, type UpdateRule } from '../methods/update-rule.ts';
import type { Dec } from '../numeric.ts';
import type { Policy } from '../policy.ts';
import type { Tmc } from '../tmc.ts';
import { jsonDecimal } from '../cli/format.ts';
import { csvField } from '../escape.ts';

export interface DynamicsRow {
  readonly method: string;
  readonly step: number;
  readonly easy: Dec;
  readonly hard: Dec;
  /** Valid mass of every other task, in task order. */
  readonly others: readonly Dec[];
}

/** The dynamics of each rule fine-tuning task `task` of `tmc` for `steps` exact steps. */
export function dynamicsRows(tmc: Tmc, task: number, rules: readonly UpdateRule[], steps: number, onStep?: (done: number) => void): DynamicsRow[] {
  const others = tmc.tasks.map((_, k) => k).filter((k) => k !== task);
  const ctx = trainContext(tmc, task);
  return rules.flatMap((rule, r) => {
    const rows: DynamicsRow[] = [];
    const record = (step: number, policy: Policy) => {
      const c = coverage(policy, task);
      const otherValid = others.map((k) => {
        const o = coverage(policy, k);
        return o.easy.plus(o.hard);
      });
      rows.push({ method: rule.name, step, easy: c.easy, hard: c.hard, others: otherValid });
      onStep?.(r * steps + step);
    };
    record(0, ctx.base);
    runExact(rule, ctx, steps, ctx.base, record);
    return rows;
  });
}

/** The names of the other tasks, in the order of `DynamicsRow.others`. */
export function otherTaskNames(tmc: Tmc, task: number): string[] {
  return tmc.tasks.filter((_, k) => k !== task).map((t) => t.name);
}

/** The rows as CSV, exact values to 30 significant digits. */
export function dynamicsCsv(rows: readonly DynamicsRow[], tmc: Tmc, task: number): string {
  const name = tmc.tasks[task].name;
  const header = ['method', 'step', `${name}_easy_mass`, `${name}_hard_mass`, ...otherTaskNames(tmc, task).map((n) => `${n}_valid_mass`)];
  const lines = rows.map((r) => [csvField(r.method), String(r.step), jsonDecimal(r.easy), jsonDecimal(r.hard), ...r.others.map(jsonDecimal)].join(','));
  return `${[header.map(csvField).join(','), ...lines].join('\n')}\n`;
}
