/**
 * # Laws every selector obeys (SPEC §5)
 *
 * ## Main statements
 * For every selector, built-in or a user's (`tmc check --method FILE`), over random TMCs and task 1:
 * - law `selector-law-sums-to-one`, theorem `selector-law-sums-to-one/<selector>`: the output law
 *   lists distinct CoTs with finite positive probabilities summing to 1, up to `1e-12` (the
 *   precision of floating-point arithmetic, so a user computing in floats passes).
 * - law `selector-law-in-base-support`, theorem `selector-law-in-base-support/<selector>`: every CoT
 *   of the law is one the base can produce: one state per layer, every edge of positive kernel
 *   probability, starting at the task's start (or anywhere in layer 0 when `params.start` is
 *   `uniform`).
 * - law `selector-sampler-matches-law`, theorem `selector-sampler-matches-law/<selector>`: over `S`
 *   seeded runs of the sampler, no run returns a CoT outside the law, and every CoT's frequency `f`
 *   is within Bernstein's bound of its probability `p`:
 *   `|f - p| <= sqrt(2 p (1 - p) L / S) + L / (3 S)`, `L = ln(2 k / delta)`, `k` CoTs in the law
 *   (an indicator has range 1 and variance `p (1 - p)` under the law; union bound over the `k`
 *   CoTs; `delta = 1e-6`). A CoT outside the law has probability 0 there, so one run returning it
 *   fails exactly.
 *
 * ## Why
 * The selector claims of SPEC §6 are keyed to the built-ins; these hold for any selector, so a
 * user's selector is checked by something (it once got "no claim applies").
 *
 * ## Hypotheses
 * None.
 *
 * ## Rests on
 * proofs/selectors-match-samplers (the built-ins' samplers against their laws on fixed TMCs).
 */
import fc from 'fast-check';
import { tmcArbitrary } from '../src/arbitraries/tmc.ts';
import { builtinSelectors } from '../src/inference/index.ts';
import type { SelectedCot, Selector } from '../src/inference/selector.ts';
import { Decimal, ONE, ZERO, type Dec } from '../src/numeric.ts';
import { makeRng } from '../src/sampling.ts';
import type { Tmc } from '../src/tmc.ts';
import { registerLaw } from '../src/theorems/registry.ts';
import type { Law, Theorem } from '../src/theorems/theorem.ts';

export interface SelectorCase {
  readonly tmc: Tmc;
  readonly seed: number;
}

/** Precision of floating-point arithmetic, with room for sums. */
const FLOAT_TOLERANCE = 1e-12;
/** Sampler runs per case. */
export const SAMPLER_RUNS = 600;
const DELTA = 1e-6;

function cases(): fc.Arbitrary<SelectorCase> {
  return fc.record({ tmc: tmcArbitrary({ maxLayers: 3, maxWidth: 3 }), seed: fc.nat(1000) });
}

/** The selector's law for task 1, checked to be an array of `{ path, prob }`. */
function lawOf(selector: Selector, tmc: Tmc): readonly SelectedCot[] {
  const law = selector.distribution(tmc, 0);
  if (!Array.isArray(law)) throw new Error(`distribution returned ${typeof law}, not an array of { path, prob }`);
  law.forEach((c, i) => {
    if (!Array.isArray(c?.path) || !Decimal.isDecimal(c?.prob)) throw new Error(`distribution()[${i}] is not a { path, prob } with a decimal prob`);
  });
  return law;
}

const key = (path: readonly number[]) => path.join('-');

function sumsToOne(selector: Selector, c: SelectorCase): void {
  const law = lawOf(selector, c.tmc);
  const seen = new Set<string>();
  let total: Dec = ZERO;
  for (const { path, prob } of law) {
    if (seen.has(key(path))) throw new Error(`CoT ${key(path)} is listed twice`);
    seen.add(key(path));
    if (!prob.isFinite() || !prob.gt(0)) throw new Error(`CoT ${key(path)} has probability ${prob}, not finite and positive`);
    total = total.plus(prob);
  }
  if (total.minus(ONE).abs().gt(FLOAT_TOLERANCE)) throw new Error(`the probabilities of ${law.length} CoT(s) sum to ${total.toSignificantDigits(12)}, not 1`);
}

