import fc from 'fast-check';
import { expect, test } from 'vitest';
import { runs } from '../src/arbitraries/profile.ts';
import { taskCots } from '../src/exact/correctness.ts';
import { bernsteinInstanceWeights } from '../src/exact/instance-moments.ts';
import { grpoCoefficients, grpoDirection } from '../src/methods/grpo.ts';
import { trainContext } from '../src/methods/update-rule.ts';
import { validCotProbabilities, weightedScore } from '../src/methods/_internals/weighted-score.ts';
import { D, ONE, ZERO, withPrecision } from '../src/numeric.ts';
import { basePolicy, policyFromLogits } from '../src/policy.ts';
import { tmcFromSpec } from '../src/tmc-file.ts';
import { exactEngine } from './laws/engine.ts';
import { expectAllClose } from './laws/cases.ts';
import {
  byPowerBasis,
  instanceMomentsEqualInstanceEnumeration,
  instanceMomentsEqualPowerBasisBeyondEnumeration,
} from './laws/instance-moments-equal-instance-enumeration.ts';

test('moment recursions give the instance weights E[R_Q(o) B(c_Q)], E[B(c_Q)] and E[B(c_Q) | Q hard] of instance enumeration, Bernstein degree 0-12, mixed signs', () => {
  fc.assert(instanceMomentsEqualInstanceEnumeration(exactEngine), { numRuns: runs(100) });
});

test('beyond enumeration (17-24 valid CoTs) the recursions equal power moments recomputed per CoT at twice the precision', () => {
  fc.assert(instanceMomentsEqualPowerBasisBeyondEnumeration(exactEngine), { numRuns: runs(25) });
});

test('exact GRPO (G = 8) and RL-rej (n = 5) on 5 layers 4 states wide (64 valid CoTs), base and tilted policies: weights equal the power-basis reference, GRPO direction its weighted score', () => {
  const row = (u: number) => Array.from({ length: 4 }, (_, v) => `${1 + ((u + v) % 4)}/10`);
  const wide = Array.from({ length: 4 }, (_, u) => row(u));
  const tmc = tmcFromSpec({ kernels: [[row(0)], wide, wide, wide.map(() => ['1/2', '1/6', '1/6', '1/6'])], tasks: [{ name: 't', start: 0, target: 0 }] });
  const tc = taskCots(tmc, 0);
  expect(tc.cots.length).toBe(64);
  const tilted = policyFromLogits(tmc, tmc.kernels.map((k, l) => k.map((r, u) => r.map((_, v) => new D((l + 2 * u + 3 * v) % 5).div(2)))));
  for (const policy of [basePolicy(tmc), tilted]) {
    const pi = validCotProbabilities(policy, tc);
    for (const beta of [grpoCoefficients(8), [ONE, ZERO, ZERO, ZERO, ZERO, ZERO]]) {
      const w = bernsteinInstanceWeights(tc, pi, beta);
      expect(w.every((x) => x.gt(0))).toBe(true);
      const ref = withPrecision(2 * D.precision, () => byPowerBasis(tc, pi, beta).w);
      expectAllClose('w (engine vs power basis)', w, ref);
      if (beta.length === 8) expectAllClose('GRPO direction', grpoDirection(policy, trainContext(tmc, 0), 8), weightedScore(policy, tc, ref));
    }
  }
});
