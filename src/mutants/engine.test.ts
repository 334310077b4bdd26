/**
 * Every proof law of proofs/ fails on its sentinel mutant (src/mutants/engine.ts) with a fixed seed,
 * and fast-check shrinks the failure to the smallest TMC that shows the bug (written out below).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { coverageAndEntropyEqualPathEnumeration } from '../../proofs/laws/coverage-and-entropy-equal-path-enumeration.ts';
import type { ExactEngine } from '../../proofs/laws/engine.ts';
import { instanceMomentsEqualInstanceEnumeration, instanceMomentsEqualPowerBasisBeyondEnumeration, type SyntheticCase } from '../../proofs/laws/instance-moments-equal-instance-enumeration.ts';
import { instanceDistributionHasMarginalsRho } from '../../proofs/laws/instance-distribution-has-marginals-rho.ts';
import { layerPassesEqualPathEnumeration } from '../../proofs/laws/layer-passes-equal-path-enumeration.ts';
import { passAtKAgreesWithSampling } from '../../proofs/laws/pass-at-k-agrees-with-sampling.ts';
import { policyGradientEqualsFiniteDifference } from '../../proofs/laws/policy-gradient-equals-finite-difference.ts';
import { rhoEqualsPOverPValid } from '../../proofs/laws/rho-equals-p-over-p-valid.ts';
import { rhoSumsToOne } from '../../proofs/laws/rho-sums-to-one.ts';
import { valuesAgreeAcrossPrecision } from '../../proofs/laws/values-agree-across-precision.ts';
import type { Tmc } from '../tmc.ts';
import * as mutant from './engine.ts';

const SEED = 1;

interface Sentinel {
  readonly law: (engine: ExactEngine) => fc.IProperty<[unknown]>;
  readonly mutant: ExactEngine;
  /** The shrunk TMC's spec, exactly. */
  readonly witness: { kernels: string[][][]; tasks: { name: string; start: number; target: number }[] };
  /** Fragment of the failure message: which quantity, and how it differs. */
  readonly error: string;
  /** Further fields of the shrunk case (the policy, K). */
  readonly caseFields?: Record<string, unknown>;
}

const task = (name: string, start: number, target: number) => ({ name, start, target });
const oneEdge = { kernels: [[['1']]], tasks: [task('task1', 0, 0)] };
const fork = (p: string, q: string, tasks = [task('task1', 0, 0)]) => ({ kernels: [[[p, q]]], tasks });

