/**
 * `tmc train --tmc FILE --task NAME|INDEX --method M [--eta X] [--steps T] [--eps X] [--epochs E]
 * [--group G] [--beta X] [--n N] [--filter current|base] [--sampled --seed S] [--every K] [--json]`:
 * fine-tune one task from the base policy with a built-in update rule (src/methods/), exact population
 * steps by default or seeded sampled steps, and report the final policy: the task's valid CoTs with
 * their probabilities, its coverage (easy / hard / invalid mass), CoT entropy and every task's `J`.
 * `--every K` adds the same snapshot at steps 0, K, 2K, ... (JSON only). A progress bar goes to
 * stderr when it is a terminal.
 */
import type { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import { taskCots } from '../../exact/correctness.ts';
import { cotEntropy, coverage } from '../../exact/metrics.ts';
import { pathProbability } from '../../exact/paths.ts';
import { RULE_NAMES, ruleByName, type RuleParams } from '../../methods/index.ts';
import { trainContext, type UpdateRule } from '../../methods/update-rule.ts';
import { D, sum } from '../../numeric.ts';
import type { Policy } from '../../policy.ts';
import { makeRng } from '../../sampling.ts';
import { jsonDecimal, printJson, tableDecimal, textTable } from '../format.ts';
import { isMethodFile, loadRule } from '../load-method.ts';
import { numberOption, readTmcFile, resolveTask } from '../options.ts';
import { terminalText } from '../../escape.ts';
import { withProgress } from '../progress.ts';

export interface TrainOptions {
  readonly tmc: string;
  readonly task: string;
  readonly method: string;
  readonly eta?: number;
  readonly steps?: number;
  readonly eps?: number;
  readonly epochs?: number;
  readonly group?: number;
  readonly beta?: number;
  readonly n?: number;
  readonly filter?: string;
  readonly k?: number;
  readonly lambda?: number;
  readonly penalty?: number;
  readonly alpha?: number;
  readonly sampled?: boolean;
  readonly seed?: number;
  readonly every?: number;
  readonly json?: boolean;
}

export const DEFAULT_STEPS = 1000;

/** The options each method reads; any other rule option is refused, so a typo cannot pass silently. */
const METHOD_OPTIONS: Readonly<Record<string, readonly (keyof RuleParams)[]>> = {
  reinforce: ['eta'],
  raft: ['eta'],
  ppo: ['eta', 'eps', 'epochs'],
  grpo: ['eta', 'group'],
  'grpo-kl': ['eta', 'group', 'beta'],
  'rl-rej': ['eta', 'n', 'filter'],
  'gibbs-step': ['beta'],
  rloo: ['eta', 'group'],
  'dr-grpo': ['eta', 'group'],
  dapo: ['eta', 'group'],
  passk: ['eta', 'group', 'k'],
  pkpo: ['eta', 'group', 'k'],
  psr: ['eta'],
  nsr: ['eta'],
  'w-reinforce': ['eta', 'lambda'],
  unlikeliness: ['eta', 'group', 'penalty'],
  'entropy-bonus': ['eta', 'alpha'],
};
const RULE_OPTIONS = ['eta', 'eps', 'epochs', 'group', 'beta', 'n', 'filter', 'k', 'lambda', 'penalty', 'alpha'] as const;

/** The user's rule of `--method FILE`; the built-ins' options are refused (the file sets its own). */
async function userRule(opts: TrainOptions): Promise<UpdateRule> {
  const given = RULE_OPTIONS.find((key) => opts[key] !== undefined);
  if (given) throw new UsageError(`--${given} configures a built-in rule; ${opts.method} sets its own parameters`);
  return loadRule(opts.method);
}

/** The rule the options ask for. */
export function ruleFromOptions(opts: TrainOptions): UpdateRule {
  const allowed = Object.hasOwn(METHOD_OPTIONS, opts.method) ? METHOD_OPTIONS[opts.method] : undefined;
  if (!allowed) throw new UsageError(`unknown method ${JSON.stringify(opts.method)}; methods: ${RULE_NAMES.join(', ')}`);
  for (const key of RULE_OPTIONS) {
    if (opts[key] !== undefined && !allowed.includes(key)) {
      throw new UsageError(`--${key} does not apply to ${opts.method} (it reads ${allowed.map((k) => `--${k}`).join(', ')})`);
    }
  }
  if (opts.filter !== undefined && opts.filter !== 'current' && opts.filter !== 'base') {
    throw new UsageError(`--filter must be current or base, got ${JSON.stringify(opts.filter)}`);
  }
  const { eta, eps, epochs, group, beta, n, k, lambda, penalty, alpha } = opts;
  return ruleByName(opts.method, { eta, eps, epochs, group, beta, n, k, lambda, penalty, alpha, filter: opts.filter as RuleParams['filter'] });
}

export interface Snapshot {
  readonly step: number;
  readonly cots: { path: number[]; prob: string }[];
  readonly mass: { easy: string; hard: string; invalid: string };
  readonly entropy: string;
  readonly J: Record<string, string>;
}

export interface TrainResult extends Omit<Snapshot, 'step'> {
  readonly method: string;
  readonly params: Readonly<Record<string, number | string>>;
  readonly task: string;
  readonly mode: 'exact' | 'sampled';
  readonly seed?: number;
  readonly steps: number;
  readonly trajectory?: Snapshot[];
}

/** Run the training the options describe; `onStep(t)` sees every step (for a progress bar). */
export function train(opts: TrainOptions, onStep?: (t: number) => void, rule: UpdateRule = ruleFromOptions(opts)): TrainResult {
  if (opts.sampled && opts.seed === undefined) throw new UsageError('--sampled needs --seed S, so the run replays');
  if (!opts.sampled && opts.seed !== undefined) throw new UsageError('--seed applies only with --sampled');
  if (opts.every !== undefined && !opts.json) throw new UsageError('--every adds a trajectory to the JSON output; give --json too');
  const tmc = readTmcFile(opts.tmc);
  const k = resolveTask(tmc, opts.task);
  const ctx = trainContext(tmc, k);
  const all = tmc.tasks.map((_, j) => (j === k ? ctx.tc : taskCots(tmc, j)));
  const snapshot = (step: number, policy: Policy): Snapshot => {
    const mass = coverage(policy, k);
    return {
      step,
      cots: ctx.tc.cots.map((c) => ({ path: [...c.path], prob: jsonDecimal(pathProbability(policy.probs, c.path)) })),
      mass: { easy: jsonDecimal(mass.easy), hard: jsonDecimal(mass.hard), invalid: jsonDecimal(mass.invalid) },
      entropy: jsonDecimal(cotEntropy(policy, ctx.tc.task.start)),
      J: Object.fromEntries(all.map((tc) => [tc.task.name, jsonDecimal(sum(tc.cots.map((c) => pathProbability(policy.probs, c.path).times(c.rho))))])),
    };
  };
  const steps = opts.steps ?? DEFAULT_STEPS;
  const trajectory: Snapshot[] = [];
  const rng = opts.sampled ? makeRng(opts.seed!) : null;
  let policy = ctx.base;
  if (opts.every !== undefined) trajectory.push(snapshot(0, policy));
  for (let t = 1; t <= steps; t++) {
    policy = rng ? rule.sampledStep(policy, ctx, rng) : rule.exactStep(policy, ctx);
    if (opts.every !== undefined && t % opts.every === 0) trajectory.push(snapshot(t, policy));
    onStep?.(t);
  }
  const { step: _, ...last } = snapshot(steps, policy);
  return {
    method: rule.name,
    params: rule.params,
    task: ctx.tc.task.name,
    mode: rng ? 'sampled' : 'exact',
    ...(rng ? { seed: opts.seed } : {}),
    steps,
    ...last,
    ...(opts.every !== undefined ? { trajectory } : {}),
  };
}

/** A JSON decimal string shown with the table's digits. */
function short(x: string): string {
  return tableDecimal(new D(x));
}

/** The human-readable report of a run. */
export function trainText(r: TrainResult): string {
  const params = Object.entries(r.params).map(([key, v]) => `${key} ${v}`).join(', ');
  const head = `${r.method} (${params}) on ${r.task}: ${r.steps} ${r.mode} steps${r.seed !== undefined ? `, seed ${r.seed}` : ''}`;
  const cots = textTable(['CoT', 'pi(o)'], r.cots.map((c) => [c.path.join(' '), short(c.prob)]));
  const mass = `mass: easy ${short(r.mass.easy)}, hard ${short(r.mass.hard)}, invalid ${short(r.mass.invalid)}; entropy ${short(r.entropy)} nats`;
  const J = `J: ${Object.entries(r.J).map(([name, v]) => `${name} ${short(v)}`).join(', ')}`;
  return [head, cots, mass, J].join('\n');
}

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('fine-tune one task with a built-in update rule (exact population steps, or seeded sampled steps) and report the final policy')
    .requiredOption('--tmc <file>', 'TMC file (JSON)')
    .requiredOption('--task <name>', 'the task to fine-tune (name or index)')
    .requiredOption('--method <name|file>', `update rule: ${RULE_NAMES.join(', ')}, or a file of yours (.ts, .js, .py)`)
    .option('--eta <x>', 'step size (default 1)', numberOption('eta', { min: 0, exclusiveMin: true }))
    .option('--steps <t>', `steps (default ${DEFAULT_STEPS})`, numberOption('steps', { integer: true, min: 0, max: 10_000_000 }))
    .option('--eps <x>', 'PPO clip range, in (0, 1) (default 0.2)', numberOption('eps', { min: 0, exclusiveMin: true, max: 1 }))
    .option('--epochs <e>', 'PPO inner steps (default 4)', numberOption('epochs', { integer: true, min: 1 }))
    .option('--group <g>', 'GRPO group size (default 8)', numberOption('group', { integer: true, min: 2 }))
    .option('--beta <x>', 'KL strength of grpo-kl and gibbs-step (default 1)', numberOption('beta', { min: 0, exclusiveMin: true }))
    .option('--n <n>', 'RL-rej tries of the reference policy (default 5)', numberOption('n', { integer: true, min: 1 }))
    .option('--filter <ref>', 'RL-rej reference policy: current or base (default current)')
    .option('--k <k>', 'the k of pass@k for passk (default 4) and pkpo (default 2)', numberOption('k', { integer: true, min: 1 }))
    .option('--lambda <x>', 'w-reinforce weight of a correct sample (default 0.1)', numberOption('lambda', { min: 0, exclusiveMin: true }))
    .option('--penalty <x>', 'unlikeliness rank penalty, in [0, 1] (default 0.25)', numberOption('penalty', { min: 0, max: 1 }))
    .option('--alpha <x>', 'entropy-bonus weight (default 0.1)', numberOption('alpha', { min: 0, exclusiveMin: true }))
    .option('--sampled', 'sampled steps (draw instances and CoTs) instead of exact ones; needs --seed')
    .option('--seed <s>', 'seed of the sampled run', numberOption('seed', { integer: true }))
    .option('--every <k>', 'with --json, add a trajectory snapshot every k steps', numberOption('every', { integer: true, min: 1 }))
    .option('--json', 'print JSON')
    .action(async (opts: TrainOptions) => {
      const rule = isMethodFile(opts.method) ? await userRule(opts) : undefined;
      const steps = opts.steps ?? DEFAULT_STEPS;
      const result = steps >= 100 ? withProgress(steps, (tick) => train(opts, (t) => t % 10 === 0 && tick(t), rule)) : train(opts, undefined, rule);
      if (opts.json) printJson(result);
      else process.stdout.write(`${terminalText(trainText(result))}\n`);
    });
}
