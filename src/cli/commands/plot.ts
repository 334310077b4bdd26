/**
 * `tmc plot dynamics --tmc FILE --task NAME --methods reinforce,raft,… [--steps T] [--out FILE.svg] [--csv]`:
 * fine-tune one task with each method for T exact steps; plot the task's hard-CoT mass and every
 * other task's valid mass over the steps, one line per method, as a standalone SVG (vega, no
 * browser); `--csv` prints the same data (exact digits) on stdout.
 */
import type { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import { RULE_NAMES, ruleByName } from '../../methods/index.ts';
import { dynamicsCsv, dynamicsRows, otherTaskNames } from '../../plot/dynamics.ts';
import { dynamicsSvg } from '../../plot/svg.ts';
import { isMethodFile, loadRule } from '../load-method.ts';
import { numberOption, readTmcFile, resolveTask } from '../options.ts';
import { writeOutput } from './explain.ts';
import { withProgress } from '../progress.ts';

export interface PlotDynamicsOptions {
  readonly tmc: string;
  readonly task: string;
  readonly methods: string;
  readonly steps?: number;
  readonly out?: string;
  readonly csv?: boolean;
}

export const DEFAULT_STEPS = 100;

/** The plot's SVG (when `out` is given) and CSV (when `csv`). */
export async function plotDynamics(opts: PlotDynamicsOptions): Promise<{ svg?: string; csv?: string }> {
  if (opts.out === undefined && !opts.csv) throw new UsageError('give --out FILE.svg, --csv, or both');
  const names = opts.methods.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new UsageError('--methods needs at least one method name');
  const rules = await Promise.all(names.map((name) => (isMethodFile(name) ? loadRule(name) : ruleByName(name))));
  const tmc = readTmcFile(opts.tmc);
  const task = resolveTask(tmc, opts.task);
  const steps = opts.steps ?? DEFAULT_STEPS;
  const rows = withProgress(rules.length * steps, (tick) => dynamicsRows(tmc, task, rules, steps, tick));
  const labels = { title: `Exact dynamics fine-tuning ${tmc.tasks[task].name} (${opts.tmc})`, task: tmc.tasks[task].name, others: otherTaskNames(tmc, task) };
  return {
    ...(opts.out === undefined ? {} : { svg: await dynamicsSvg(rows, labels) }),
    ...(opts.csv ? { csv: dynamicsCsv(rows, tmc, task) } : {}),
  };
}

export function registerPlot(program: Command): void {
  const plot = program.command('plot').description('plots as standalone SVG files');
  plot
    .command('dynamics')
    .description("hard-CoT mass and the other tasks' valid mass over exact fine-tuning steps, one line per method")
    .requiredOption('--tmc <file>', 'TMC file (JSON)')
    .requiredOption('--task <name>', 'the task to fine-tune (name or index)')
    .requiredOption('--methods <list>', `comma-separated methods (${RULE_NAMES.join(', ')}) or files of yours (.ts, .js, .py)`)
    .option('--steps <t>', `exact steps (default ${DEFAULT_STEPS})`, numberOption('steps', { integer: true, min: 1, max: 100000 }))
    .option('--out <file>', 'write the SVG plot here')
    .option('--csv', 'print the data as CSV on stdout')
    .action(async (opts: PlotDynamicsOptions) => {
      const out = await plotDynamics(opts);
      if (out.svg !== undefined) {
        writeOutput(opts.out!, out.svg);
        process.stderr.write(`wrote ${opts.out}\n`);
      }
      if (out.csv !== undefined) process.stdout.write(out.csv);
    });
}
