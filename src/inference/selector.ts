/**
 * # The selector interface (SPEC §5)
 *
 * An inference-time method draws from the base policy and returns one CoT. Its exact output
 * distribution over CoTs (from the task's start, or a uniformly drawn start) is computed in
 * decimal.js without enumerating the N-fold draws; its seeded sampler runs it as a practitioner would.
 * A user's selector exported as `default` from a file runs against every selector law with
 * `tmc check --method FILE`.
 */
import type { Dec } from '../numeric.ts';
import type { Rng } from '../sampling.ts';
import type { Tmc } from '../tmc.ts';

/** A CoT the selector can return, with the probability that it does. */
export interface SelectedCot {
  readonly path: readonly number[];
  readonly prob: Dec;
}

export interface Selector {
  /** CLI name: `orm-bon`, `soft-bon`, `prm-bon`, `dprm-bon`, `dprm-as`, or the user's own. */
  readonly name: string;
  readonly params: Readonly<Record<string, number | string>>;
  /** Exact output distribution for task `k` (every CoT with positive probability). */
  distribution(tmc: Tmc, k: number): SelectedCot[];
  /** One seeded run of the selector for task `k`. */
  sample(tmc: Tmc, k: number, rng: Rng): number[];
}
