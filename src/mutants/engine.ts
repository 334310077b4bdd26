/**
 * # Sentinel mutants of the exact engine
 *
 * Each mutant is the shipped engine (`exactEngine`, proofs/laws/engine.ts) with one function
 * deliberately broken the way a plausible bug would break it. src/mutants/engine.test.ts checks
 * that the proof law named beside each mutant fails on it and shrinks to a small TMC: a proof that
 * cannot tell a broken engine from the real one proves nothing.
 */
import { D, ONE, ZERO, sum, type Dec } from '../numeric.ts';
import { stepLogits, zerosLike, type Policy } from '../policy.ts';
import { forwardPass, taskValues, type TaskValues } from '../exact/values.ts';
import { exactEngine, type ExactEngine } from '../../proofs/laws/engine.ts';

/** The forward pass stops one kernel early (loop bound off by one): the last layer is never visited. */
export const forwardPassOffByOneLayer: ExactEngine = {
  ...exactEngine,
  taskValues: (policy, k) => ({
    ...taskValues(policy, k),
    d: forwardPass(policy.tmc, policy.tmc.tasks[k].start, (l, u, v) =>
      l + 2 < policy.tmc.layers ? policy.probs[l][u][v] : ZERO,
    ),
  }),
};

/** The policy gradient with its sign flipped (descent instead of ascent). */
export const gradientSignFlipped: ExactEngine = {
  ...exactEngine,
  taskValues: (policy, k) => {
    const v = taskValues(policy, k);
    return { ...v, grad: v.grad.map((kernel) => kernel.map((row) => row.map((g) => g.neg()))) };
  },
};

/** `rho(o) = p(o)`: the normalization by `Z = p(V_k)` dropped. */
export const rhoNotNormalized: ExactEngine = {
  ...exactEngine,
  taskCots: (tmc, k) => {
    const tc = exactEngine.taskCots(tmc, k);
    return { ...tc, cots: tc.cots.map((c) => ({ ...c, rho: c.p })) };
  },
};

/** `rho(o) = p(o)^2 / sum p^2`: still positive and summing to 1 (rho-sums-to-one cannot see it). */
export const rhoSquared: ExactEngine = {
  ...exactEngine,
  taskCots: (tmc, k) => {
    const tc = exactEngine.taskCots(tmc, k);
    const total = sum(tc.cots.map((c) => c.p.times(c.p)));
    return { ...tc, cots: tc.cots.map((c) => ({ ...c, rho: c.p.times(c.p).div(total) })) };
  },
};

/** Instances that include each valid CoT with probability `p(o)` instead of `rho(o)`. */
export const instancesWithBaseProbabilities: ExactEngine = {
  ...exactEngine,
  instances: (tc) => exactEngine.instances({ ...tc, cots: tc.cots.map((c) => ({ ...c, rho: c.p })) }),
};

/** pass@K computed with `K - 1` draws. */
export const passAtKMinusOne: ExactEngine = {
  ...exactEngine,
  passAtK: (policy, tc, K, options) => exactEngine.passAtK(policy, tc, K - 1, options),
};

/** CoT entropy summing each visited row's entropy without weighting it by the visitation `d(u)`. */
export const entropyUnweighted: ExactEngine = {
  ...exactEngine,
  cotEntropy: (policy, start) => {
    const d = forwardPass(policy.tmc, start, (l, u, v) => policy.probs[l][u][v]);
    const rows = policy.probs.flatMap((kernel, l) => kernel.filter((_, u) => !d[l][u].isZero()));
    return sum(rows.map((row) => sum(row.filter((p) => p.gt(0)).map((p) => p.times(p.ln()).neg()))));
  },
};

/** Step of the mutant finite-difference gradient below. */
const FD_STEP = new D('1e-12');

/**
 * The policy gradient by a central finite difference of `J` at the working precision: right to
 * about 24 digits, but its rounding error (`~10^-precision / h`) depends on the precision.
 */
export const gradientByFiniteDifference: ExactEngine = {
  ...exactEngine,
  taskValues: (policy, k) => {
    const J = (p: Policy): Dec => taskValues(p, k).J;
    const grad = policy.logits.map((kernel, l) =>
      kernel.map((row, u) =>
        row.map((x, v) => {
          if (x === null) return ZERO;
          const e = zerosLike(policy.tmc);
          e[l][u][v] = ONE;
          return J(stepLogits(policy, e, FD_STEP)).minus(J(stepLogits(policy, e, FD_STEP.neg()))).div(FD_STEP.times(2));
        }),
      ),
    );
    return { ...taskValues(policy, k), grad } satisfies TaskValues;
  },
};

/** The moment recursion fed `pi` where it needs `rho` and `rho` where it needs `pi` (arguments swapped). */
export const momentsRhoAndPiSwapped: ExactEngine = {
  ...exactEngine,
  bernsteinWeights: (tc, piRef, beta) =>
    exactEngine.bernsteinWeights({ ...tc, cots: tc.cots.map((c, i) => ({ ...c, rho: piRef[i] })) }, tc.cots.map((c) => c.rho), beta),
};

/**
 * Leave-one-out that forgets to leave `o_i` out: `w[i]` conditions on `o_i in C_Q` and still counts
 * `o_i` among the random CoTs (built as the weight of `o_i` in the task with a copy of `o_i` added).
 */
export const leaveOneOutKeepsI: ExactEngine = {
  ...exactEngine,
  bernsteinWeights: (tc, piRef, beta) =>
    tc.cots.map((c, i) => exactEngine.bernsteinWeights({ ...tc, cots: [...tc.cots, c] }, [...piRef, piRef[i]], beta)[i]),
};

/** The hard-instance mean with its `hardOnly` option dropped: the mean over every instance. */
export const hardOnlyDropped: ExactEngine = {
  ...exactEngine,
  bernsteinMean: (tc, piRef, beta) => exactEngine.bernsteinMean(tc, piRef, beta),
};

/** The instance mean fed `pi` where it needs `rho` and `rho` where it needs `pi`. */
export const meanRhoAndPiSwapped: ExactEngine = {
  ...exactEngine,
  bernsteinMean: (tc, piRef, beta, options) =>
    exactEngine.bernsteinMean({ ...tc, cots: tc.cots.map((c, i) => ({ ...c, rho: piRef[i] })) }, tc.cots.map((c) => c.rho), beta, options),
};
