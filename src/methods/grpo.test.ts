import { describe, expect, test } from 'vitest';
import { D, ZERO } from '../numeric.ts';
import { basePolicy, policyFromLogits } from '../policy.ts';
import { groupUpdateByBruteForce, grpoAdvantage } from './_internals/group-brute-force.ts';
import { fork, threeWay } from './_internals/test-tmcs.ts';
import { groupAdvantageWeight, grpoDirection } from './grpo.ts';
import { trainContext } from './update-rule.ts';

describe('GRPO exact step', () => {
  test('(a + b)(c) at G = 2 is 1 for every c: A = +-1 whenever the two rewards differ', () => {
    for (const c of ['0', '0.3', '0.5', '1']) expect(groupAdvantageWeight(2, new D(c)).toString()).toBe('1');
  });

  test('on one fork with pi = 1/2, G = 2: direction (1/4, -1/4) (hand-derived: one correct of two w.p. 1/2, A = +-1)', () => {
    const d = grpoDirection(basePolicy(fork), trainContext(fork, 0), 2);
    expect(d[0][0].map(String)).toEqual(['0.25', '-0.25']);
  });

  test('equals the expectation over instances and all G-tuples of CoTs (G = 2, 3)', () => {
    const logits = threeWay.kernels.map((k, l) => k.map((row, u) => row.map((p, v) => (p.gt(0) ? new D((l + 2 * u + 3 * v) % 5).div(4) : null))));
    const policy = policyFromLogits(threeWay, logits);
    for (const G of [2, 3]) {
      const ours = grpoDirection(policy, trainContext(threeWay, 0), G);
      const ref = groupUpdateByBruteForce(policy, G, grpoAdvantage);
      ours.forEach((k, l) => k.forEach((row, u) => row.forEach((x, v) => expect(x.minus(ref[l][u][v]).abs().lt('1e-35')).toBe(true))));
      expect(ours.flat(2).some((x) => !x.eq(ZERO))).toBe(true);
    }
  });
});
