/**
 * # Diamond TMCs: every middle state shared by two prefixes (the long-horizon shared-state family)
 *
 * Four layers of widths 1,2,2,2: `s -> a, b`; both `a` and `b` reach both `c` and `d` (so `c` and
 * `d` have two prefixes each); `c` and `d` each reach the target (state 0) and a wrong answer
 * (state 1). Edge weights are integers 1-4 (every edge on the support), so task 1 has the four
 * valid CoTs `s-x-y-0`; the first most consistent one is raised to a `rho` gap of 1/10
 * (src/arbitraries/rho-gap.ts). Shrinks toward the uniform diamond, raised.
 */
import fc from 'fast-check';
import { tmcFromSpec } from '../tmc-file.ts';
import type { Tmc } from '../tmc.ts';
import { rowFromWeights } from './_internals/weight-rows.ts';
import { withRhoGap } from './rho-gap.ts';

/** Random diamond TMCs with a unique most consistent CoT, `rho` gap 1/10. */
export function diamondArbitrary(): fc.Arbitrary<Tmc> {
  const row = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })).map((w) => rowFromWeights(w));
  return fc.tuple(row, row, row, row, row).map(([s, a, b, c, d]) =>
    withRhoGap(tmcFromSpec({ kernels: [[s], [a, b], [c, d]], tasks: [{ name: 'task1', start: 0, target: 0 }] }), 1 / 10),
  );
}
