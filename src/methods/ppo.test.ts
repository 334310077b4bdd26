import { describe, expect, test } from 'vitest';
import { taskValues } from '../exact/values.ts';
import { D, ONE, ZERO, nearlyEqual, sum, withPrecision, type Dec } from '../numeric.ts';
import { basePolicy, stepLogits, zerosLike, type Policy } from '../policy.ts';
import { threeWay } from './_internals/test-tmcs.ts';
import { clippedSurrogateGradient, ppo } from './ppo.ts';
import { reinforce } from './reinforce.ts';
import { trainContext } from './update-rule.ts';

/** `L(theta) = sum_u d_old(u) sum_v pi_old(v|u) min(r A, clip(r, 1-eps, 1+eps) A)`, directly. */
function surrogate(old: Policy, policy: Policy, eps: number): Dec {
  const { d, A } = taskValues(old, 0);
  return sum(
    policy.probs.flatMap((k, l) =>
      k.flatMap((row, u) =>
        row.map((p, v) => {
          const q = old.probs[l][u][v];
          if (q.isZero()) return ZERO;
          const r = p.div(q);
          const clipped = D.min(D.max(r, ONE.minus(eps)), ONE.plus(eps));
          return d[l][u].times(q).times(D.min(r.times(A[l][u][v]), clipped.times(A[l][u][v])));
        }),
      ),
    ),
  );
}

describe('PPO exact step', () => {
  const ctx = trainContext(threeWay, 0);
  const old = basePolicy(threeWay);

  test('with one inner step it is REINFORCE (the ratio is 1, nothing is clipped)', () => {
    const a = ppo({ epochs: 1 }).exactStep(old, ctx).logits.flat(2);
    const b = reinforce().exactStep(old, ctx).logits.flat(2);
    a.forEach((x, i) => expect(x === null ? b[i] === null : nearlyEqual(x, b[i]!)).toBe(true));
  });

  test('the surrogate gradient equals a central difference of L, also where the clip binds', () => {
    withPrecision(60, () => {
      const far = stepLogits(old, taskValues(old, 0).grad, 3); // ratios well outside [0.8, 1.2]
      const { d, A } = taskValues(old, 0);
      const g = clippedSurrogateGradient(old, far, d, A, 0.2);
      const h = new D('1e-25');
      far.logits.forEach((k, l) =>
        k.forEach((row, u) =>
          row.forEach((x, v) => {
            if (x === null) return;
            const e = zerosLike(threeWay);
            e[l][u][v] = ONE;
            const fd = surrogate(old, stepLogits(far, e, h), 0.2).minus(surrogate(old, stepLogits(far, e, h.neg()), 0.2)).div(h.times(2));
            // rounding ~ 10^-60 / h = 1e-35, truncation ~ h^2
            expect(g[l][u][v].minus(fd).abs().lt('1e-30')).toBe(true);
          }),
        ),
      );
      expect(g.flat(2).some((x, i) => !x.minus(taskValues(old, 0).grad.flat(2)[i]).abs().lt('1e-10'))).toBe(true);
    });
  });
});
