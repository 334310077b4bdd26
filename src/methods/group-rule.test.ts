import { describe, expect, test } from 'vitest';
import { D, type Dec } from '../numeric.ts';
import { policyFromLogits, type Policy } from '../policy.ts';
import { groupUpdateByBruteForce, grpoAdvantage } from './_internals/group-brute-force.ts';
import { threeWay } from './_internals/test-tmcs.ts';
import { groupRule, MAX_ENUMERATED_GROUP } from './group-rule.ts';
import { grpoDirection } from './grpo.ts';
import { trainContext } from './update-rule.ts';

const logits = threeWay.kernels.map((k, l) => k.map((row, u) => row.map((p, v) => (p.gt(0) ? new D((l + 2 * u + 3 * v) % 5).div(4) : null))));
const policy = policyFromLogits(threeWay, logits);
const ctx = trainContext(threeWay, 0);

/** The logit increment of one exact step with `eta = 1`. */
function increment(rule: ReturnType<typeof groupRule>, p: Policy = policy): Dec[][][] {
  const next = rule.exactStep(p, ctx);
  return p.logits.map((k, l) => k.map((row, u) => row.map((x, v) => (x === null ? new D(0) : next.logits[l][u][v]!.minus(x)))));
}

function expectClose(a: Dec[][][], b: Dec[][][]): void {
  a.forEach((k, l) => k.forEach((row, u) => row.forEach((x, v) => expect(x.minus(b[l][u][v]).abs().toNumber()).toBeLessThan(1e-34))));
}

/** GRPO with the first sample's advantage sign flipped: not exchangeable. */
const flippedFirst = (r: readonly number[]) => grpoAdvantage(r).map((a, i) => (i === 0 ? a.neg() : a));

describe('groupRule exact step', () => {
  test('GRPO written as a group rule equals the built-in GRPO direction (G = 2..6)', () => {
    for (const G of [2, 3, 6]) expectClose(increment(groupRule({ name: 'g', group: G, advantage: grpoAdvantage })), grpoDirection(policy, ctx, G));
  });

  test('equals the brute-force expectation over instances and G-tuples, also for a non-exchangeable rule (G = 2, 3)', () => {
    const positional = (r: readonly number[]) => r.map((x, i) => new D(x).times(i + 1).minus(new D(i).div(3)));
    for (const G of [2, 3]) {
      for (const advantage of [grpoAdvantage, flippedFirst, positional]) {
        const ours = increment(groupRule({ name: 'g', group: G, advantage }));
        expectClose(ours, groupUpdateByBruteForce(policy, G, advantage));
        // At G = 2 one flipped sign cancels the step exactly ((G - 2)/G = 0).
        if (!(advantage === flippedFirst && G === 2)) expect(ours.flat(2).some((x) => !x.isZero())).toBe(true);
      }
    }
  });

  test('one flipped sign scales GRPO by (G - 2)/G', () => {
    const G = 8;
    const grpo = grpoDirection(policy, ctx, G);
    const scaled = grpo.map((k) => k.map((row) => row.map((x) => x.times(G - 2).div(G))));
    expectClose(increment(groupRule({ name: 'g', group: G, advantage: flippedFirst })), scaled);
  });

  test('weights given as numbers, decimal strings or decimals give the same step', () => {
    const asNumbers = groupRule({ name: 'n', group: 3, advantage: (r) => r.map((x) => x - 0.5) });
    const asStrings = groupRule({ name: 's', group: 3, advantage: (r) => r.map((x) => (x === 1 ? '0.5' : '-0.5')) });
    expectClose(increment(asNumbers), increment(asStrings));
  });

  test('past MAX_ENUMERATED_GROUP an exchangeable rule uses its counts, a positional one is refused', () => {
    const G = MAX_ENUMERATED_GROUP + 4;
    expectClose(increment(groupRule({ name: 'g', group: G, advantage: grpoAdvantage })), grpoDirection(policy, ctx, G));
    expect(() => groupRule({ name: 'pos', group: G, advantage: flippedFirst })).toThrow(/must be exchangeable/);
  });

});

describe('groupRule input checks', () => {
  const ok = { name: 'g', group: 2, advantage: (r: readonly number[]) => r.map(() => 0) };
  test.each([
    [{ ...ok, group: 0 }, /group must be an integer from 1/],
    [{ ...ok, eta: -1 }, /eta must be a positive number/],
    [{ ...ok, name: '' }, /name must be a non-empty string/],
    [{ ...ok, advantage: () => [1] }, /must return an array of 2 weights, got an array of 1/],
    [{ ...ok, advantage: () => [1, NaN] }, /\[1\] must be a finite number/],
    [{ ...ok, advantage: () => [1, 'abc'] }, /\[1\] must be a finite number, decimal string or decimal, got "abc"/],
    [{ ...ok, advantage: () => { throw new Error('boom'); } }, /advantage\(\[0, 0\]\) threw: boom/],
  ])('%#: refused with a message', (spec, message) => {
    expect(() => groupRule(spec as Parameters<typeof groupRule>[0])).toThrow(message);
  });
});

describe('groupRule sampled step', () => {
  test('steps along (1/G) sum A_i grad log pi(o_i) of the drawn group, seeded', async () => {
    const { makeRng } = await import('../sampling.ts');
    const rule = groupRule({ name: 'g', group: 4, advantage: grpoAdvantage });
    const a = rule.sampledStep(policy, ctx, makeRng(3));
    const b = rule.sampledStep(policy, ctx, makeRng(3));
    expect(a.logits).toEqual(b.logits);
  });
});
