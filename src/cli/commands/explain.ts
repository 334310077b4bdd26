/**
 * `tmc explain FILE [--task NAME] [--dot | --svg OUT]`: a TMC file or a witness file
 * (fixtures/witnesses/*.json) as an indented tree of steps with exact probabilities and easy/hard
 * marks, each valid CoT with `p(o)` and `rho`; with `--dot` Graphviz DOT text on stdout, with
 * `--svg OUT` a standalone SVG drawing.
 */
import { writeFileSync } from 'node:fs';
import { terminalText } from '../../escape.ts';
import { checkListingWork } from '../../limits.ts';
import type { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import { tmcToDot } from '../../explain/dot.ts';
import { tmcToSvg } from '../../explain/svg.ts';
import { explainTmc, explainWitness } from '../../explain/text.ts';
import { isWitness, type WitnessFile } from '../../theorems/witness.ts';
import type { Tmc } from '../../tmc.ts';
import { readJsonFile, resolveTask, tmcOfJson } from '../options.ts';

export interface ExplainOptions {
  readonly task?: string;
  readonly dot?: boolean;
  readonly svg?: string;
}

/** Read a TMC or witness file within the limits of every TMC file (src/limits.ts); errors name the file. */
export function readExplainable(file: string): { tmc: Tmc; witness?: WitnessFile } {
  const json = readJsonFile(file);
  const read = isWitness(json) ? { tmc: tmcOfJson(file, json.tmc), witness: json } : { tmc: tmcOfJson(file, json) };
  checkListingWork(read.tmc);
  return read;
}

/** The output of `tmc explain` for `file` (the text, or the DOT, or the SVG document). */
export function explainFile(file: string, opts: ExplainOptions): { text?: string; svg?: string } {
  if (opts.dot && opts.svg !== undefined) throw new UsageError('give --dot or --svg, not both');
  const { tmc, witness } = readExplainable(file);
  const task = opts.task === undefined ? undefined : resolveTask(tmc, opts.task);
  const tasks = task === undefined ? undefined : [task];
  if (opts.dot) return { text: tmcToDot(tmc, tasks) };
  if (opts.svg !== undefined) {
    const title = witness ? [`${witness.theorem} fails without ${witness.hypothesis}`, witness.quantities.split('\n')[0]] : [];
    return { svg: tmcToSvg(tmc, { tasks, title }) };
  }
  return { text: witness ? explainWitness(witness, tmc, { task }) : explainTmc(tmc, { task }) };
}

/** Write a file the user named; a failure is a usage error naming it. */
export function writeOutput(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(`cannot write ${file}: ${err.code ?? err.message}`);
  }
}

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('a TMC or witness file as a tree of steps with probabilities, easy/hard marks, and each valid CoT with p and rho')
    .argument('<file>', 'TMC file or witness file (JSON)')
    .option('--task <name>', 'only this task (name or index)')
    .option('--dot', 'print Graphviz DOT instead')
    .option('--svg <out>', 'write a standalone SVG drawing to OUT')
    .action((file: string, opts: ExplainOptions) => {
      const out = explainFile(file, opts);
      if (out.svg !== undefined) {
        writeOutput(opts.svg!, out.svg);
        process.stdout.write(`wrote ${opts.svg}\n`);
      } else {
        process.stdout.write(`${opts.dot ? out.text : terminalText(out.text!)}\n`);
      }
    });
}
