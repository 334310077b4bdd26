import { describe, expect, test } from 'vitest';
import { basePolicy } from '../policy.ts';
import { fork } from './_internals/test-tmcs.ts';
import { reinforce } from './reinforce.ts';
import { rlRej } from './rl-rej.ts';
import { runExact, trainContext } from './update-rule.ts';

describe('RL-rej exact step', () => {
  const ctx = trainContext(fork, 0);

  test('one fork, pi = 1/2, rho = 1: w = (1 - 1/2)^n, logit step eta w pi (1 - pi) = (1/2)^n / 4', () => {
    for (const n of [1, 2, 5]) {
      const next = rlRej({ n }).exactStep(basePolicy(fork), ctx);
      expect(next.logits[0][0][0]!.minus(basePolicy(fork).logits[0][0][0]!).toString()).toBe(String(0.5 ** n / 4));
    }
  });

  test('the current-policy filter slows as the policy improves; the base filter keeps the base rate', () => {
    const current = runExact(rlRej({ n: 2 }), ctx, 3);
    const base = runExact(rlRej({ n: 2, filter: 'base' }), ctx, 3);
    const plain = runExact(reinforce(), ctx, 3);
    const p = (x: typeof current) => x.probs[0][0][0].toNumber();
    expect(p(current)).toBeLessThan(p(base));
    expect(p(base)).toBeLessThan(p(plain));
  });
});
