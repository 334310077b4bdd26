import { describe, expect, test } from 'vitest';
import { instances } from '../exact/instances.ts';
import { enumeratePaths } from '../exact/paths.ts';
import { D, ONE, ZERO, type Dec } from '../numeric.ts';
import { addScaled, basePolicy, logProbGradient, policyFromLogits, zerosLike, type Policy } from '../policy.ts';
import { cotIndex } from '../sampling.ts';
import { fork, threeWay } from './_internals/test-tmcs.ts';
import { groupAdvantageWeight, grpoDirection } from './grpo.ts';
import { trainContext } from './update-rule.ts';

/** `E[(1/G) sum_i A_i grad log pi(o_i)]` by enumerating every instance and every group of G CoTs. */
function bruteForce(policy: Policy, G: number): Dec[][][] {
  const ctx = trainContext(policy.tmc, 0);
  const paths = enumeratePaths(policy.probs, 0);
  let total = zerosLike(policy.tmc);
  for (const q of instances(ctx.tc)) {
    const walk = (chosen: number[]): void => {
      if (chosen.length < G) return paths.forEach((_, i) => walk([...chosen, i]));
      let prob = q.prob;
      const r = chosen.map((i) => {
        prob = prob.times(paths[i].p);
        const k = cotIndex(ctx.tc, paths[i].path);
        return k >= 0 && q.correct[k] ? 1 : 0;
      });
      const mean = new D(r.filter((x) => x === 1).length).div(G);
      const std = mean.times(ONE.minus(mean)).sqrt();
      if (std.isZero()) return;
      chosen.forEach((i, j) => {
        total = addScaled(total, logProbGradient(policy, paths[i].path), prob.times(new D(r[j]).minus(mean).div(std)).div(G));
      });
    };
    walk([]);
  }
  return total;
}

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
      const ref = bruteForce(policy, G);
      ours.forEach((k, l) => k.forEach((row, u) => row.forEach((x, v) => expect(x.minus(ref[l][u][v]).abs().lt('1e-35')).toBe(true))));
      expect(ours.flat(2).some((x) => !x.eq(ZERO))).toBe(true);
    }
  });
});
