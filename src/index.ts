/**
 * # tmc-theorems: the public entry point
 *
 * What a method author imports, from any folder: inside a file given to `tmc check --method FILE`
 * (or `train`, `infer`, `plot dynamics`), `import … from 'tmc-theorems'` is this module.
 * - `groupRule` writes a group-advantage rule (GRPO, RLOO, Dr. GRPO, …) in a few lines; the suite
 *   derives its exact population step and its sampled step.
 * - The built-in update rules and selectors, to compare with (`tmc check --like NAME`) or to wrap.
 * - The interfaces a hand-written method implements (`UpdateRule`, `Selector`) and the helpers it
 *   needs: decimals, policies, seeded sampling, TMCs.
 * - For a claim file of one's own (`tmc check --properties DIR`): `registerTheorem`, `registerLaw`.
 *
 * @example
 * // my_rloo.ts: RLOO, each sample's baseline the mean reward of the other G - 1.
 * import { groupRule } from 'tmc-theorems';
 * export default groupRule({
 *   name: 'my-rloo',
 *   group: 8,
 *   advantage: (r) => r.map((ri) => ri - (r.reduce((a, b) => a + b, 0) - ri) / (r.length - 1)),
 * });
 * // then: npx tmc check --method my_rloo.ts
 */

/**
 * A group rule from its per-sample advantage `advantage(rewards) -> weights` over `G` 0/1
 * rewards, with its exact population step and its seeded sampled step (src/methods/group-rule.ts).
 * Weights may be numbers, decimal strings or decimals (for full precision).
 *
 * @example
 * const drGrpo = groupRule({ name: 'dr-grpo', group: 8, advantage: (r) => r.map((x) => x - r.reduce((a, b) => a + b, 0) / r.length) });
 */
export { groupRule, type AdvantageValue, type GroupRuleSpec } from './methods/group-rule.ts';

/**
 * The built-in update rules of SPEC §4, each a factory taking its hyperparameters (unset ones take
 * the defaults); `builtinRules()` gives one of each, `ruleByName(name, params)` one by CLI name.
 *
 * @example
 * const rule = grpo({ eta: 0.5, group: 8 });
 * const same = ruleByName('grpo', { eta: 0.5, group: 8 });
 */
export { builtinRules, ruleByName, RULE_NAMES, type RuleParams } from './methods/index.ts';
export { reinforce } from './methods/reinforce.ts';
export { raft } from './methods/raft.ts';
export { ppo } from './methods/ppo.ts';
export { grpo } from './methods/grpo.ts';
export { grpoKl } from './methods/grpo-kl.ts';
export { rlRej } from './methods/rl-rej.ts';
export { gibbs } from './methods/gibbs-step.ts';

/**
 * The RLVR zoo (modern GRPO variants): `zooRules()` gives one default instance of each; each
 * factory takes the flags of `tmc train` (`group`, `k`, `lambda`, `penalty`, `alpha`, `eta`).
 *
 * @example
 * const rules = [rloo({ group: 8 }), pkpo({ group: 8, k: 2 }), ...zooRules()];
 */
export { zooRules, ZOO_RULE_NAMES } from './methods/index.ts';
export { rloo } from './methods/rloo.ts';
export { drGrpo } from './methods/dr-grpo.ts';
export { dapo } from './methods/dapo.ts';
export { passAtKTraining } from './methods/pass-at-k-training.ts';
export { pkpo } from './methods/pkpo.ts';
export { psr, nsr, wReinforce } from './methods/psr-nsr.ts';
export { unlikeliness } from './methods/unlikeliness.ts';
export { entropyBonus } from './methods/entropy-bonus.ts';

/**
 * The update-rule interface (an exact population step and a seeded sampled step), the context a
 * step receives, and the helpers to build one and run exact steps.
 *
 * @example
 * const ctx = trainContext(tmc, 0);
 * const after100 = runExact(reinforce(), ctx, 100);
 */
export { drawInstance, runExact, trainContext, type RuleFamily, type SampledBounds, type TrainContext, type UpdateRule } from './methods/update-rule.ts';

/**
 * The built-in selectors of SPEC §5 and their named variants; `builtinSelectors()` gives the five
 * with default parameters, `selectorByName(name, params)` one by CLI name.
 *
 * @example
 * const law = ormBon({ n: 4 }).distribution(tmc, 0); // [{ path, prob }, ...]
 */
export {
  builtinSelectors,
  dprmAs,
  dprmAsWithoutBase,
  dprmBon,
  ormBon,
  ormBonTopK,
  prmBon,
  selectorByName,
  SELECTOR_NAMES,
  softBon,
  softBonDistinct,
  type StartMode,
} from './inference/index.ts';

/**
 * The selector interface: an exact output law over CoTs and a seeded sampler.
 *
 * @example
 * const firstDraw: Selector = {
 *   name: 'first-draw', params: {},
 *   distribution: (tmc, k) => enumeratePaths(tmc.kernels, tmc.tasks[k].start).map(({ path, p }) => ({ path, prob: p })),
 *   sample: (tmc, k, rng) => sampleCot(tmc.kernels, tmc.tasks[k].start, rng),
 * };
 */
export type { SelectedCot, Selector } from './inference/selector.ts';

/**
 * Decimals: `D` is the suite's decimal.js constructor at the working precision (40 digits unless
 * `--precision`); return `Dec` values (or decimal strings) where floats would lose digits.
 *
 * @example
 * const third = new D(1).div(3); // 0.3333… to 40 digits
 */
export { D, ONE, ZERO, type Dec } from './numeric.ts';

/**
 * Tabular softmax policies on a TMC (`logits[l][u][v]`, `null` off the support): the base policy,
 * a policy from logits, a step along a direction, and `grad_theta log pi(o)` of a CoT.
 *
 * @example
 * const next = stepLogits(policy, logProbGradient(policy, [0, 1, 0]), 0.1);
 */
export { basePolicy, logProbGradient, policyFromLogits, stepLogits, zerosLike, type Logits, type Policy, type Probs } from './policy.ts';

/**
 * Seeded sampling: a generator from a seed, a CoT from a policy, a question instance.
 *
 * @example
 * const rng = makeRng(1);
 * const cot = sampleCot(policy.probs, ctx.tc.task.start, rng);
 */
export { makeRng, sampleCot, sampleInstance, type Rng } from './sampling.ts';

/**
 * CoTs and their probabilities: every CoT from a state with its probability, or one CoT's.
 *
 * @example
 * const all = enumeratePaths(policy.probs, 0); // [{ path, p }, ...]
 */
export { enumeratePaths, pathProbability } from './exact/paths.ts';

/**
 * TMCs: read one from its JSON spec (the file format of `--tmc`), or from the text of a file.
 *
 * @example
 * const tmc = tmcFromSpec({ kernels: [[['1/2', '1/2']]], tasks: [{ name: 't', start: 0, target: 1 }] });
 */
export { parseTmc, tmcFromSpec } from './tmc-file.ts';
export type { Path, Task, Tmc, TmcSpec } from './tmc.ts';

/**
 * Claims of one's own, for `tmc check --properties DIR`: a `*.prop.ts` file registers theorems (a
 * statement with its cases) and laws (a statement for every method of a kind).
 *
 * @example
 * registerLaw(myLaw, builtinRules()); // instantiated for each built-in, and for a user's --method
 */
export { registerLaw, registerTheorem } from './theorems/registry.ts';
export type { Case, Hypothesis, Law, Theorem } from './theorems/theorem.ts';
