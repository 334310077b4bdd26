/**
 * # tmc-theorems: the public entry point
 *
 * What a method author imports: `groupRule` to write a group-advantage rule in a few lines, the
 * built-in update rules and selectors, their interfaces, and the decimal constructor.
 */
export { groupRule, type AdvantageValue, type GroupRuleSpec } from './methods/group-rule.ts';
export { builtinRules, ruleByName, RULE_NAMES, type RuleParams } from './methods/index.ts';
export { reinforce } from './methods/reinforce.ts';
export { raft } from './methods/raft.ts';
export { ppo } from './methods/ppo.ts';
export { grpo } from './methods/grpo.ts';
export { grpoKl } from './methods/grpo-kl.ts';
export { rlRej } from './methods/rl-rej.ts';
export { gibbs } from './methods/gibbs-step.ts';
export type { RuleFamily, TrainContext, UpdateRule } from './methods/update-rule.ts';
export { builtinSelectors, selectorByName, SELECTOR_NAMES, dprmAs, dprmBon, ormBon, prmBon, softBon } from './inference/index.ts';
export type { SelectedCot, Selector } from './inference/selector.ts';
export { D, type Dec } from './numeric.ts';