const sentinels: Record<string, Sentinel> = {
  'layer-passes-equal-path-enumeration / forward pass off by one layer': {
    law: layerPassesEqualPathEnumeration,
    mutant: mutant.forwardPassOffByOneLayer,
    witness: oneEdge,
    error: 'task 0 d (passes vs enumeration)[1][0]: 0 vs 1',
    caseFields: { logits: null },
  },
  'coverage-and-entropy-equal-path-enumeration / entropy not weighted by visitation': {
    law: coverageAndEntropyEqualPathEnumeration,
    mutant: mutant.entropyUnweighted,
    witness: {
      kernels: [[['1/2', '1/2']], [['1', '0'], ['1/2', '1/2']]],
      tasks: [task('task1', 0, 1)],
    },
    error: 'entropy from state 0: 1.3862943611198906188',
    caseFields: { logits: null },
  },
  'policy-gradient-equals-finite-difference / gradient sign flipped': {
    law: policyGradientEqualsFiniteDifference,
    mutant: mutant.gradientSignFlipped,
    witness: fork('2/3', '1/3', [task('task1', 0, 0), task('task2', 0, 0)]),
    error: 'task 0 grad (passes vs finite difference)[0][0][0]: -0.2222',
    caseFields: { logits: null },
  },
  'rho-sums-to-one / normalization by Z dropped': {
    law: rhoSumsToOne,
    mutant: mutant.rhoNotNormalized,
    witness: fork('1/2', '1/2'),
    error: 'task 0 sum of rho over V_k: 0.5 vs 1',
  },
  'rho-equals-p-over-p-valid / rho proportional to p^2 (sums to 1, so rho-sums-to-one passes it)': {
    law: rhoEqualsPOverPValid,
    mutant: mutant.rhoSquared,
    witness: { kernels: [[['2/3', '1/3']], [['1'], ['1']]], tasks: [task('task1', 0, 0), task('task2', 0, 0)] },
    error: 'task 0 rho(0-0-0) (engine vs p(o)/p(V)): 0.8 vs 0.66666',
  },
  'instance-distribution-has-marginals-rho / instances drawn with p(o) instead of rho(o)': {
    law: instanceDistributionHasMarginalsRho,
    mutant: mutant.instancesWithBaseProbabilities,
    witness: fork('1/2', '1/2'),
    error: 'task 0 P(o in C_Q) vs rho[0]: 0.5 vs 1',
  },
  'pass-at-k-agrees-with-sampling / pass@K computed as pass@(K-1)': {
    law: passAtKAgreesWithSampling,
    mutant: mutant.passAtKMinusOne,
    witness: oneEdge,
    error: 'task 0 pass@1: exact 0, sampled 1000/1000',
    caseFields: { logits: null, K: 1, seed: 0 },
  },
  'values-agree-across-precision / gradient by finite difference at working precision': {
    law: valuesAgreeAcrossPrecision,
    mutant: mutant.gradientByFiniteDifference,
    witness: fork('2/3', '1/3', [task('task1', 0, 0), task('task2', 0, 0)]),
    error: 'task 0 grad at 40 vs 80 digits[0][0][0]: 0.2222222222222222222222222',
    caseFields: { logits: null },
  },
  'instance-moments-equal-instance-enumeration / rho and pi swapped in the recursion': {
    law: instanceMomentsEqualInstanceEnumeration,
    mutant: mutant.momentsRhoAndPiSwapped,
    // Degree 0, B = -1: w = -rho = -1 against -pi = -2/3.
    witness: fork('2/3', '1/3', [task('task1', 0, 0), task('task2', 0, 0)]),
    error: 'task 0 w (recursion vs enumeration)[0]: -0.6666666666666666666666666666666666666667 vs -1',
    caseFields: { logits: null, beta: [-1] },
  },
  'instance-moments-equal-instance-enumeration / leave-one-out keeps o_i': {
    law: instanceMomentsEqualInstanceEnumeration,
    mutant: mutant.leaveOneOutKeepsI,
    // B(c) = -c on the single sure CoT: c counted twice, -2 against -1.
    witness: oneEdge,
    error: 'task 0 w (recursion vs enumeration)[0]: -2 vs -1',
    caseFields: { logits: null, beta: [0, -1] },
  },
  'instance-moments-equal-instance-enumeration / rho and pi swapped in the mean': {
    law: instanceMomentsEqualInstanceEnumeration,
    mutant: mutant.meanRhoAndPiSwapped,
    // B(c) = -c^2: c is 2/3 surely (E[B] = -4/9); swapped, c = 1 with probability 2/3 (-2/3).
    witness: fork('2/3', '1/3', [task('task1', 0, 0), task('task2', 0, 0)]),
    error: 'task 0 E[B] (recursion vs enumeration): -0.6666666666666666666666666666666666666667 vs -0.4444444444444444444444444444444444444445',
    caseFields: { logits: null, beta: [0, 0, -1] },
  },
  'instance-moments-equal-instance-enumeration / hardOnly dropped': {
    law: instanceMomentsEqualInstanceEnumeration,
    mutant: mutant.hardOnlyDropped,
    // One easy CoT: no hard instance, so E[B | hard] = 0, not E[B] = -1.
    witness: oneEdge,
    error: 'task 0 E[B | hard] (recursion vs enumeration): -1 vs 0',
    caseFields: { logits: null, beta: [-1] },
  },
};

describe('each proof law fails on its sentinel mutant and shrinks to a minimal TMC', () => {
  for (const [name, s] of Object.entries(sentinels)) {
    test(name, () => {
      const r = fc.check(s.law(s.mutant), { seed: SEED });
      expect(r.failed).toBe(true);
      const found = r.counterexample?.[0] as { tmc?: Tmc } | Tmc;
      const tmc = 'tmc' in found && found.tmc ? found.tmc : (found as Tmc);
      expect({ kernels: tmc.spec.kernels, tasks: tmc.spec.tasks }).toEqual(s.witness);
      expect(String(r.errorInstance)).toContain(s.error);
      if (s.caseFields) expect(found).toMatchObject(s.caseFields);
    });
  }
});

describe('beyond enumeration, the power-basis law fails on each moment mutant and shrinks to 17 CoTs', () => {
  const cases: [string, ExactEngine, number[], string][] = [
    ['mean with rho and pi swapped', mutant.meanRhoAndPiSwapped, [1], 'E[B | hard] (recursion vs power basis): 0 vs 1'],
    ['rho and pi swapped', mutant.momentsRhoAndPiSwapped, [1], 'w (recursion vs power basis)[0]: 0 vs 0.05882352941176470588235294117647058823529'],
    ['hardOnly dropped', mutant.hardOnlyDropped, [0, 1], 'E[B | hard] (recursion vs power basis): 0.05882352941176470588235294117647058823529 vs 0.0914525293631758151068'],
  ];
  for (const [name, engine, beta, error] of cases) {
    test(name, () => {
      const r = fc.check(instanceMomentsEqualPowerBasisBeyondEnumeration(engine), { seed: SEED });
      expect(r.failed).toBe(true);
      const found = r.counterexample![0] as SyntheticCase;
      expect([found.cots.length, found.beta]).toEqual([17, beta]);
      expect(String(r.errorInstance)).toContain(error);
    });
  }
});

test('rho proportional to p^2 passes rho-sums-to-one: why rho-equals-p-over-p-valid is needed', () => {
  expect(fc.check(rhoSumsToOne(mutant.rhoSquared), { seed: SEED }).failed).toBe(false);
});
