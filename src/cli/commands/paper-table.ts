/**
 * `tmc paper-table [--json]`: the reference TMC's valid CoTs, probabilities and correctness beside
 * the paper's reported values (6 decimals), each mismatch marked.
 */
import type { Command } from 'commander';
import { taskCots } from '../../exact/correctness.ts';
import { D } from '../../numeric.ts';
import { paperReported, paperTmc } from '../../paper/reference.ts';
import { coverageTable, coverageTableJson, coverageTableText } from '../../paper/coverage-table.ts';
import { FINETUNE_SEEDS, finetuneTable, finetuneTableJson, finetuneTableText } from '../../paper/finetune.ts';
import { zooTable, zooTableText } from '../../paper/zoo-table.ts';
import { jsonDecimal, printJson, textTable } from '../format.ts';
import { withProgress } from '../progress.ts';

/** Our value rounded to the reported number of decimals equals the reported value. */
function matches(ours: InstanceType<typeof D>, reported: number): boolean {
  return ours.toDecimalPlaces(6).eq(new D(String(reported)));
}

/** The reference TMC's CoTs beside the reported ones. */
export function cotComparison() {
  const tmc = paperTmc();
  const reported = paperReported();
  return tmc.tasks.map((_, k) => {
    const tc = taskCots(tmc, k);
    return {
      name: tc.task.name,
      cots: tc.cots.map((c) => {
        const r = reported.paths.find((p) => p.task === k + 1 && p.path.join() === c.path.join());
        return {
          path: [...c.path],
          prob: jsonDecimal(c.p),
          rho: jsonDecimal(c.rho),
          kind: c.kind,
          reported: r ? { prob: r.probability, rho: r.correctness, kind: r.kind } : null,
          match: r !== undefined && matches(c.p, r.probability) && matches(c.rho, r.correctness) && r.kind === c.kind,
        };
      }),
    };
  });
}

export function registerPaperTable(program: Command): void {
  program
    .command('paper-table')
    .description("the paper's reference TMC: our exact CoT probabilities and correctness beside the reported ones")
    .option('--json', 'print JSON')
    .option('--coverage', "the coverage table: base model, fine-tuning methods and selectors, ours beside the paper's")
    .option('--finetune', "the fine-tuning rows: the paper's procedure over 5 seeds beside the reported rows and the clean exact dynamics (about 15 s)")
    .option('--zoo', 'the RLVR zoo: exact and sampled hard mass at t = 1000, task 2, the pass@K crossing and each verdict (about 70 s of CPU)')
    .action((opts: { json?: boolean; coverage?: boolean; finetune?: boolean; zoo?: boolean }) => {
      if (opts.zoo) {
        const rows = zooTable();
        if (opts.json) printJson(rows);
        else process.stdout.write(`${zooTableText(rows)}\n`);
        return;
      }
      if (opts.finetune) {
        const table = withProgress(FINETUNE_SEEDS.length, (tick) => {
          let done = 0;
          return finetuneTable(FINETUNE_SEEDS, () => tick(++done));
        });
        if (opts.json) printJson(finetuneTableJson(table));
        else process.stdout.write(`${finetuneTableText(table)}\n`);
        return;
      }
      if (opts.coverage) {
        const rows = coverageTable();
        if (opts.json) printJson(coverageTableJson(rows));
        else process.stdout.write(`${coverageTableText(rows)}\n`);
        return;
      }
      const tasks = cotComparison();
      if (opts.json) {
        printJson({ tasks });
        return;
      }
      const rows = tasks.flatMap((t) =>
        t.cots.map((c) => [
          t.name,
          c.path.join(' '),
          c.kind,
          new D(c.prob).toFixed(6),
          c.reported ? c.reported.prob.toFixed(6) : '-',
          new D(c.rho).toFixed(6),
          c.reported ? c.reported.rho.toFixed(6) : '-',
          c.match ? 'ok' : 'MISMATCH',
        ]),
      );
      const mismatches = tasks.flatMap((t) => t.cots).filter((c) => !c.match).length;
      process.stdout.write(
        `${textTable(['task', 'CoT', 'kind', 'p(o)', 'paper p', 'rho(o)', 'paper rho', ''], rows)}\n` +
          `${mismatches === 0 ? 'all values match the paper to 6 decimals' : `${mismatches} mismatch(es)`}\n`,
      );
    });
}
