/**
 * Cases of a TMC and a policy on it, for the claims about one exact step at any policy (the zoo's
 * identities). The policy's logits are small integers over 2 on the support, drawn with the TMC, so a
 * case shrinks to a small TMC and a near-uniform policy.
 */
import fc from 'fast-check';
import { D } from '../numeric.ts';
import { policyFromLogits, type Policy } from '../policy.ts';
import type { Tmc } from '../tmc.ts';

export interface PolicyCase {
  readonly tmc: Tmc;
  /** `theta_l[u][v] = offsets[l][u][v] / 2` on the support. */
  readonly offsets: number[][][];
}

/** A TMC from `tmcs` with integer logit offsets in `[-4, 4]` for each of its kernel entries. */
export function policyCaseArbitrary(tmcs: fc.Arbitrary<Tmc>): fc.Arbitrary<PolicyCase> {
  return tmcs.chain((tmc) =>
    fc
      .tuple(...tmc.kernels.map((k) => fc.tuple(...k.map((row) => fc.array(fc.integer({ min: -4, max: 4 }), { minLength: row.length, maxLength: row.length })))))
      .map((offsets) => ({ tmc, offsets: offsets as number[][][] })),
  );
}

/** The case's policy. */
export function casePolicy(c: PolicyCase): Policy {
  return policyFromLogits(
    c.tmc,
    c.tmc.kernels.map((k, l) => k.map((row, u) => row.map((p, v) => (p.gt(0) ? new D(c.offsets[l][u][v]).div(2) : null)))),
  );
}
