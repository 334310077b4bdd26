import { describe, expect, test } from 'vitest';
import { UsageError } from '../errors.ts';
import { precision, withPrecision, type Dec } from '../numeric.ts';
import { makeRng } from '../sampling.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import { checkDistinctTerms, MAX_DISTINCT_TERMS, softBonDistinct } from './soft-bon.ts';

/** `layers` layers of width 2, every edge 1/2, task 0 -> 0: 2^(L-1) CoTs from the start, half valid, all of equal p. */
function uniformTmc(layers: number) {
  const half = [['1/2', '1/2'], ['1/2', '1/2']];
  return tmcFromSpec({ kernels: Array(layers - 1).fill(half), tasks: [{ name: 't', start: 0, target: 0 }] });
}

/** Relative agreement to the working precision less 6 digits. */
const agrees = (a: Dec, b: Dec) => a.minus(b).abs().lte(b.abs().times(`1e-${precision() - 6}`));

describe('soft-bon-distinct', () => {
  test('the sampler stops once every CoT is drawn when N exceeds their number', () => {
    const tmc = uniformTmc(3); // 4 CoTs
    const rng = makeRng(7);
    const seen = new Set(Array.from({ length: 40 }, () => softBonDistinct({ n: 9 }).sample(tmc, 0, rng).join('')));
    expect([...seen].sort()).toEqual(['000', '001', '010', '011']);
  });

  test('the count of inclusion-exclusion terms is checked before summing: C(N + 3, 3) for two classes', () => {
    // 2048 CoTs in two classes of 1024 (valid, invalid); N = 1000 distinct draws.
    const terms = (1003 * 1002 * 1001) / 6;
    expect(terms).toBeGreaterThan(MAX_DISTINCT_TERMS);
    expect(() => softBonDistinct({ n: 1000 }).distribution(uniformTmc(12), 0)).toThrow(
      new UsageError(`soft-bon-distinct: ${terms} terms (limit ${MAX_DISTINCT_TERMS}); use a smaller N or TMC`),
    );
  });

  test('the limit is inclusive: exactly MAX_DISTINCT_TERMS terms pass, one more fails', () => {
    expect(() => checkDistinctTerms([[MAX_DISTINCT_TERMS - 1]])).not.toThrow();
    expect(() => checkDistinctTerms([[1, 1], [MAX_DISTINCT_TERMS - 5]])).not.toThrow();
    expect(() => checkDistinctTerms([[MAX_DISTINCT_TERMS]])).toThrow(new UsageError(`soft-bon-distinct: ${MAX_DISTINCT_TERMS + 1} terms (limit ${MAX_DISTINCT_TERMS}); use a smaller N or TMC`));
  });

  test('the alternating sums keep every digit at N = 24: precision 40 agrees with 80', () => {
    const tmc = uniformTmc(6); // 32 CoTs, two classes of 16
    const at40 = softBonDistinct({ n: 24, lambda: 3 }).distribution(tmc, 0);
    const at80 = withPrecision(80, () => softBonDistinct({ n: 24, lambda: 3 }).distribution(tmc, 0));
    expect(at40.map((c) => c.path)).toEqual(at80.map((c) => c.path));
    at40.forEach((c, i) => expect(agrees(c.prob, at80[i].prob), `${c.path.join('')}: ${c.prob} vs ${at80[i].prob}`).toBe(true));
  });
});
