/**
 * # The exact engine under test, as one replaceable bundle
 *
 * Every proof step in proofs/ is a law `(engine: ExactEngine) => fc.IProperty`: it checks the
 * functions of this bundle against an independent reference (path enumeration, a finite difference,
 * a seeded sample, a higher precision). The proofs run the laws on `exactEngine`; the sentinel
 * mutants of src/mutants/engine.ts replace one function each and must fail them.
 */
import { taskCots } from '../../src/exact/correctness.ts';
import { bernsteinMeanByRecursion, bernsteinWeightsByRecursion } from '../../src/exact/instance-moments.ts';
import { instances } from '../../src/exact/instances.ts';
import { cotEntropy, coverage, passAtK } from '../../src/exact/metrics.ts';
import { taskValues } from '../../src/exact/values.ts';

export interface ExactEngine {
  readonly taskCots: typeof taskCots;
  readonly instances: typeof instances;
  readonly taskValues: typeof taskValues;
  readonly coverage: typeof coverage;
  readonly cotEntropy: typeof cotEntropy;
  readonly passAtK: typeof passAtK;
  /** The moment recursions behind the instance weights and means (src/exact/instance-moments.ts). */
  readonly bernsteinWeights: typeof bernsteinWeightsByRecursion;
  readonly bernsteinMean: typeof bernsteinMeanByRecursion;
}

/** The engine as shipped in src/exact. */
export const exactEngine: ExactEngine = {
  taskCots,
  instances,
  taskValues,
  coverage,
  cotEntropy,
  passAtK,
  bernsteinWeights: bernsteinWeightsByRecursion,
  bernsteinMean: bernsteinMeanByRecursion,
};
