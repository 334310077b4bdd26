/**
 * `tmc`: the command-line front of the engine. Exit codes: 0 success, 1 a claim failed,
 * 2 bad usage or input (message only, no stack trace).
 */
import { Command, CommanderError } from 'commander';
import { isUserError } from '../errors.ts';
import { terminalText } from '../escape.ts';
import { checkOptionLimits } from '../limits.ts';
import { setPrecision } from '../numeric.ts';
import { numberOption } from './options.ts';
import { registerInspect } from './commands/inspect.ts';
import { registerPaperTable } from './commands/paper-table.ts';
import { registerCheck } from './commands/check.ts';
import { registerNecessity } from './commands/necessity.ts';
import { registerExplain } from './commands/explain.ts';
import { registerPlot } from './commands/plot.ts';
import { registerTrain } from './commands/train.ts';
import { registerInfer } from './commands/infer.ts';

// A reader that went away (`tmc ... | head -1`) is no error: stop quietly, as other Unix tools do.
// Once per process: the bad-input batch (src/cli/cli-batch.ts) runs this module many times in one.
const QUIET_EPIPE = Symbol.for('tmc.quietEpipe');
for (const stream of (globalThis as Record<symbol, unknown>)[QUIET_EPIPE] ? [] : [process.stdout, process.stderr]) {
  (globalThis as Record<symbol, unknown>)[QUIET_EPIPE] = true;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
}

const program = new Command('tmc')
  .description('Exact checks of the theorems of "Post-Training as Reweighting" (arXiv 2511.07368) on tree-structured Markov chains')
  .option('--precision <digits>', 'working precision in significant digits', numberOption('precision', { integer: true, min: 10, max: 1000 }), 40)
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(`tmc: ${text.replace(/^error: /, '')}`) })
  .hook('preAction', (cmd) => setPrecision(cmd.opts().precision))
  .hook('preAction', (_, action) => checkOptionLimits(action.name(), action.opts()));

// Each command lives in src/cli/commands/<name>.ts and registers itself here.
registerInspect(program);
registerPaperTable(program);
registerCheck(program);
registerNecessity(program);
registerExplain(program);
registerPlot(program);
registerTrain(program);
registerInfer(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else if (isUserError(e)) {
    process.stderr.write(`tmc: ${terminalText(e.message)}\n`);
    process.exitCode = 2;
  } else {
    throw e;
  }
}
