/**
 * The corollary of kl-preservation's edge clause (properties/kl-preservation.prop.ts): a policy that
 * keeps at least `delta` of every support edge's base probability keeps at least `delta^(L-1)` of every
 * CoT's, since a CoT's probability is the product of its `L - 1` edges. Checked on random policies at the
 * tightest `delta` they satisfy, `m = min_(u,v) pi(v|u) / p(v|u)`: `pi(o) >= m^(L-1) p(o)` for every
 * valid CoT, `pi(o)` by the same `pathProbability` the law reads and `p(o)` from `taskCots`.
 */
import fc from 'fast-check';
import { test } from 'vitest';
import { runs } from '../src/arbitraries/profile.ts';
import { taskCots } from '../src/exact/correctness.ts';
import { pathProbability } from '../src/exact/paths.ts';
import { compareExact, maxOf, show } from '../src/numeric.ts';
import { casePolicy, policyCases } from './laws/cases.ts';

test('a policy keeping m of every edge keeps m^(L-1) of every valid CoT', () => {
  fc.assert(
    fc.property(policyCases(), (c) => {
      const policy = casePolicy(c);
      const ratios = c.tmc.kernels.flatMap((k, l) => k.flatMap((row, u) => row.flatMap((p, v) => (p.gt(0) ? [policy.probs[l][u][v].div(p)] : []))));
      const m = maxOf(ratios.map((r) => r.neg())).neg();
      const cotFraction = m.pow(c.tmc.layers - 1);
      for (const o of taskCots(c.tmc, 0).cots) {
        const pi = pathProbability(policy.probs, o.path);
        if (compareExact(pi, o.p.times(cotFraction)) < 0) throw new Error(`CoT ${o.path.join('-')} keeps ${show(pi.div(o.p))} of p(o) < m^(L-1) = ${show(cotFraction)}`);
      }
    }),
    { numRuns: runs(200), seed: 1 },
  );
});
