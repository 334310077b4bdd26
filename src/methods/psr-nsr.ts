/**
 * # PSR, NSR and W-REINFORCE: positive, negative and weighted sample reinforcement (SPEC §9)
 *
 * Algorithm: draw an instance `Q` and one CoT `o ~ pi`, reward `r = R_Q(o)`, weight `a(r)`, update
 * `theta <- theta + eta a(r) grad log pi(o)`, with
 * - PSR: `a(1) = 1`, `a(0) = 0` (train on the correct samples only);
 * - NSR: `a(1) = 0`, `a(0) = -1` (push down the wrong samples only);
 * - W-REINFORCE: `a(1) = lambda`, `a(0) = -1` (`lambda = 0.1` recommended).
 * Exact step: groupRule's step with `G = 1`, `beta_0 = a(1) - a(0)`: the wrong samples' `-grad log pi`
 * averages to `+` the correct ones' (`sum_o pi(o) grad log pi(o) = 0`), so in expectation PSR and NSR
 * are REINFORCE and W-REINFORCE is REINFORCE with step `eta (1 + lambda)` (SPEC §8; theorems
 * zoo-rescaled-reinforce/psr, /nsr, /w-reinforce). Their sampled runs differ (NSR moves only on wrong
 * samples, spreading the mass it removes over every other CoT in proportion to `pi`).
 * Symbols: `eta` step size, `lambda > 0` the weight of a correct sample in W-REINFORCE.
 * Reference: Zhu et al. (2025) "The Surprising Effectiveness of Negative Reinforcement in LLM
 * Reasoning", arXiv 2506.01347.
 */
import { UsageError } from '../errors.ts';
import { groupRule } from './group-rule.ts';
import { checkEta } from './_internals/zoo-params.ts';
import type { UpdateRule } from './update-rule.ts';

export interface SampleReinforcementParams {
  /** Step size `eta > 0` (default 1). */
  readonly eta?: number;
}

export interface WReinforceParams extends SampleReinforcementParams {
  /** Weight of a correct sample, `lambda > 0` (default 0.1). */
  readonly lambda?: number;
}

function weighted(name: string, eta: number, correct: number, wrong: number, params: Record<string, number> = {}): UpdateRule {
  checkEta(name, eta);
  return groupRule({ name, group: 1, eta, advantage: ([r]) => [r === 1 ? correct : wrong], params });
}

export function psr({ eta = 1 }: SampleReinforcementParams = {}): UpdateRule {
  return weighted('psr', eta, 1, 0);
}

export function nsr({ eta = 1 }: SampleReinforcementParams = {}): UpdateRule {
  return weighted('nsr', eta, 0, -1);
}

export function wReinforce({ eta = 1, lambda = 0.1 }: WReinforceParams = {}): UpdateRule {
  if (!(lambda > 0) || !Number.isFinite(lambda)) throw new UsageError(`w-reinforce: lambda must be a positive number, got ${lambda}`);
  return weighted('w-reinforce', eta, lambda, -1, { lambda });
}
