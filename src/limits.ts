/**
 * # Guard rails: the sizes and counts the CLI accepts
 *
 * Exact quantities cost time linear in a TMC's edges, but path enumeration, instance enumeration and
 * the selectors' sums grow exponentially or polynomially in their inputs; a typo (`--runs 1e9`, a
 * 10 000-layer file) should fail at once with a message naming the limit, not hang or run out of
 * memory. Every limit is here: the CLI's own, checked on entry (`checkTmcShape` by
 * src/cli/options.ts `readTmcFile`, `checkOptionLimits` before every command's action), and the
 * engine's, re-exported from the modules that enforce them as they compute.
 *
 * ## Implementation notes
 * The values leave room above every use in the repository (the paper's TMC has 4 layers of width 2;
 * the bench goes to 12 layers of width 6; the deep test profile to 8 layers of width 6) and keep
 * one exact step or one selector distribution within seconds to minutes on one core.
 */
import { TmcFormatError, UsageError } from './errors.ts';
import type { Tmc } from './tmc.ts';
import { SELECTOR_NAMES, selectorByName } from './inference/index.ts';

import { MAX_ENUMERATED_PATHS } from './exact/paths.ts';

export { MAX_ENUMERATED_PATHS };
export { MAX_INSTANCE_COTS } from './exact/instance-moments.ts';
export { MAX_COUNT_VECTORS } from './inference/_internals/multinomial-ratio.ts';

/** Bytes of a TMC file read at most (before parsing). */
export const MAX_TMC_FILE_BYTES = 4 * 1024 * 1024;
/** Layers of a TMC (kernels + 1). */
export const MAX_TMC_LAYERS = 64;
/** States in one layer. */
export const MAX_TMC_WIDTH = 256;
/** Tasks of a TMC: each is listed, and each costs one enumeration of the paths from its start. */
export const MAX_TMC_TASKS = 256;
/** Kernel entries in total, zeros included (`sum_l w_l w_{l+1}`): the cost of one layer pass. */
export const MAX_TMC_ENTRIES = 10_000;

/** Training steps of one run (`tmc train`, `tmc plot`). */
export const MAX_STEPS = 1_000_000;
/** Trajectory snapshots kept in memory (`tmc train --every`): `floor(steps / every) + 1`. */
export const MAX_SNAPSHOTS = 10_000;
/** Count parameters of an update rule (`--group`, `--n`, `--epochs`): one step's cost is linear in each. */
export const MAX_RULE_COUNT = 10_000;
/** Draws of a selector (`tmc infer --n`, `--keep`); ORM top-K costs `O(N^2)` per score class. */
export const MAX_SELECTOR_N = 1_000;
/** Seeded sampler runs (`tmc infer --runs`). */
export const MAX_SAMPLER_RUNS = 1_000_000;
/** Base CoTs drawn by the sampler in total (`--runs` times `--n` for the best-of-N selectors). */
export const MAX_SAMPLED_DRAWS = 10_000_000;
/**
 * CoTs a selector's output distribution may have (`tmc infer`): classifying each output costs one
 * enumeration of the task's CoTs (src/inference/output-metrics.ts), so the work grows as its square;
 * 2048 outputs took a minute.
 */
export const MAX_INFER_COTS = 512;
/**
 * Soft-BoN's inverse temperature (`tmc infer --lambda`): weights `e^(lambda rho)` spread over
 * `lambda log10(e)` decimal orders, and the exact sum carries that many extra digits.
 */
export const MAX_LAMBDA = 1000;
/** Runs per theorem (`tmc check --runs`, `tmc necessity --runs`). */
export const MAX_THEOREM_RUNS = 100_000;

function overLimit(what: string, limit: number, unit: string): never {
  throw new UsageError(`${what}: over the limit of ${limit} ${unit} (src/limits.ts)`);
}

/**
 * Check the shape of a parsed TMC file against the size limits before any number is read, so a huge
 * file fails fast. Anything malformed is left to the file validation (src/tmc-file.ts).
 */
