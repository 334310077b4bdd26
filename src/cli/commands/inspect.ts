/**
 * `tmc inspect FILE [--json]`: layers, tasks and, for every task, its valid CoTs with probability,
 * `rho` and kind.
 */
import type { Command } from 'commander';
import { taskCots, type TaskCots } from '../../exact/correctness.ts';
import { terminalText } from '../../escape.ts';
import type { Tmc } from '../../tmc.ts';
import { jsonDecimal, printJson, tableDecimal, textTable } from '../format.ts';
import { checkListingWork } from '../../limits.ts';
import { readTmcFile } from '../options.ts';

/** The valid CoTs of every task, as the JSON the CLI prints. */
export function cotsJson(all: readonly TaskCots[]) {
  return all.map((tc) => ({
    name: tc.task.name,
    start: tc.task.start,
    target: tc.task.target,
    validMass: jsonDecimal(tc.pValid),
    cots: tc.cots.map((c) => ({ path: [...c.path], prob: jsonDecimal(c.p), rho: jsonDecimal(c.rho), kind: c.kind })),
  }));
}

/** A human-readable listing of a TMC's tasks and valid CoTs. */
export function cotsText(tmc: Tmc, all: readonly TaskCots[]): string {
  const head = `${tmc.layers} layers, widths [${tmc.widths.join(', ')}], ${tmc.tasks.length} task(s)`;
  const blocks = all.map((tc) => {
    const rows = tc.cots.map((c) => [c.path.join(' '), c.kind, tableDecimal(c.p), tableDecimal(c.rho)]);
    const title = `task ${tc.task.name}: ${tc.task.start} -> ${tc.task.target}, p(V) = ${tableDecimal(tc.pValid)}, ${tc.cots.length} valid CoT(s)`;
    return `${title}\n${textTable(['CoT', 'kind', 'p(o)', 'rho(o)'], rows)}`;
  });
  return [head, ...blocks].join('\n\n');
}

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description('list the layers, tasks and every valid CoT with its probability, rho and kind')
    .argument('<file>', 'TMC file (JSON)')
    .option('--json', 'print JSON')
    .action((file: string, opts: { json?: boolean }) => {
      const tmc = readTmcFile(file);
      checkListingWork(tmc);
      const all = tmc.tasks.map((_, k) => taskCots(tmc, k));
      if (opts.json) printJson({ layers: tmc.layers, widths: tmc.widths, tasks: cotsJson(all) });
      else process.stdout.write(`${terminalText(cotsText(tmc, all))}\n`);
    });
}