function inBaseSupport(selector: Selector, c: SelectorCase): void {
  const { tmc } = c;
  const uniform = selector.params.start === 'uniform';
  const start = tmc.tasks[0].start;
  for (const { path } of lawOf(selector, c.tmc)) {
    const at = `CoT ${key(path)}`;
    if (path.length !== tmc.layers || !path.every((s, l) => Number.isInteger(s) && s >= 0 && s < tmc.widths[l])) {
      throw new Error(`${at} is not one state per layer (${tmc.layers} layers, widths ${tmc.widths.join(',')})`);
    }
    if (!uniform && path[0] !== start) throw new Error(`${at} starts at ${path[0]}, not at the task's start ${start}`);
    const zero = path.findIndex((s, l) => l < tmc.layers - 1 && !tmc.kernels[l][s][path[l + 1]].gt(0));
    if (zero >= 0) throw new Error(`${at} takes edge ${path[zero]}->${path[zero + 1]} of layer ${zero}, which the base never takes (p = 0)`);
  }
}

function samplerMatchesLaw(selector: Selector, c: SelectorCase): void {
  const law = lawOf(selector, c.tmc);
  const counts = new Map(law.map((o) => [key(o.path), 0]));
  const rng = makeRng(c.seed);
  for (let i = 0; i < SAMPLER_RUNS; i++) {
    const out = selector.sample(c.tmc, 0, rng);
    if (!Array.isArray(out)) throw new Error(`sample returned ${typeof out}, not a path`);
    const n = counts.get(key(out));
    if (n === undefined) throw new Error(`run ${i + 1} of the sampler returned ${key(out)}, which the law gives probability 0`);
    counts.set(key(out), n + 1);
  }
  const L = Math.log((2 * Math.max(law.length, 1)) / DELTA);
  for (const { path, prob } of law) {
    const p = prob.toNumber();
    const f = counts.get(key(path))! / SAMPLER_RUNS;
    const bound = Math.sqrt((2 * p * (1 - p) * L) / SAMPLER_RUNS) + L / (3 * SAMPLER_RUNS);
    if (Math.abs(f - p) > bound) {
      throw new Error(`CoT ${key(path)}: sampled in ${(100 * f).toFixed(2)}% of ${SAMPLER_RUNS} runs, law ${p.toPrecision(6)}, gap ${Math.abs(f - p).toPrecision(4)} > Bernstein bound ${bound.toPrecision(4)}`);
    }
  }
}

function law(claim: string, statement: string, property: (s: Selector, c: SelectorCase) => void, numRuns: number): Law<Selector> {
  return {
    claim,
    kind: 'selector',
    appliesTo: () => true,
    make: (s): Theorem<SelectorCase> => ({
      id: `${claim}/${s.name}`,
      claim,
      statement,
      hypotheses: [],
      arbitrary: () => cases(),
      property: (c) => property(s, c),
      numRuns,
    }),
  };
}

export const selectorLawSumsToOne = law('selector-law-sums-to-one', 'the law lists distinct CoTs with probabilities > 0 summing to 1 (up to 1e-12)', sumsToOne, 50);
export const selectorLawInBaseSupport = law(
  'selector-law-in-base-support',
  "every CoT of the law is a base CoT: one state per layer, edges of positive kernel probability, from the task's start",
  inBaseSupport,
  50,
);
export const selectorSamplerMatchesLaw = law(
  'selector-sampler-matches-law',
  `over ${SAMPLER_RUNS} seeded runs no CoT outside the law, and |frequency - p| <= sqrt(2 p (1-p) L / S) + L / (3 S), L = ln(2k/1e-6), per CoT`,
  samplerMatchesLaw,
  10,
);

for (const l of [selectorLawSumsToOne, selectorLawInBaseSupport, selectorSamplerMatchesLaw]) registerLaw(l, builtinSelectors());
