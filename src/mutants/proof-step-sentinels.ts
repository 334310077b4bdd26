/**
 * # Sentinels for the proof steps that no method can fail
 *
 * The corollaries moved out of the laws (proofs/: dprm-as-tilt-bounds, cot-keeps-product-of-edge-fractions,
 * pass-at-k-bounds-hard-mass, base-pass-at-n-floor-on-hard-instances, squeezed-easy-cot-bounds,
 * bayes-optimality-lemma) read no method under test, so a sentinel changes what they check instead: a
 * wrong input the corollary is derived from, or its bound made stronger by a constant (an edge short, a
 * draw too many, twice the rate). Each must fail, which shows the check reaches the
 * bound and is not vacuous; src/mutants/proof-step-sentinels.test.ts pins the shrunk case.
 */
import type { CotFraction } from '../../proofs/laws/cot-keeps-product-of-edge-fractions.ts';
import type { HardFloor } from '../../proofs/laws/base-pass-at-n-floor-on-hard-instances.ts';
import { edgeOddsRate, type SqueezeRate } from '../../proofs/laws/squeezed-easy-cot-bounds.ts';
import { exactTilt, type TiltStatement } from '../../proofs/laws/dprm-as-tilt-bounds.ts';
import { hardMassFloor } from '../../properties/rejection-preserves.prop.ts';
import { instances } from '../exact/instances.ts';
import { ONE } from '../numeric.ts';

/** `m^(L-2)`: one edge short of the product. */
export const cotFractionOneEdgeShort: CotFraction = (m, layers) => m.pow(layers - 2);

/** The hard-mass floor with the `K`-th power where the `K`-th root belongs: `1 - (1 - s)^K >= s`. */
export const hardMassFloorWithPower: typeof hardMassFloor = (tc, basePass, K) => {
  const r = hardMassFloor(tc, basePass, K);
  if (r.pHard.isZero()) return r;
  const slack = basePass.minus(r.pEasy).div(r.pHard);
  return { ...r, phi: slack.lte(0) ? slack : ONE.minus(ONE.minus(slack).pow(K)) };
};

/** `1 - (1 - q_min)^(N+1)`: one draw too many. */
export const hardFloorOneDrawTooMany: HardFloor = (qMin, N) => ONE.minus(ONE.minus(qMin).pow(N + 1));

/** The squeeze's rate bound at `2t`. */
export const squeezeRateDoubled: SqueezeRate = (edges, t) => edgeOddsRate(edges, 2 * t);

/** Instances with the hard flag inverted. */
export const instancesHardInverted: typeof instances = (tc) => instances(tc).map((q) => ({ ...q, hard: !q.hard }));

/** The tilt mixed half-way back to `p`: no longer the maximizer of `F` (clause 2). */
export const tiltMixedWithBase: TiltStatement = {
  ...exactTilt,
  tilt: (p, rho, lambda) => exactTilt.tilt(p, rho, lambda).map((x, i) => x.plus(p[i]).div(2)),
};

/** The floor at half the gap, `p exp(-lambda (rho* - rho)/2)` (clause 3). */
export const tiltFloorAtHalfGap: TiltStatement = { ...exactTilt, floor: (p, gap, lambda) => exactTilt.floor(p, gap.div(2), lambda) };

/** The L1 bound from the other end, `1 - exp(-lambda rho*)` (clause 4): below `exp(lambda rho*) - 1`, and below 1. */
export const tiltL1FromBelow: TiltStatement = { ...exactTilt, l1: (top, lambda) => ONE.minus(lambda.times(top).neg().exp()) };

/** The off-M bound without its `1/p(M)` (clause 5). */
export const tiltOffMWithoutPM: TiltStatement = { ...exactTilt, offM: (delta, pM, lambda) => exactTilt.offM(delta, pM, lambda).times(pM) };
