import { describe, expect, test } from 'vitest';
import { D, type Dec } from '../numeric.ts';
import { policyFromLogits } from '../policy.ts';
import { makeRng } from '../sampling.ts';
import { stepDirection } from '../../proofs/laws/finite-difference.ts';
import { groupUpdateByBruteForce } from './_internals/group-brute-force.ts';
import { threeWay } from './_internals/test-tmcs.ts';
import { drGrpo, drGrpoAdvantage } from './dr-grpo.ts';
import { passAtKAdvantage, passAtKTraining } from './pass-at-k-training.ts';
import { pkpo, pkpoAdvantage } from './pkpo.ts';
import { nsr, psr, wReinforce } from './psr-nsr.ts';
import { rloo, rlooAdvantage } from './rloo.ts';
import { trainContext, type UpdateRule } from './update-rule.ts';

const logits = threeWay.kernels.map((k, l) => k.map((row, u) => row.map((p, v) => (p.gt(0) ? new D((l + 2 * u + 3 * v) % 5).div(4) : null))));
const policy = policyFromLogits(threeWay, logits);
const ctx = trainContext(threeWay, 0);
const strings = (xs: readonly Dec[]) => xs.map((x) => x.toSignificantDigits(12).toString());

function expectClose(a: Dec[][][], b: Dec[][][]): void {
  a.forEach((k, l) => k.forEach((row, u) => row.forEach((x, v) => expect(x.minus(b[l][u][v]).abs().toNumber()).toBeLessThan(1e-34))));
}

describe('the zoo advantages, hand-derived', () => {
  test('RLOO: (G-c)/(G-1) for a correct sample, -c/(G-1) for a wrong one', () => {
    expect(strings(rlooAdvantage([1, 0, 0, 1]))).toStrictEqual(['0.666666666667', '-0.666666666667', '-0.666666666667', '0.666666666667']);
  });
  test('Dr. GRPO: 1 - p and -p', () => {
    expect(strings(drGrpoAdvantage([1, 0, 0, 0]))).toStrictEqual(['0.75', '-0.25', '-0.25', '-0.25']);
  });
  test('PKPO (G = 4, k = 2, c = 1): C(3,1)/C(4,2) = 1/2 for the correct sample, 0 otherwise; c = 4: C(0,1) = 0', () => {
    expect(strings(pkpoAdvantage([0, 1, 0, 0], 2))).toStrictEqual(['0', '0.5', '0', '0']);
    expect(strings(pkpoAdvantage([1, 1, 1, 1], 2))).toStrictEqual(['0', '0', '0', '0']);
  });
  test('pass@k training (G = 4, k = 2, c = 1): R = 1/2, sigma = 1/2, weights 1 and (1/2 - 2/3)/(1/2) = -1/3; sigma 0 gives 0', () => {
    expect(strings(passAtKAdvantage([1, 0, 0, 0], 2))).toStrictEqual(['1', '-0.333333333333', '-0.333333333333', '-0.333333333333']);
    expect(strings(passAtKAdvantage([0, 0, 0, 0], 2))).toStrictEqual(['0', '0', '0', '0']);
    // c = 3 of 4 with k = 2: every pair holds a correct sample, R = 1.
    expect(strings(passAtKAdvantage([1, 1, 1, 0], 2))).toStrictEqual(['0', '0', '0', '0']);
  });
});

describe('each group rule\'s exact step is the brute-force expectation of its algorithm', () => {
  const cases: [string, UpdateRule, number, (r: readonly number[]) => readonly Dec[]][] = [
    ['rloo G = 3', rloo({ group: 3 }), 3, rlooAdvantage],
    ['dr-grpo G = 3', drGrpo({ group: 3 }), 3, drGrpoAdvantage],
    ['pkpo G = 3, k = 2', pkpo({ group: 3, k: 2 }), 3, (r) => pkpoAdvantage(r, 2)],
    ['passk G = 3, k = 2', passAtKTraining({ group: 3, k: 2 }), 3, (r) => passAtKAdvantage(r, 2)],
    ['passk G = 2, k = 1', passAtKTraining({ group: 2, k: 1 }), 2, (r) => passAtKAdvantage(r, 1)],
    ['psr', psr(), 1, (r) => r.map((x) => new D(x))],
    ['nsr', nsr(), 1, (r) => r.map((x) => new D(x - 1))],
    ['w-reinforce lambda 0.3', wReinforce({ lambda: 0.3 }), 1, (r) => r.map((x) => new D(x === 1 ? 0.3 : -1))],
  ];
  test.each(cases)('%s', (_, rule, G, advantage) => {
    const ours = stepDirection(policy, rule.exactStep(policy, ctx), 1);
    expectClose(ours, groupUpdateByBruteForce(policy, G, advantage));
    expect(ours.flat(2).some((x) => !x.isZero())).toBe(true);
  });
});

describe('sampled steps', () => {
  test('seeded, and moving along the drawn group only', () => {
    for (const rule of [rloo({ group: 3 }), pkpo({ group: 3, k: 2 }), nsr()]) {
      expect(rule.sampledStep(policy, ctx, makeRng(5)).logits).toStrictEqual(rule.sampledStep(policy, ctx, makeRng(5)).logits);
    }
  });
});

describe('parameters are checked on entry', () => {
  test.each([
    [() => rloo({ group: 1 }), 'rloo: group must be an integer >= 2, got 1'],
    [() => drGrpo({ eta: 0 }), 'dr-grpo: eta must be a positive number, got 0'],
    [() => pkpo({ group: 4, k: 5 }), 'pkpo: k must be an integer from 1 to the group size 4, got 5'],
    [() => passAtKTraining({ k: 0 }), 'passk: k must be an integer from 1 to the group size 8, got 0'],
    [() => wReinforce({ lambda: 0 }), 'w-reinforce: lambda must be a positive number, got 0'],
  ])('%#', (make, message) => expect(make).toThrow(message));
});
