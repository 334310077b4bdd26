import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { casePolicy, policyCases } from '../../../proofs/laws/cases.ts';
import { taskValues } from '../../exact/values.ts';
import { trainContext } from '../update-rule.ts';
import { weightedScore } from './weighted-score.ts';

describe('weighted score', () => {
  test('with w = rho it is the policy gradient of the layer passes', () => {
    fc.assert(
      fc.property(policyCases(), (c) => {
        const policy = casePolicy(c);
        const { tc } = trainContext(c.tmc, 0);
        const ours = weightedScore(policy, tc, tc.cots.map((o) => o.rho));
        const ref = taskValues(policy, 0).grad;
        ours.forEach((k, l) => k.forEach((row, u) => row.forEach((x, v) => expect(x.minus(ref[l][u][v]).abs().lt('1e-35')).toBe(true))));
      }),
      { numRuns: 40 },
    );
  });
});
