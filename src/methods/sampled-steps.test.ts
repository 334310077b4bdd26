/**
 * Sampled steps on the one-fork TMC (`0 -> {0, 1}`, valid CoT 0-0 with `rho = 1`, so every instance
 * marks it correct), driven by a scripted generator: each value decides one draw (`drawIndex`: state 0
 * when the value is below `pi(0)`; `sampleInstance`: correct when below `rho = 1`, always). The
 * resulting logit gap `theta_0 - theta_1` is derived by hand for each rule; the script must be used up
 * exactly, so a rule drawing more or fewer times fails.
 */
import { describe, expect, test } from 'vitest';
import { UsageError } from '../errors.ts';
import { D, withPrecision, type Dec } from '../numeric.ts';
import { basePolicy, policyFromLogits, policyFromProbs, type Policy } from '../policy.ts';
import type { Rng } from '../sampling.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import { grpoKl } from './grpo-kl.ts';
import { grpo } from './grpo.ts';
import { klOptimum } from './kl-optimum.ts';
import { ppo } from './ppo.ts';
import { raft } from './raft.ts';
import { reinforce } from './reinforce.ts';
import { rlRej } from './rl-rej.ts';
import { sequenceKl } from './sequence-kl.ts';
import { trainContext, type UpdateRule } from './update-rule.ts';
import { pathLogProb } from './_internals/log-probs.ts';
import { fork } from './_internals/test-tmcs.ts';

/** A generator returning `values` in order; it throws when asked for more. */
function scripted(values: readonly number[]): Rng & { readonly left: () => number } {
  let i = 0;
  const rng = () => {
    if (i >= values.length) throw new Error(`script exhausted after ${values.length} draws`);
    return values[i++];
  };
  return Object.assign(rng, { left: () => values.length - i });
}

const ctx = trainContext(fork, 0);
const base = basePolicy(fork);
/** pi(0) = 0.9 at the fork. */
const tilted = policyFromProbs(fork, [[[new D('0.9'), new D('0.1')]]]);
const gap = (p: Policy): string => p.logits[0][0][0]!.minus(p.logits[0][0][1]!).toSignificantDigits(30).toString();
const digits = (x: Dec): string => x.toSignificantDigits(30).toString();
const sigmoid = (x: Dec): Dec => new D(1).div(new D(1).plus(x.neg().exp()));

/** One sampled step of `rule` from `start` with the script; the script is used up. */
function step(rule: UpdateRule, start: Policy, values: readonly number[]): Policy {
  const rng = scripted(values);
  const next = rule.sampledStep(start, ctx, rng);
  expect(rng.left()).toBe(0);
  return next;
}

