/**
 * # The built-in update rules (SPEC §4)
 *
 * `builtinRules()` gives one default-parameter instance of each rule (the six post-training methods
 * and the per-state Gibbs step), so every law runs against every method; `ruleByName(name, params)`
 * builds a rule from CLI options.
 */
import { UsageError } from '../errors.ts';
import { gibbs } from './gibbs-step.ts';
import { grpoKl } from './grpo-kl.ts';
import { grpo } from './grpo.ts';
import { ppo } from './ppo.ts';
import { raft } from './raft.ts';
import { reinforce } from './reinforce.ts';
import { rlRej, type RejectionFilter } from './rl-rej.ts';
import type { UpdateRule } from './update-rule.ts';

/** Hyperparameters any rule may read; each rule ignores the ones it has no use for. */
export interface RuleParams {
  readonly eta?: number;
  readonly eps?: number;
  readonly epochs?: number;
  readonly batch?: number;
  readonly group?: number;
  readonly beta?: number;
  readonly n?: number;
  readonly filter?: RejectionFilter;
  readonly rollouts?: number;
}

const FACTORIES: Readonly<Record<string, (p: RuleParams) => UpdateRule>> = {
  reinforce: (p) => reinforce({ eta: p.eta }),
  raft: (p) => raft({ eta: p.eta }),
  ppo: (p) => ppo({ eta: p.eta, eps: p.eps, epochs: p.epochs, batch: p.batch }),
  grpo: (p) => grpo({ eta: p.eta, group: p.group }),
  'grpo-kl': (p) => grpoKl({ eta: p.eta, group: p.group, beta: p.beta }),
  'rl-rej': (p) => rlRej({ eta: p.eta, n: p.n, filter: p.filter }),
  'gibbs-step': (p) => gibbs({ beta: p.beta, rollouts: p.rollouts }),
};

/** The names `ruleByName` accepts, in SPEC order. */
export const RULE_NAMES: readonly string[] = Object.keys(FACTORIES);

/** One default-parameter instance of every built-in rule. */
export function builtinRules(): UpdateRule[] {
  return RULE_NAMES.map((name) => FACTORIES[name]({}));
}

/** The built-in rule `name` with `params` (unset ones take the rule's defaults). */
export function ruleByName(name: string, params: RuleParams = {}): UpdateRule {
  // Own properties only: `constructor` or `toString` must not find Object.prototype's.
  const make = Object.hasOwn(FACTORIES, name) ? FACTORIES[name] : undefined;
  if (!make) throw new UsageError(`unknown method ${JSON.stringify(name)}; methods: ${RULE_NAMES.join(', ')}`);
  return make(params);
}