export function checkTmcShape(json: unknown): void {
  if (typeof json !== 'object' || json === null || !('kernels' in json) || !Array.isArray(json.kernels)) return;
  const kernels: unknown[] = json.kernels;
  const tooBig = (field: string, problem: string, layer?: number): never => {
    throw new TmcFormatError(field, `${problem} (src/limits.ts)`, layer);
  };
  if (kernels.length + 1 > MAX_TMC_LAYERS) tooBig('kernels', `${kernels.length + 1} layers, over the limit of ${MAX_TMC_LAYERS}`);
  let entries = 0;
  kernels.forEach((layer, l) => {
    if (!Array.isArray(layer)) return;
    if (layer.length > MAX_TMC_WIDTH) tooBig(`kernels[${l}]`, `${layer.length} states, over the limit of ${MAX_TMC_WIDTH}`, l);
    for (const row of layer) {
      if (!Array.isArray(row)) continue;
      if (row.length > MAX_TMC_WIDTH) tooBig(`kernels[${l}]`, `${row.length} states, over the limit of ${MAX_TMC_WIDTH}`, l + 1);
      entries += row.length;
    }
  });
  if (entries > MAX_TMC_ENTRIES) tooBig('kernels', `${entries} kernel entries, over the limit of ${MAX_TMC_ENTRIES}`);
  if ('tasks' in json && Array.isArray(json.tasks) && json.tasks.length > MAX_TMC_TASKS) {
    tooBig('tasks', `${json.tasks.length} tasks, over the limit of ${MAX_TMC_TASKS}`);
  }
}

/** The number of positive-probability paths from `start` (a float: counting, not enumerating). */
export function pathsFrom(tmc: Tmc, start: number): number {
  let counts: number[] = Array.from({ length: tmc.widths[0] }, (_, u) => (u === start ? 1 : 0));
  for (const k of tmc.kernels) {
    const next = new Array<number>(k[0].length).fill(0);
    k.forEach((row, u) => row.forEach((p, v) => p.gt(0) && (next[v] += counts[u])));
    counts = next;
  }
  return counts.reduce((a, b) => a + b, 0);
}

/** Check, before enumerating, that listing every task's CoTs stays within `MAX_ENUMERATED_PATHS`. */
export function checkListingWork(tmc: Tmc): void {
  const total = tmc.tasks.reduce((n, t) => n + pathsFrom(tmc, t.start), 0);
  if (total > MAX_ENUMERATED_PATHS) overLimit(`listing the tasks' CoTs walks ${total} paths`, MAX_ENUMERATED_PATHS, 'paths');
}

/** Check, before computing, that a selector's output from `starts` has at most `MAX_INFER_COTS` CoTs. */
export function checkInferWork(tmc: Tmc, starts: readonly number[]): void {
  const total = starts.reduce((n, s) => n + pathsFrom(tmc, s), 0);
  if (total > MAX_INFER_COTS) overLimit(`the output can be any of ${total} CoTs`, MAX_INFER_COTS, 'output CoTs');
}

/** Option values a command received (commander's `opts()`). */
export type CommandOptions = Readonly<Record<string, unknown>>;

const RULE_COUNTS = { group: 'CoTs per group', n: 'tries', epochs: 'epochs' } as const;

/** Check a command's numeric options against the limits; called before the command runs. */
export function checkOptionLimits(command: string, opts: CommandOptions): void {
  const num = (key: string): number | undefined => (typeof opts[key] === 'number' ? (opts[key] as number) : undefined);
  const atMost = (key: string, limit: number, unit: string) => {
    const v = num(key);
    if (v !== undefined && v > limit) overLimit(`--${key} ${v}`, limit, unit);
  };
  switch (command) {
    case 'train':
    case 'plot': {
      atMost('steps', MAX_STEPS, 'steps per run');
      for (const [key, unit] of Object.entries(RULE_COUNTS)) atMost(key, MAX_RULE_COUNT, unit);
      // Without --steps a run takes 1000 steps, within MAX_SNAPSHOTS for any --every.
      const steps = num('steps');
      const every = num('every');
      if (steps !== undefined && every !== undefined && Math.floor(steps / every) + 1 > MAX_SNAPSHOTS) {
        overLimit(`--steps ${steps} with --every ${every} (${Math.floor(steps / every) + 1} snapshots)`, MAX_SNAPSHOTS, 'trajectory snapshots');
      }
      return;
    }
    case 'infer': {
      atMost('n', MAX_SELECTOR_N, 'draws');
      atMost('keep', MAX_SELECTOR_N, 'kept draws');
      atMost('runs', MAX_SAMPLER_RUNS, 'sampler runs');
      atMost('lambda', MAX_LAMBDA, '(inverse temperature)');
      const runs = num('runs');
      const n = num('n') ?? 8;
      if (runs !== undefined && drawsN(opts.method) && runs * n > MAX_SAMPLED_DRAWS) {
        overLimit(`--runs ${runs} times --n ${n} (${runs * n} CoTs drawn)`, MAX_SAMPLED_DRAWS, 'sampled CoTs');
      }
      return;
    }
    case 'check':
    case 'necessity':
      atMost('runs', MAX_THEOREM_RUNS, 'runs per theorem');
      return;
  }
}

/** True when one run of the selector named `method` draws `N` base CoTs (it has an `n` parameter). */
function drawsN(method: unknown): boolean {
  return typeof method === 'string' && SELECTOR_NAMES.includes(method) && 'n' in selectorByName(method).params;
}