// Draw values: 0.3 draws the instance; below pi(0) draws state 0 (the valid CoT), above it state 1.
describe('sampled steps, hand-derived on one fork', () => {
  test('REINFORCE: a correct CoT moves the gap by eta (1 - pi(0)) 2 = 1; an invalid one leaves the policy', () => {
    expect(gap(step(reinforce(), base, [0.3, 0.2]))).toBe('1');
    expect(step(reinforce(), base, [0.3, 0.7])).toBe(base);
  });

  test('RAFT: draws until a correct CoT (third try here), at most maxTries times', () => {
    expect(gap(step(raft({ maxTries: 3 }), base, [0.3, 0.7, 0.3, 0.7, 0.3, 0.2]))).toBe('1');
    expect(step(raft({ maxTries: 3 }), base, [0.3, 0.7, 0.3, 0.7, 0.3, 0.7])).toBe(base);
  });

  test('RL-rej (n = 2) from pi(0) = 0.9: a solved reference try skips; else the policy draw steps by 0.2', () => {
    const stepped = digits(new D(9).ln().plus('0.2'));
    // Reference = current policy: 0.95 fails, 0.2 solves, so no step; 0.7 solves at pi(0) = 0.9, not at the base's 1/2.
    expect(step(rlRej({ n: 2 }), tilted, [0.3, 0.95, 0.2])).toBe(tilted);
    expect(step(rlRej({ n: 2 }), tilted, [0.3, 0.7])).toBe(tilted);
    expect(gap(step(rlRej({ n: 2 }), tilted, [0.3, 0.95, 0.95, 0.2]))).toBe(stepped);
    expect(step(rlRej({ n: 2 }), tilted, [0.3, 0.95, 0.95, 0.95])).toBe(tilted);
    // Reference = base (pi(0) = 1/2): 0.7 and 0.6 fail there though they would solve under the current policy.
    expect(gap(step(rlRej({ n: 2, filter: 'base' }), tilted, [0.3, 0.7, 0.6, 0.2]))).toBe(stepped);
  });

  test('GRPO (G = 3): rewards (1, 0, 0), mean 1/3, advantages (sqrt 2, -1/sqrt 2, -1/sqrt 2): gap 2 sqrt(2) / 3', () => {
    expect(gap(step(grpo({ group: 3 }), base, [0.3, 0.2, 0.7, 0.7]))).toBe(digits(new D(8).sqrt().div(3)));
    // Equal rewards: std 0, every advantage 0.
    expect(gap(step(grpo({ group: 3 }), base, [0.3, 0.2, 0.2, 0.2]))).toBe('0');
  });

  test('GRPO-KL (G = 2, beta = 1) from pi(0) = 0.9: gap ln 9 + 1 - 0.1 ln 1.8 + 0.9 ln 0.2', () => {
    const expected = new D(9).ln().plus(1).minus(new D('1.8').ln().times('0.1')).plus(new D('0.2').ln().times('0.9'));
    expect(gap(step(grpoKl({ group: 2, beta: 1 }), tilted, [0.3, 0.2, 0.95]))).toBe(digits(expected));
  });

  test('PPO (batch 2): advantages +-1/2 give gap 1/2; a second epoch is clipped at eps 0.2 and adds 2p(1-p) at eps 0.5', () => {
    const rollouts = [0.3, 0.2, 0.3, 0.7];
    expect(gap(step(ppo({ batch: 2, epochs: 1 }), base, rollouts))).toBe('0.5');
    expect(gap(step(ppo({ batch: 2, epochs: 2, eps: 0.2 }), base, rollouts))).toBe('0.5');
    const p = sigmoid(new D('0.5'));
    expect(gap(step(ppo({ batch: 2, epochs: 2, eps: 0.5 }), base, rollouts))).toBe(digits(p.times(new D(1).minus(p)).times(2).plus('0.5')));
  });
});

describe('KL helpers', () => {
  test('pathLogProb: ln pi(o), recomputed at a higher working precision', () => {
    expect(digits(pathLogProb(tilted, [0, 1]))).toBe(digits(new D('0.1').ln()));
    expect(withPrecision(80, () => pathLogProb(tilted, [0, 1]).sd())).toBeGreaterThan(75);
  });

  test('KL(pi || base) is infinite where pi has mass and the base none', () => {
    const sure = tmcFromSpec({ kernels: [[['1', '0']]], tasks: [{ name: 't', start: 0, target: 0 }] });
    const pi = policyFromLogits(sure, [[[new D(0), new D(0)]]]);
    expect(() => sequenceKl(pi, basePolicy(sure), 0)).toThrow(new UsageError('KL(pi || base) is infinite: edge 0 -> 1 of layer 0 has pi > 0 and base 0'));
  });

  test('klOptimum: refused off a tree; rows the start cannot reach keep the base', () => {
    const half = [['1/2', '1/2'], ['1/2', '1/2']];
    // Layer 2's states have two prefixes each (the answer layer is exempt from H-tree).
    const shared = tmcFromSpec({ kernels: [[['1/2', '1/2']], half, half], tasks: [{ name: 't', start: 0, target: 0 }] });
    expect(() => klOptimum(trainContext(shared, 0), 1)).toThrow(
      new UsageError('kl optimum: task t is not on a tree (a state has two prefixes), so the optimum is not a Markov policy'),
    );
    const twoStarts = tmcFromSpec({ kernels: [[['1/2', '1/2'], ['1/3', '2/3']]], tasks: [{ name: 't', start: 0, target: 0 }] });
    expect(klOptimum(trainContext(twoStarts, 0), 1).probs[0][1].map(digits)).toEqual([new D(1).div(3), new D(2).div(3)].map(digits));
  });
});
