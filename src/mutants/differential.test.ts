/**
 * The differential check (`tmc check --like`, src/cli/differential.ts) fails on each clause's
 * sentinel with a fixed seed, and shrinks to the smallest case, written here: a GRPO with one
 * advantage sign flipped (exact step GRPO's times (G-2)/G), and a GRPO whose exact step is right
 * but whose sampled step is doubled.
 */
import { expect, test } from 'vitest';
import { likeTheorem } from '../cli/differential.ts';
import { groupRule } from '../methods/group-rule.ts';
import { grpo } from '../methods/grpo.ts';
import { reinforce } from '../methods/reinforce.ts';
import { runTheorem } from '../theorems/run.ts';
import type { Tmc } from '../tmc.ts';
import { doubledSampledStep } from './sampled-steps.ts';

const mean = (r: readonly number[]) => r.reduce((a, b) => a + b, 0) / r.length;
const grpoAdvantage = (r: readonly number[]) => {
  const m = mean(r);
  const sd = Math.sqrt(mean(r.map((x) => (x - m) ** 2)));
  return r.map((x) => (sd === 0 ? 0 : (x - m) / sd));
};

test('a GRPO written with groupRule passes --like grpo --group 8', () => {
  expect(runTheorem(likeTheorem(groupRule({ name: 'mine', group: 8, advantage: grpoAdvantage }), grpo({ group: 8 })), { seed: 1 }).status).toBe('passed');
});

// RLOO's float weights leave rounding of order 1e-17 where the true step is 0 (two equally good CoTs):
// the tolerance scales with the built-in's sampled range, not with that step.
test("the README's RLOO passes --like reinforce (the two-CoT case where REINFORCE's step is 0 included)", () => {
  const rloo = groupRule({ name: 'my-rloo', group: 8, advantage: (r) => r.map((ri) => ri - (r.reduce((a, b) => a + b, 0) - ri) / (r.length - 1)) });
  expect(runTheorem(likeTheorem(rloo, reinforce()), { seed: 1, runs: 100 }).status).toBe('passed');
});

test.each([
  {
    title: 'one advantage sign flipped: the exact step is 0.75 of GRPO',
    rule: groupRule({ name: 'flipped', group: 8, advantage: (r) => grpoAdvantage(r).map((a, i) => (i === 0 ? -a : a)) }),
    error: /^exact step differs from grpo's at logit 0\/0\/0: yours -0.34793549, grpo -0.46391399, .*ratio yours\/grpo 0.75\n/,
  },
  {
    title: 'the exact step right, the sampled step doubled',
    rule: doubledSampledStep(groupRule({ name: 'doubled', group: 8, advantage: grpoAdvantage })),
    error: /^logit 0\/0\/0: mean of 200 sampled increments .*, exact 0.463914, gap .* > bound/,
  },
])('--like grpo --group 8 fails: $title', ({ rule, error }) => {
  const r = runTheorem(likeTheorem(rule, grpo({ group: 8 })), { seed: 1 });
  expect(r.status).toBe('failed');
  const c = r.counterexample as { tmc: Tmc; logits: unknown };
  expect({ kernels: c.tmc.spec.kernels, logits: c.logits }).toEqual({ kernels: [[['1/2', '1/2']]], logits: null });
  expect(r.error).toMatch(error);
});
