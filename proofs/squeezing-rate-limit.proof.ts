import fc from 'fast-check';
import { expect, test } from 'vitest';
import { runs } from '../src/arbitraries/profile.ts';
import { grpo } from '../src/methods/grpo.ts';
import { ppo } from '../src/methods/ppo.ts';
import { raft } from '../src/methods/raft.ts';
import { reinforce } from '../src/methods/reinforce.ts';
import {
  banditMultiplierTendsToDeclaredRate,
  banditStepEqualsClosedForm,
  scalarRecurrenceSlope,
  starMasses,
} from './laws/squeezing-rate-limit.ts';

const closedFormRules = [
  { rule: reinforce({ eta: 2 }), form: 'reinforce' },
  { rule: raft({ eta: 2 }), form: 'raft' },
  { rule: grpo({ eta: 2 }), form: 'grpo' },
  { rule: grpo({ eta: 2, group: 3 }), form: 'grpo' },
] as const;

test.each(closedFormRules.map(({ rule, form }) => ({ rule, form, name: `${rule.name} ${JSON.stringify(rule.params)}` })))(
  'bandit: $name moves the logit gap by -2 Delta x(1-x) times its multiplier (GRPO: from the enumerated groups)',
  ({ rule, form }) => {
    fc.assert(banditStepEqualsClosedForm(rule, form), { numRuns: runs(15) });
  },
);

test.each([...closedFormRules.map((r) => r.rule), ppo({ eta: 2 }), ppo({ eta: 2, epochs: 1 })].map((rule) => ({ rule, name: `${rule.name} ${JSON.stringify(rule.params)}` })))(
  "bandit: $name's multiplier tends to its declared rate as x -> 0",
  ({ rule }) => {
    fc.assert(banditMultiplierTendsToDeclaredRate(rule), { numRuns: runs(10) });
  },
);

test('scalar recurrence: (1/x_2t - 1/x_t)/t -> c, the error halving with t whatever x_0', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 9 }), (c10, x10) => {
      const c = c10 / 10;
      const e = scalarRecurrenceSlope(c, x10 / 10, [400, 800, 1600].map((t) => Math.ceil(t / c))).map((s) => Math.abs(s / c - 1));
      expect(e[2]).toBeLessThan(0.02);
      expect(e[2] / e[1]).toBeGreaterThan(0.4);
      expect(e[2] / e[1]).toBeLessThan(0.6);
    }),
    { numRuns: runs(20) },
  );
});

test('star (n_u = 2, REINFORCE): the sum t sum_w pi(w|s) Delta_w -> n_u/(n_u+1) at rate 1/t, each child at rate t^(-1/3)', () => {
  const times = [800, 1600, 3200];
  const deltas = [0, 0.6, 0.8];
  const pi = starMasses(times).map((row) => row.map((p) => p.toNumber()));
  const sumError = times.map((t, i) => Math.abs((t * (pi[i][1] * deltas[1] + pi[i][2] * deltas[2])) / (2 / 3) - 1));
  expect(sumError[2]).toBeLessThan(0.002);
  expect(sumError[2] / sumError[1]).toBeGreaterThan(0.35);
  expect(sumError[2] / sumError[1]).toBeLessThan(0.6);
  // Each child's slope constant (1/pi_2t - 1/pi_t) / (t (n_u+1) Delta_w) relaxes like t^(-1/3): ratio 2^(-1/3) = 0.794.
  const slopeError = (w: number, i: number) => Math.abs((1 / pi[i + 1][w] - 1 / pi[i][w]) / times[i] / (3 * deltas[w]) - 1);
  for (const w of [1, 2]) {
    const ratio = slopeError(w, 1) / slopeError(w, 0);
    expect(ratio).toBeGreaterThan(0.72);
    expect(ratio).toBeLessThan(0.86);
  }
});
