/**
 * Soft-BoN's exact form, `P(o) = q(o)/m_c w_c E[n_c / S]` with the expectation summed over count
 * vectors in BigInt fixed point, equals the distribution obtained by enumerating all `|draws|^N`
 * sequences; the fixed-point sum equals a plain decimal.js sum over count vectors for larger `N` (up to
 * 200, where fixed-point powers would underflow); the
 * paper's distinct-draws procedure equals enumeration of ordered draws without replacement. The
 * mutant with the sign of lambda flipped fails.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { denseTmcArbitrary } from '../src/arbitraries/dense.ts';
import { tmcArbitrary } from '../src/arbitraries/tmc.ts';
import { multinomialRatio } from '../src/inference/_internals/multinomial-ratio.ts';
import { softBon, softBonDistinct } from '../src/inference/soft-bon.ts';
import { softBonFlipped } from '../src/mutants/selectors.ts';
import { D, ONE, ZERO, nearlyEqual, sum, type Dec } from '../src/numeric.ts';
import { paperTmc } from '../src/paper/reference.ts';
import { firstDifference, softBonByEnumeration, softBonDistinctByEnumeration } from './_internals/by-enumeration.ts';

const cases = fc.record({
  tmc: fc.oneof(tmcArbitrary({ maxLayers: 3, maxWidth: 2, tasks: 2 }), denseTmcArbitrary({ minLayers: 3, maxLayers: 3, maxWidth: 2, tasks: 2 })),
  n: fc.integer({ min: 1, max: 3 }),
  lambda: fc.constantFrom(0.5, 1, 3),
  start: fc.constantFrom('task' as const, 'uniform' as const),
});

test.prop([cases], { numRuns: 20, seed: 51 })('soft-bon exact form equals enumeration of the N draws', ({ tmc, n, lambda, start }) => {
  expect(firstDifference(softBon({ n, lambda, start }).distribution(tmc, 0), softBonByEnumeration(tmc, 0, n, lambda, { start }))).toBeNull();
});

test.prop([cases], { numRuns: 15, seed: 52 })('soft-bon-distinct equals enumeration of draws without replacement', ({ tmc, n, lambda, start }) => {
  expect(firstDifference(softBonDistinct({ n, lambda, start }).distribution(tmc, 0), softBonDistinctByEnumeration(tmc, 0, n, lambda, { start }))).toBeNull();
});

test('soft-bon-distinct on the paper TMC (16 CoTs, 2 distinct) equals enumeration', () => {
  const tmc = paperTmc();
  expect(firstDifference(softBonDistinct({ n: 2, lambda: 0.5, start: 'uniform' }).distribution(tmc, 0), softBonDistinctByEnumeration(tmc, 0, 2, 0.5, { start: 'uniform' }))).toBeNull();
});

/** `E[n_c / S]` summed in decimal.js over every count vector (the reference for the fixed-point sum). */
function ratioByDecimals(m: Dec[], w: Dec[], N: number): Dec[] {
  const out = m.map(() => ZERO);
  const walk = (c: number, left: number, counts: number[], prob: Dec) => {
    if (c === m.length - 1) {
      const all = [...counts, left];
      const p = prob.times(m[c].pow(left));
      const S = sum(all.map((x, i) => w[i].times(x)));
      all.forEach((x, i) => (out[i] = out[i].plus(p.times(x).div(S))));
      return;
    }
    let coef = ONE;
    for (let x = 0; x <= left; x++) {
      walk(c + 1, left - x, [...counts, x], prob.times(coef).times(m[c].pow(x)));
      coef = coef.times(left - x).div(x + 1);
    }
  };
  walk(0, N, [], ONE);
  return out;
}

test('the fixed-point sum equals the decimal sum over count vectors (N = 20, 4 classes, lambda up to 40)', () => {
  const m = ['0.4132', '0.1503', '0.0041', '0.4324'].map((x) => new D(x));
  for (const lambda of [0.5, 40]) {
    const w = [0.728, 0.132, 0.0073, 0].map((r) => new D(lambda * r).exp());
    const fixed = multinomialRatio(m, w, 20);
    const decimal = ratioByDecimals(m, w, 20);
    fixed.forEach((x, i) => expect(nearlyEqual(x, decimal[i]), `class ${i}: ${x} vs ${decimal[i]}`).toBe(true));
    // P(class c) = w_c E[n_c / S] sums to 1.
    expect(nearlyEqual(sum(fixed.map((x, i) => x.times(w[i]))), ONE)).toBe(true);
  }
});

// Large N, where fixed-point powers m^n once underflowed (two halves at N = 300 summed to 0.97).
const largeN = fc.record({
  parts: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 2, maxLength: 3 }),
  rho: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 3, maxLength: 3 }),
  N: fc.integer({ min: 1, max: 200 }),
});

test.prop([largeN], { numRuns: 10, seed: 54 })('the fixed-point sum equals the decimal sum up to N = 200', ({ parts, rho, N }) => {
  const total = parts.reduce((a, b) => a + b, 0);
  const m = parts.map((x) => new D(x).div(total));
  const w = parts.map((_, i) => new D(rho[i]).exp());
  const fixed = multinomialRatio(m, w, N);
  const decimal = ratioByDecimals(m, w, N);
  fixed.forEach((x, i) => expect(nearlyEqual(x, decimal[i]), `class ${i}: ${x} vs ${decimal[i]}`).toBe(true));
});

test('the check fails on the mutant with the sign of lambda flipped', () => {
  const failed = fc.check(
    fc.property(cases, ({ tmc, n, lambda }) => firstDifference(softBonFlipped(n, lambda).distribution(tmc, 0), softBonByEnumeration(tmc, 0, n, lambda)) === null),
    { numRuns: 50, seed: 53 },
  ).failed;
  expect(failed).toBe(true);
});
