import { describe, expect, test } from 'vitest';
import { UsageError } from '../../errors.ts';
import { D, precision, withPrecision, type Dec } from '../../numeric.ts';
import { MAX_COUNT_VECTORS, countVectors, multinomialRatio } from './multinomial-ratio.ts';

/** Relative agreement to the last two digits of the working precision (the sum itself is good to 10^-(precision + 10)). */
const agrees = (a: Dec, b: Dec) => a.minus(b).abs().lte(b.abs().times(`1e-${precision() - 2}`));

describe('multinomialRatio: E[n_c / S] over count vectors', () => {
  test('countVectors(n, c) = C(n + c - 1, c - 1)', () => {
    expect([countVectors(0, 1), countVectors(8, 1), countVectors(1, 5), countVectors(3, 3), countVectors(20, 4)]).toEqual([1, 1, 5, 10, 1771]);
  });

  test('more count vectors than the limit fail before summing', () => {
    const m = ['0.25', '0.25', '0.25', '0.25'].map((x) => new D(x));
    expect(() => multinomialRatio(m, m, 400)).toThrow(
      new UsageError(`soft-bon: N = 400 over 4 score classes needs 10827401 terms (limit ${MAX_COUNT_VECTORS})`),
    );
  });

  // Regression: the powers m^n were once formed on their own in fixed point, where they underflow
  // while C(N, n) m^n does not: at N = 300 with two halves P(class) summed to 0.97, at N = 64 with a
  // class of mass 0.1 the 33rd digit was off.
  test.each([
    [['0.5', '0.5'], 300],
    [['0.9', '0.1'], 64],
    [['0.6', '0.3', '0.1'], 200],
    [['0.5', '0.3', '0.2'], 1000],
  ] as const)('masses %j, N = %i: P(class c) = w_c E[n_c / S] sums to 1 to the last digit', (masses, N) => {
    const w = masses.map((_, i) => new D(i + 1));
    const ratio = multinomialRatio(masses.map((x) => new D(x)), w, N);
    const total = ratio.reduce((t, x, i) => t.plus(x.times(w[i])), new D(0));
    expect(total.minus(1).abs().lte(`1e-${precision() - 1}`), `sum ${total}`).toBe(true);
  });

  test('one class: E[n / (n w)] = 1/w', () => {
    expect(multinomialRatio([new D(1)], [new D(4)], 5).map(String)).toEqual(['0.25']);
  });

  // A class of mass 1e-30 (its draws' powers vanish in fixed point) and weights spread over e^36:
  // every result, the tiny class's included, keeps its digits relative to its own size. The last
  // four cases each need one term of the guard-bit count B (the others leave it no slack): the
  // smallest mass's bits, the digits of the precision, the smallest weight's bits, the count vectors.
  test.each([
    ['tiny mass outside the two heaviest classes', ['0.6', '0.399999999999999999999999999999', '1e-30'], [0.9, 0.1, 0.5], 12],
    ['tiny mass among the two heaviest', ['0.999999999999999999999999999999', '1e-30'], [0.2, 0.9], 7],
    ['four classes, lambda 40', ['0.4132', '0.1503', '0.0041', '0.4324'], [0.728, 0.132, 0.0073, 0], 9],
    ['tiny mass, equal weights', ['0.5', '0.499999999999999999999999999999', '1e-30'], [0, 0, 0], 6],
    ['two halves, equal weights', ['0.5', '0.5'], [0, 0], 3],
    ['weights spread over e^100', ['0.5', '0.3', '0.2'], [2.5, 0, 1.25], 5],
    ['five classes, 46376 count vectors', ['0.2', '0.2', '0.2', '0.2', '0.2'], [0.025, 0.05, 0.075, 0.1, 0.125], 30],
  ] as const)('%s: precision 40 agrees with 120 relative to each result', (_, masses, rho, N) => {
    const run = () => multinomialRatio(masses.map((x) => new D(x)), rho.map((r) => new D(40 * r).exp()), N);
    const at40 = run();
    const at120 = withPrecision(120, run);
    at40.forEach((x, i) => expect(agrees(x, at120[i]), `class ${i}: ${x} vs ${at120[i]}`).toBe(true));
  });
});
