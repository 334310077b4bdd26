/**
 * Each proof step moved out of a law fails on its sentinel (src/mutants/proof-step-sentinels.ts) with
 * seed 1, and fast-check shrinks the failure to the case written here.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { competitorsLose } from '../../proofs/laws/bayes-competitors-lose.ts';
import { basePassAtNFloorOnHardInstances } from '../../proofs/laws/base-pass-at-n-floor-on-hard-instances.ts';
import { cotKeepsProductOfEdgeFractions } from '../../proofs/laws/cot-keeps-product-of-edge-fractions.ts';
import { dprmAsTiltBounds } from '../../proofs/laws/dprm-as-tilt-bounds.ts';
import { passAtKBoundsHardMass } from '../../proofs/laws/pass-at-k-bounds-hard-mass.ts';
import { edgeOddsRate, squeezedEasyCotBounds } from '../../proofs/laws/squeezed-easy-cot-bounds.ts';
import type { Tmc } from '../tmc.ts';
import {
  cotFractionOneEdgeShort,
  hardFloorOneDrawTooMany,
  hardMassFloorWithPower,
  instancesHardInverted,
  squeezeRateDoubled,
  tiltFloorAtHalfGap,
  tiltL1FromBelow,
  tiltMixedWithBase,
  tiltOffMWithoutPM,
} from './proof-step-sentinels.ts';
import { rOutUnnormalized } from './selectors.ts';

interface Row {
  readonly name: string;
  readonly property: () => fc.IProperty<[object]>;
  readonly kernels: readonly (readonly (readonly string[])[])[];
  readonly error: string;
}

const rows: Row[] = [
  {
    name: 'cot-keeps-product-of-edge-fractions / m^(L-2), one edge short',
    property: () => cotKeepsProductOfEdgeFractions(cotFractionOneEdgeShort),
    kernels: [[['3/5', '2/5']]],
    error: 'CoT 0-0 keeps 0.833333 of p(o) < 1',
  },
  {
    name: 'pass-at-k-bounds-hard-mass / the floor with the K-th power for the K-th root',
    property: () => passAtKBoundsHardMass(hardMassFloorWithPower),
    kernels: [[['1']], [['1/3', '2/3']]],
    error: 'pass@2 0.555556 >= the base\'s 0.555556 but pi(H) = 0.333333 < phi = 0.802469',
  },
  {
    name: 'base-pass-at-n-floor-on-hard-instances / 1 - (1 - q_min)^(N+1), one draw too many',
    property: () => basePassAtNFloorOnHardInstances(hardFloorOneDrawTooMany),
    kernels: [[['1/3', '2/3']]],
    error: 'base pass@1 on hard instances 0.333333 < the floor 0.555556',
  },
  {
    name: 'squeezed-easy-cot-bounds, clause 1 / instances with the hard flag inverted',
    property: () => squeezedEasyCotBounds(edgeOddsRate, instancesHardInverted),
    kernels: [[['3/4', '1/4'], ['1/2', '1/2']], [['3/4', '1/4'], ['1/2', '1/2']], [['3/4', '1/4'], ['1/2', '1/2']]],
    error: '1: a hard instance is solved by the easy CoT 0-0-0-0',
  },
  {
    name: 'squeezed-easy-cot-bounds, clause 3 / the rate bound at 2t',
    property: () => squeezedEasyCotBounds(squeezeRateDoubled),
    kernels: [[['3/4', '1/4']]],
    error: '3: eps_t = 0.109232 > the rate bound 0.0451118 (t = 1)',
  },
  {
    name: 'dprm-as-tilt-bounds, clause 2 / the tilt mixed half-way back to p',
    property: () => dprmAsTiltBounds(tiltMixedWithBase),
    kernels: [[['1/2', '1/2'], ['1/2', '1/2']], [['1/2', '1/2'], ['1/2', '1/2']]],
    error: '2: F(pi) = 0.273098 but ln Z/lambda = 0.28093',
  },
  {
    name: 'dprm-as-tilt-bounds, clause 3 / the floor at half the gap',
    property: () => dprmAsTiltBounds(tiltFloorAtHalfGap),
    kernels: [[['1/3', '1/3', '1/3'], ['1/3', '1/3', '1/3']], [['1/2', '1/2'], ['1/2', '1/2'], ['1/3', '2/3']]],
    error: '3: pi(0-2-0) = 0.00224095 < the floor 0.00912056',
  },
  {
    name: 'dprm-as-tilt-bounds, clause 4 / the L1 bound 1 - exp(-lambda rho*)',
    property: () => dprmAsTiltBounds(tiltL1FromBelow),
    kernels: [[['1/2', '1/2'], ['1/2', '1/2']], [['1/2', '1/2'], ['0', '1']]],
    error: '4: |pi - p|_1 = 1.5 > 1',
  },
  {
    name: 'dprm-as-tilt-bounds, clause 5 / the off-M bound without 1/p(M)',
    property: () => dprmAsTiltBounds(tiltOffMWithoutPM),
    kernels: [[['2/3', '1/3']]],
    error: '5: pi(not M) = 0.155362 > 0.122626',
  },
  {
    name: 'bayes-optimality-lemma, competitors / R_out = p(o)',
    property: () => competitorsLose(rOutUnnormalized),
    kernels: [[['2/3', '1/3']]],
    error: '1[o valid] on 0-0 scores 0 < 0.111111',
  },
];

test.each(rows)('$name', ({ property, kernels, error }) => {
  const r = fc.check(property(), { seed: 1 });
  expect(r.failed).toBe(true);
  const found = r.counterexample![0] as { tmc?: Tmc; c?: { tmc: Tmc } };
  expect((found.tmc ?? found.c!.tmc).spec.kernels).toEqual(kernels);
  expect(String(r.errorInstance)).toContain(error);
});
