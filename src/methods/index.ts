/**
 * # The built-in update rules (SPEC §4)
 *
 * `builtinRules()` gives one default-parameter instance of each rule (the six post-training methods
 * and the per-state Gibbs step), so every law runs against every method; `zooRules()` the modern RLVR
 * variants of SPEC §9, whose verdicts are their own theorems (properties/zoo-*.prop.ts) since several
 * do not squeeze; `ruleByName(name, params)` builds either kind from CLI options.
 */
import { UsageError } from '../errors.ts';
import { dapo } from './dapo.ts';
import { drGrpo } from './dr-grpo.ts';
import { entropyBonus } from './entropy-bonus.ts';
import { gibbs } from './gibbs-step.ts';
import { grpoKl } from './grpo-kl.ts';
import { grpo } from './grpo.ts';
import { passAtKTraining } from './pass-at-k-training.ts';
import { pkpo } from './pkpo.ts';
import { ppo } from './ppo.ts';
import { nsr, psr, wReinforce } from './psr-nsr.ts';
import { raft } from './raft.ts';
import { reinforce } from './reinforce.ts';
import { rlRej, type RejectionFilter } from './rl-rej.ts';
import { rloo } from './rloo.ts';
import { unlikeliness } from './unlikeliness.ts';
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
  /** The `k` of pass@k (PKPO, pass@k training). */
  readonly k?: number;
  /** W-REINFORCE's weight of a correct sample. */
  readonly lambda?: number;
  /** The unlikeliness reward's rank penalty. */
  readonly penalty?: number;
  /** The entropy bonus's weight. */
  readonly alpha?: number;
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

const ZOO_FACTORIES: Readonly<Record<string, (p: RuleParams) => UpdateRule>> = {
  rloo: (p) => rloo({ eta: p.eta, group: p.group }),
  'dr-grpo': (p) => drGrpo({ eta: p.eta, group: p.group }),
  dapo: (p) => dapo({ eta: p.eta, group: p.group }),
  passk: (p) => passAtKTraining({ eta: p.eta, group: p.group, k: p.k }),
  pkpo: (p) => pkpo({ eta: p.eta, group: p.group, k: p.k }),
  psr: (p) => psr({ eta: p.eta }),
  nsr: (p) => nsr({ eta: p.eta }),
  'w-reinforce': (p) => wReinforce({ eta: p.eta, lambda: p.lambda }),
  unlikeliness: (p) => unlikeliness({ eta: p.eta, group: p.group, penalty: p.penalty }),
  'entropy-bonus': (p) => entropyBonus({ eta: p.eta, alpha: p.alpha }),
};

/** The SPEC §4 rules' names, in SPEC order. */
export const BUILTIN_RULE_NAMES: readonly string[] = Object.keys(FACTORIES);
/** The RLVR zoo's names (SPEC §9). */
export const ZOO_RULE_NAMES: readonly string[] = Object.keys(ZOO_FACTORIES);
/** The names `ruleByName` accepts: SPEC §4's, then the zoo's. */
export const RULE_NAMES: readonly string[] = [...BUILTIN_RULE_NAMES, ...ZOO_RULE_NAMES];

/** One default-parameter instance of every SPEC §4 rule. */
export function builtinRules(): UpdateRule[] {
  return BUILTIN_RULE_NAMES.map((name) => FACTORIES[name]({}));
}

/** One default-parameter instance of every zoo rule. */
export function zooRules(): UpdateRule[] {
  return ZOO_RULE_NAMES.map((name) => ZOO_FACTORIES[name]({}));
}

/** The rule `name` with `params` (unset ones take the rule's defaults). */
export function ruleByName(name: string, params: RuleParams = {}): UpdateRule {
  // Own properties only: `constructor` or `toString` must not find Object.prototype's.
  const make = Object.hasOwn(FACTORIES, name) ? FACTORIES[name] : Object.hasOwn(ZOO_FACTORIES, name) ? ZOO_FACTORIES[name] : undefined;
  if (!make) throw new UsageError(`unknown method ${JSON.stringify(name)}; methods: ${RULE_NAMES.join(', ')}`);
  return make(params);
}
