/**
 * # A CoT keeps the product of its edges' fractions
 *
 * A policy that keeps at least `m` of every support edge's base probability keeps at least
 * `m^(L-1)` of every CoT's (`cotFraction(m, L)`), since a CoT's probability is the product of its
 * `L - 1` edges. Checked on random policies at the tightest `m` they satisfy,
 * `m = min_(u,v) pi(v|u) / p(v|u)`, with `pi(o)` by `pathProbability` and `p(o)` from `taskCots`.
 */
import fc from 'fast-check';
import { taskCots } from '../../src/exact/correctness.ts';
import { pathProbability } from '../../src/exact/paths.ts';
import { compareExact, maxOf, show, type Dec } from '../../src/numeric.ts';
import { casePolicy, policyCases, type PolicyCase } from './cases.ts';

export type CotFraction = (m: Dec, layers: number) => Dec;

export const productOfEdges: CotFraction = (m, layers) => m.pow(layers - 1);

export function cotKeepsProductOfEdgeFractions(cotFraction: CotFraction = productOfEdges): fc.IProperty<[PolicyCase]> {
  return fc.property(policyCases(), (c) => {
    const policy = casePolicy(c);
    const ratios = c.tmc.kernels.flatMap((k, l) => k.flatMap((row, u) => row.flatMap((p, v) => (p.gt(0) ? [policy.probs[l][u][v].div(p)] : []))));
    const m = maxOf(ratios.map((r) => r.neg())).neg();
    const fraction = cotFraction(m, c.tmc.layers);
    for (const o of taskCots(c.tmc, 0).cots) {
      const pi = pathProbability(policy.probs, o.path);
      if (compareExact(pi, o.p.times(fraction)) < 0) throw new Error(`CoT ${o.path.join('-')} keeps ${show(pi.div(o.p))} of p(o) < ${show(fraction)}`);
    }
  });
}
