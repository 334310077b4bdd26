/**
 * The corollaries behind rare-cots' squeeze (properties/rare-cots.prop.ts, clauses 1 and 3): hard
 * instances miss the squeezed easy CoT, and `eps_t <= e^(-t) sum_l (1 - P_l(e)) / P_l(e)`
 * (proofs/laws/squeezed-easy-cot-bounds.ts; sentinels, the hard flag inverted and a rate `e^(-2t)`, in
 * src/mutants/proof-step-sentinels.test.ts). Neither reads a hard pass@K, so no method under test can
 * fail them: a proof step, not a law clause.
 */
import fc from 'fast-check';
import { test } from 'vitest';
import { runs } from '../src/arbitraries/profile.ts';
import { squeezedEasyCotBounds } from './laws/squeezed-easy-cot-bounds.ts';

test('hard instances miss the squeezed easy CoT, and eps_t <= e^-t sum_l (1 - P_l(e))/P_l(e)', () => {
  fc.assert(squeezedEasyCotBounds(), { numRuns: runs(150), seed: 1 });
});
