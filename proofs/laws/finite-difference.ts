/**
 * Helpers of the step laws: a central finite difference of any function of the policy along every
 * logit, and the direction an update rule stepped along.
 *
 * Implementation notes: callers run at 80 digits with `h = 1e-20` (see
 * policy-gradient-equals-finite-difference.ts for the error budget), and compare within `1e-30`.
 */
import { D, ZERO, withPrecision, type Dec } from '../../src/numeric.ts';
import { stepLogits, zerosLike, type Policy } from '../../src/policy.ts';

export const DIGITS = 80;
const H = '1e-20';
export const TOLERANCE = '1e-30';

/** Run at `DIGITS` digits. */
export function highPrecision<T>(fn: () => T): T {
  return withPrecision(DIGITS, fn);
}

/** Equal within `TOLERANCE` (absolute). */
export function close(a: Dec, b: Dec): boolean {
  return a.minus(b).abs().lte(TOLERANCE);
}

/** `(f(theta + h e) - f(theta - h e)) / 2h` for every logit `e` on the support (0 off it). */
export function centralDifference(policy: Policy, f: (p: Policy) => Dec): Dec[][][] {
  const h = new D(H);
  return policy.logits.map((kernel, l) =>
    kernel.map((row, u) =>
      row.map((x, v) => {
        if (x === null) return ZERO;
        const e = zerosLike(policy.tmc);
        e[l][u][v] = new D(1);
        return f(stepLogits(policy, e, h)).minus(f(stepLogits(policy, e, h.neg()))).div(h.times(2));
      }),
    ),
  );
}

/** `(theta_after - theta_before) / eta`, kernel-shaped (0 off the support). */
export function stepDirection(before: Policy, after: Policy, eta: number): Dec[][][] {
  return before.logits.map((k, l) => k.map((row, u) => row.map((x, v) => (x === null ? ZERO : after.logits[l][u][v]!.minus(x).div(eta)))));
}
