/**
 * The corollary of kl-preservation's edge clause (properties/kl-preservation.prop.ts): a policy that
 * keeps at least `delta` of every support edge's base probability keeps at least `delta^(L-1)` of every
 * CoT's (proofs/laws/cot-keeps-product-of-edge-fractions.ts; its sentinel, one edge short, in
 * src/mutants/proof-step-sentinels.test.ts).
 */
import fc from 'fast-check';
import { test } from 'vitest';
import { runs } from '../src/arbitraries/profile.ts';
import { cotKeepsProductOfEdgeFractions } from './laws/cot-keeps-product-of-edge-fractions.ts';

test('a policy keeping m of every edge keeps m^(L-1) of every valid CoT', () => {
  fc.assert(cotKeepsProductOfEdgeFractions(), { numRuns: runs(200), seed: 1 });
});
