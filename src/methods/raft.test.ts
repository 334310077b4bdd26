import { describe, expect, test } from 'vitest';
import { D } from '../numeric.ts';
import { basePolicy, policyFromProbs } from '../policy.ts';
import { fork } from './_internals/test-tmcs.ts';
import { raft } from './raft.ts';
import { trainContext } from './update-rule.ts';

describe('RAFT exact step', () => {
  test('one fork, pi = 1/2, rho = 1: grad J = (1/4, -1/4), J = 1/2, so the logits move by (1/2, -1/2)', () => {
    const p = basePolicy(fork);
    const next = raft().exactStep(p, trainContext(fork, 0));
    expect(next.logits[0][0].map((x, v) => x!.minus(p.logits[0][0][v]!).toSignificantDigits(30).toString())).toEqual(['0.5', '-0.5']);
  });

  test('a policy with no mass on the valid CoTs (J = 0) is left as it is, not divided by zero', () => {
    const dead = policyFromProbs(fork, [[[new D(0), new D(1)]]]);
    expect(raft().exactStep(dead, trainContext(fork, 0))).toBe(dead);
  });
});
