/**
 * The corollary behind the hard-mass floor of rejection-preserves and zoo-pkpo-keeps-hard-mass
 * (properties/rejection-preserves.prop.ts, clause 2): `pass_K(pi) <= P_E + P_H (1 - (1 - pi(H))^K)`
 * for every policy, so a run whose pass@K never falls (clause 1) keeps `pi_t(H) >= phi`, whatever the
 * rule (proofs/laws/pass-at-k-bounds-hard-mass.ts; its sentinel, a floor with the K-th power for the
 * K-th root, in src/mutants/proof-step-sentinels.test.ts).
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { runs } from '../src/arbitraries/profile.ts';
import { hardMassFloor } from '../properties/rejection-preserves.prop.ts';
import { passAtKBoundsHardMass } from './laws/pass-at-k-bounds-hard-mass.ts';

test('pass_K(pi) <= P_E + P_H (1 - (1 - pi(H))^K), so pi(H) >= phi once pass_K(pi) >= pass_K(p)', () => {
  let floors = 0;
  fc.assert(passAtKBoundsHardMass(hardMassFloor, () => floors++), { numRuns: runs(100), seed: 1 });
  // The floor's premise is met on enough cases for the implication to say something.
  expect(floors).toBeGreaterThanOrEqual(10);
});
