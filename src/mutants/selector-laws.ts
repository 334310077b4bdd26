/**
 * # Sentinel selectors for the laws every selector obeys (properties/selector-laws.prop.ts)
 *
 * Each wraps a real selector with one plausible bug; src/mutants/selector-laws.test.ts asserts that
 * its law fails and the witness it shrinks to.
 * - `scaledLaw(s, 0.9)`: the law's probabilities times 0.9 (a normalisation forgotten, a share of
 *   the mass dropped): fails selector-law-sums-to-one.
 * - `lastStateShifted(s)`: the law reports each CoT with its last state moved to the next one of
 *   the final layer (an off-by-one in an index): fails selector-law-in-base-support where that
 *   edge has base probability 0.
 * - `duplicatedCot(s)`: the law's first CoT listed twice, half its probability each (a merge of
 *   equal CoTs forgotten): fails selector-law-sums-to-one though the sum is 1.
 * - `startedElsewhere(s)`: the law's CoTs start at the next state of layer 0 (the wrong start):
 *   fails selector-law-in-base-support.
 * - `samplerFromBase(s)`: the sampler returns one base draw, skipping the selection: fails
 *   selector-sampler-matches-law.
 * - `zeroProbabilityCot(s)`: the law moves its first CoT's mass to the next and keeps listing the
 *   first at probability 0 (an off-by-one in an accumulation): fails selector-law-sums-to-one.
 * - `lastStateDropped(s)`: the law's CoTs lose their last state (a path cut one layer short):
 *   fails selector-law-in-base-support.
 * - `samplerLastStateShifted(s)`: the sampler's draw with its last state moved to the next one of the
 *   final layer (the off-by-one of `lastStateShifted`, in the sampler): fails selector-sampler-matches-law
 *   with a CoT outside the law.
 */
import type { Selector } from '../inference/selector.ts';
import { ZERO } from '../numeric.ts';
import { sampleCot } from '../sampling.ts';

/** `s` whose law's probabilities are multiplied by `factor`. */
export function scaledLaw(s: Selector, factor: number): Selector {
  return { ...s, distribution: (tmc, k) => s.distribution(tmc, k).map((c) => ({ ...c, prob: c.prob.times(factor) })) };
}

/** `path` with its last state moved to the next state of the final layer. */
function shiftLast(path: readonly number[], widths: readonly number[]): number[] {
  return path.map((x, l) => (l === widths.length - 1 ? (x + 1) % widths[l] : x));
}

/** `s` whose law moves each CoT's last state to the next state of the final layer. */
export function lastStateShifted(s: Selector): Selector {
  return { ...s, distribution: (tmc, k) => s.distribution(tmc, k).map((c) => ({ ...c, path: shiftLast(c.path, tmc.widths) })) };
}

/** `s` whose sampler moves its draw's last state to the next state of the final layer. */
export function samplerLastStateShifted(s: Selector): Selector {
  return { ...s, sample: (tmc, k, rng) => shiftLast(s.sample(tmc, k, rng), tmc.widths) };
}

/** `s` whose sampler returns a single base draw from the task's start. */
export function samplerFromBase(s: Selector): Selector {
  return { ...s, sample: (tmc, k, rng) => sampleCot(tmc.kernels, tmc.tasks[k].start, rng) };
}

/** `s` whose law lists its first CoT twice, with half its probability each time. */
export function duplicatedCot(s: Selector): Selector {
  return {
    ...s,
    distribution: (tmc, k) => {
      const [first, ...rest] = s.distribution(tmc, k);
      const half = { ...first, prob: first.prob.div(2) };
      return [half, half, ...rest];
    },
  };
}

/** `s` whose law's CoTs start at the next state of layer 0. */
export function startedElsewhere(s: Selector): Selector {
  return {
    ...s,
    distribution: (tmc, k) => s.distribution(tmc, k).map((c) => ({ ...c, path: c.path.map((x, l) => (l === 0 ? (x + 1) % tmc.widths[0] : x)) })),
  };
}

/** `s` whose law gives its first CoT's mass to the next one, keeping the first at probability 0. */
export function zeroProbabilityCot(s: Selector): Selector {
  return {
    ...s,
    distribution: (tmc, k) => {
      const law = s.distribution(tmc, k);
      return law.map((c, i) => (i === 0 ? { ...c, prob: ZERO } : i === 1 ? { ...c, prob: c.prob.plus(law[0].prob) } : c));
    },
  };
}

/** `s` whose law's CoTs lose their last state. */
export function lastStateDropped(s: Selector): Selector {
  return { ...s, distribution: (tmc, k) => s.distribution(tmc, k).map((c) => ({ ...c, path: c.path.slice(0, -1) })) };
}
