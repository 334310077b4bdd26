import { describe, expect, test } from 'vitest';
import { cotEntropy } from '../exact/metrics.ts';
import { instances } from '../exact/instances.ts';
import { enumeratePaths } from '../exact/paths.ts';
import { taskValues } from '../exact/values.ts';
import { D, type Dec } from '../numeric.ts';
import { addScaled, logProbGradient, policyFromLogits, zerosLike } from '../policy.ts';
import { cotIndex, makeRng } from '../sampling.ts';
import { centralDifference, close, highPrecision, stepDirection } from '../../proofs/laws/finite-difference.ts';
import { threeWay } from './_internals/test-tmcs.ts';
import { cotEntropyGradient, entropyBonus } from './entropy-bonus.ts';
import { trainContext } from './update-rule.ts';

const logitsOf = () => threeWay.kernels.map((k, l) => k.map((row, u) => row.map((p, v) => (p.gt(0) ? new D((l + 2 * u + 3 * v) % 5).div(4) : null))));

function expectAllClose(a: Dec[][][], b: Dec[][][]): void {
  a.forEach((k, l) => k.forEach((row, u) => row.forEach((x, v) => expect(close(x, b[l][u][v]), `${l} ${u} ${v}: ${x} vs ${b[l][u][v]}`).toBe(true))));
}

describe('grad H by layer passes', () => {
  test('equals a central difference of the CoT entropy (80 digits)', () => {
    highPrecision(() => {
      const policy = policyFromLogits(threeWay, logitsOf());
      expectAllClose(cotEntropyGradient(policy, 0), centralDifference(policy, (p) => cotEntropy(p, 0)));
    });
  });
});

describe('entropy-bonus steps', () => {
  test('the exact step is grad J + alpha grad H, the layer-pass REINFORCE gradient plus the finite-difference entropy gradient', () => {
    highPrecision(() => {
      const policy = policyFromLogits(threeWay, logitsOf());
      const ctx = trainContext(threeWay, 0);
      const expected = addScaled(taskValues(policy, 0).grad, centralDifference(policy, (p) => cotEntropy(p, 0)), new D('0.3'));
      expectAllClose(stepDirection(policy, entropyBonus({ alpha: 0.3 }).exactStep(policy, ctx), 1), expected);
    });
  });

  test('the sampled step\'s mean over instances and CoTs is the exact step', () => {
    const policy = policyFromLogits(threeWay, logitsOf());
    const ctx = trainContext(threeWay, 0);
    const rule = entropyBonus({ alpha: 0.3 });
    // E[(R_Q(o) - alpha ln pi(o)) grad ln pi(o)], every instance and CoT weighed by its probability.
    let mean = zerosLike(threeWay);
    for (const q of instances(ctx.tc)) {
      for (const a of enumeratePaths(policy.probs, 0)) {
        const k = cotIndex(ctx.tc, a.path);
        const weight = new D(k >= 0 && q.correct[k] ? 1 : 0).minus(a.p.ln().times('0.3'));
        mean = addScaled(mean, logProbGradient(policy, a.path), q.prob.times(a.p).times(weight));
      }
    }
    stepDirection(policy, rule.exactStep(policy, ctx), 1).forEach((k, l) =>
      k.forEach((row, u) => row.forEach((x, v) => expect(x.minus(mean[l][u][v]).abs().toNumber()).toBeLessThan(1e-30))),
    );
    expect(rule.sampledStep(policy, ctx, makeRng(2)).logits).toStrictEqual(rule.sampledStep(policy, ctx, makeRng(2)).logits);
  });

  test('alpha is checked', () => {
    expect(() => entropyBonus({ alpha: 0 })).toThrow('entropy-bonus: alpha must be a positive number, got 0');
  });
});
