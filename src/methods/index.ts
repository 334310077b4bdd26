/**
 * # The built-in update rules (SPEC §4)
 *
 * `builtinRules()` gives one default-parameter instance of each rule, for running every law against
 * every method; `ruleByName(name, params)` builds a rule from CLI options.
 */
import { UsageError } from '../errors.ts';
import { raft } from './raft.ts';
import { reinforce } from './reinforce.ts';
import type { UpdateRule } from './update-rule.ts';

/** Hyperparameters any rule may read; each rule ignores the ones it has no use for. */
export interface RuleParams {
  readonly eta?: number;
}

const FACTORIES: Readonly<Record<string, (p: RuleParams) => UpdateRule>> = {
  reinforce: (p) => reinforce({ eta: p.eta }),
  raft: (p) => raft({ eta: p.eta }),
};

/** The names `ruleByName` accepts, in SPEC order. */
export const RULE_NAMES: readonly string[] = Object.keys(FACTORIES);

/** One default-parameter instance of every built-in rule. */
export function builtinRules(): UpdateRule[] {
  return RULE_NAMES.map((name) => FACTORIES[name]({}));
}

/** The built-in rule `name` with `params` (unset ones take the rule's defaults). */
export function ruleByName(name: string, params: RuleParams = {}): UpdateRule {
  const make = FACTORIES[name];
  if (!make) throw new UsageError(`unknown method ${JSON.stringify(name)}; methods: ${RULE_NAMES.join(', ')}`);
  return make(params);
}
