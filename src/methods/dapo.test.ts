import { describe, expect, test } from 'vitest';
import { instances } from '../exact/instances.ts';
import { enumeratePaths } from '../exact/paths.ts';
import { D, ONE, ZERO, type Dec } from '../numeric.ts';
import { policyFromLogits } from '../policy.ts';
import { cotIndex, makeRng } from '../sampling.ts';
import { stepDirection } from '../../proofs/laws/finite-difference.ts';
import { groupUpdateByBruteForce, grpoAdvantage } from './_internals/group-brute-force.ts';
import { threeWay } from './_internals/test-tmcs.ts';
import { dapo, nonDegenerateProbability } from './dapo.ts';
import { grpo } from './grpo.ts';
import { trainContext } from './update-rule.ts';

const logits = threeWay.kernels.map((k, l) => k.map((row, u) => row.map((p, v) => (p.gt(0) ? new D((l + 2 * u + 3 * v) % 5).div(4) : null))));
const policy = policyFromLogits(threeWay, logits);
const ctx = trainContext(threeWay, 0);

/** P(rewards not all equal) by enumerating instances and ordered G-tuples of CoTs. */
function nonDegenerateByBruteForce(G: number): Dec {
  const paths = enumeratePaths(policy.probs, 0);
  let total = ZERO;
  for (const q of instances(ctx.tc)) {
    const walk = (prob: Dec, rewards: number[]): void => {
      if (rewards.length === G) {
        if (new Set(rewards).size > 1) total = total.plus(prob);
        return;
      }
      for (const a of paths) {
        const k = cotIndex(ctx.tc, a.path);
        walk(prob.times(a.p), [...rewards, k >= 0 && q.correct[k] ? 1 : 0]);
      }
    };
    walk(q.prob, []);
  }
  return total;
}

function expectClose(a: Dec[][][], b: Dec[][][]): void {
  a.forEach((k, l) => k.forEach((row, u) => row.forEach((x, v) => expect(x.minus(b[l][u][v]).abs().toNumber()).toBeLessThan(1e-33))));
}

describe('DAPO exact step', () => {
  test('P(non-degenerate) equals the brute-force sum over instances and groups (G = 2, 3)', () => {
    for (const G of [2, 3]) expect(nonDegenerateProbability(policy, ctx, G).minus(nonDegenerateByBruteForce(G)).abs().toNumber()).toBeLessThan(1e-35);
  });

  test('is E[update | kept] P(kept) = E[GRPO update] (1 - (1 - P)^N) / P, by brute force (G = 3, N = 1, 2, 100)', () => {
    const G = 3;
    const P = nonDegenerateByBruteForce(G);
    const grpoMean = groupUpdateByBruteForce(policy, G, grpoAdvantage);
    for (const N of [1, 2, 100]) {
      const scale = ONE.minus(ONE.minus(P).pow(N)).div(P);
      const expected = grpoMean.map((k) => k.map((row) => row.map((x) => x.times(scale))));
      expectClose(stepDirection(policy, dapo({ group: G, maxDraws: N }).exactStep(policy, ctx), 1), expected);
    }
  });

  test('P on the fork is 1 - 2 (1/2)^2 = 1/2; a saturated policy has P = 0 and its step leaves it', async () => {
    const { fork } = await import('./_internals/test-tmcs.ts');
    const fctx = trainContext(fork, 0);
    // fork: one valid CoT with rho = 1, so C_Q = {0-0} always and c_Q = pi(0-0) = 1/2.
    expect(nonDegenerateProbability(fctx.base, fctx, 2).toString()).toBe('0.5');
    // Saturated: pi(0-0) = 1 - 1e-50 rounds to 1 at 40 digits, P = 0.
    const saturated = policyFromLogits(fork, [[[new D(200), new D(0)]]]);
    expect(nonDegenerateProbability(saturated, fctx, 2).isZero()).toBe(true);
    expect(dapo({ group: 2 }).exactStep(saturated, fctx)).toBe(saturated);
  });
});

describe('DAPO sampled step', () => {
  test('with maxDraws 1 it is GRPO\'s sampled step, draw for draw', () => {
    for (const seed of [1, 2, 3, 4]) {
      expect(dapo({ group: 3, maxDraws: 1 }).sampledStep(policy, ctx, makeRng(seed)).logits).toStrictEqual(grpo({ group: 3 }).sampledStep(policy, ctx, makeRng(seed)).logits);
    }
  });

  test('it redraws a degenerate group: over 40 seeds every step moves, where GRPO stands still in some', () => {
    const moved = (next: { logits: unknown }) => JSON.stringify(next.logits) !== JSON.stringify(policy.logits);
    const seeds = Array.from({ length: 40 }, (_, s) => s);
    expect(seeds.every((s) => moved(dapo({ group: 3 }).sampledStep(policy, ctx, makeRng(s))))).toBe(true);
    expect(seeds.some((s) => !moved(grpo({ group: 3 }).sampledStep(policy, ctx, makeRng(s))))).toBe(true);
  });

  test('maxDraws is checked', () => {
    expect(() => dapo({ maxDraws: 0 })).toThrow('dapo: maxDraws must be a positive integer, got 0');
  });
});
