import { describe, expect, test } from 'vitest';
import { instances } from '../exact/instances.ts';
import { enumeratePaths } from '../exact/paths.ts';
import { D, ZERO, type Dec } from '../numeric.ts';
import { addScaled, logProbGradient, policyFromLogits, zerosLike, type Policy } from '../policy.ts';
import { cotIndex, makeRng } from '../sampling.ts';
import { stepDirection } from '../../proofs/laws/finite-difference.ts';
import { groupUpdateByBruteForce, grpoAdvantage } from './_internals/group-brute-force.ts';
import { threeWay } from './_internals/test-tmcs.ts';
import { unlikeliness, unlikelinessAdvantage } from './unlikeliness.ts';
import { trainContext } from './update-rule.ts';

const ctx = trainContext(threeWay, 0);
const logits = threeWay.kernels.map((k, l) => k.map((row, u) => row.map((p, v) => (p.gt(0) ? new D((l + 2 * u + 3 * v) % 5).div(4) : null))));
const distinct = policyFromLogits(threeWay, logits);

/** `E[(1/G) sum_i A_i grad log pi(o_i)]` over instances and every ordered G-tuple of CoTs. */
function bruteForce(policy: Policy, G: number, penalty: number): Dec[][][] {
  const paths = enumeratePaths(policy.probs, 0);
  let total = zerosLike(policy.tmc);
  for (const q of instances(ctx.tc)) {
    const walk = (chosen: number[]): void => {
      if (chosen.length < G) return paths.forEach((_, i) => walk([...chosen, i]));
      const prob = chosen.reduce((p, i) => p.times(paths[i].p), q.prob);
      const rewards = chosen.map((i) => {
        const k = cotIndex(ctx.tc, paths[i].path);
        return k >= 0 && q.correct[k] ? 1 : 0;
      });
      const A = unlikelinessAdvantage(rewards, chosen.map((i) => paths[i].p), penalty);
      chosen.forEach((i, j) => {
        if (!A[j].isZero()) total = addScaled(total, logProbGradient(policy, paths[i].path), prob.times(A[j]).div(G));
      });
    };
    walk([]);
  }
  return total;
}

function expectClose(a: Dec[][][], b: Dec[][][]): void {
  a.forEach((k, l) => k.forEach((row, u) => row.forEach((x, v) => expect(x.minus(b[l][u][v]).abs().toNumber()).toBeLessThan(1e-33))));
}

describe('unlikeliness advantages, hand-derived', () => {
  test('two correct samples, likelihoods 0.2 > 0.1, penalty 1/4: shaped 7/8 and 1, advantages -1 and 1', () => {
    expect(unlikelinessAdvantage([1, 1], [new D('0.2'), new D('0.1')], 0.25).map(String)).toStrictEqual(['-1', '1']);
  });
  test('equally likely samples share a rank: two equal correct ones are not told apart (advantages 0)', () => {
    expect(unlikelinessAdvantage([1, 1], [new D('0.2'), new D('0.2')], 0.25).map(String)).toStrictEqual(['0', '0']);
  });
  test('penalty 0 is GRPO', () => {
    const r = [1, 0, 1, 1];
    expect(unlikelinessAdvantage(r, [1, 2, 3, 4].map((x) => new D(x)), 0).map(String)).toStrictEqual(grpoAdvantage(r).map(String));
  });
});

describe('unlikeliness exact step', () => {
  test('equals the brute force over instances and ordered G-tuples (G = 2, 3; distinct and tied likelihoods)', () => {
    for (const policy of [distinct, ctx.base]) {
      for (const G of [2, 3]) {
        const ours = stepDirection(policy, unlikeliness({ group: G, penalty: 0.5 }).exactStep(policy, ctx), 1);
        expectClose(ours, bruteForce(policy, G, 0.5));
      }
    }
  });

  test('with penalty 0 it is GRPO (by the brute force of group-rule)', () => {
    expectClose(stepDirection(distinct, unlikeliness({ group: 3, penalty: 0 }).exactStep(distinct, ctx), 1), groupUpdateByBruteForce(distinct, 3, grpoAdvantage));
  });

  test('a step too large to sum is refused with its size', () => {
    expect(() => unlikeliness({ group: 40 }).exactStep(distinct, ctx)).toThrow(/needs \d+ terms/);
  });
});

describe('unlikeliness sampled step', () => {
  test('seeded', () => {
    const rule = unlikeliness();
    expect(rule.sampledStep(distinct, ctx, makeRng(9)).logits).toStrictEqual(rule.sampledStep(distinct, ctx, makeRng(9)).logits);
  });
  test('parameters are checked', () => {
    expect(() => unlikeliness({ penalty: 2 })).toThrow('unlikeliness: penalty must be in [0, 1], got 2');
    expect(() => unlikeliness({ group: 1 })).toThrow('unlikeliness: group must be an integer >= 2, got 1');
  });
});
