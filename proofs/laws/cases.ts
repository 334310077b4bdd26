/**
 * Cases shared by the proof laws: random TMCs with one task or two sharing states, and policies on
 * them (the base policy, or random logits on the support), plus the check that throws the first
 * entry where two nested arrays of decimals differ.
 */
import fc from 'fast-check';
import { sizeProfile } from '../../src/arbitraries/profile.ts';
import { tmcArbitrary } from '../../src/arbitraries/tmc.ts';
import { D, nearlyEqual, type Dec } from '../../src/numeric.ts';
import { basePolicy, policyFromLogits, type Policy } from '../../src/policy.ts';
import type { Tmc } from '../../src/tmc.ts';

/** TMCs with one task, or two tasks sharing states; shrinks toward the one-task branch. */
export function tmcs(): fc.Arbitrary<Tmc> {
  return fc.oneof({ withCrossShrink: true }, tmcArbitrary(), tmcArbitrary({ tasks: 2, shared: true }));
}

/** A TMC and a policy on it: `logits` in quarter units on the support (`null` off it), or the base policy. */
export interface PolicyCase {
  readonly tmc: Tmc;
  /** `null`: the base policy `pi = P`. */
  readonly logits: (number | null)[][][] | null;
}

/** Largest logit magnitude, in quarter units (logits range over [-2, 2]). */
const LOGIT_QUARTERS = 8;

/**
 * Random policy cases. Logits are integers (quarter units) shrinking toward 0, i.e. toward the
 * uniform policy on the support; `fc.option` shrinks further toward the base policy.
 */
export function policyCases(tmc: fc.Arbitrary<Tmc> = tmcs()): fc.Arbitrary<PolicyCase> {
  const { maxLayers, maxWidth } = sizeProfile();
  const W = Math.max(maxWidth, 2); // generator widths reach 2 even when maxWidth is 1
  const n = (maxLayers - 1) * W * W;
  const raw = fc.array(fc.integer({ min: -LOGIT_QUARTERS, max: LOGIT_QUARTERS }), { minLength: n, maxLength: n });
  return fc.tuple(tmc, fc.option(raw, { nil: null })).map(([t, r]) => ({
    tmc: t,
    logits:
      r === null
        ? null
        : t.kernels.map((k, l) => k.map((row, u) => row.map((p, v) => (p.gt(0) ? r[(l * W + u) * W + v] : null)))),
  }));
}

/** The policy of a case, built at the current working precision. */
export function casePolicy(c: PolicyCase): Policy {
  if (c.logits === null) return basePolicy(c.tmc);
  const logits = c.logits.map((k) => k.map((row) => row.map((x) => (x === null ? null : new D(x).div(4)))));
  return policyFromLogits(c.tmc, logits);
}

export type Nested = Dec | readonly Nested[];

/**
 * Throw, naming `what` and the index, at the first entry where `a` and `b` are not `close`
 * (default: equal up to the working precision, `nearlyEqual`).
 */
export function expectAllClose(
  what: string,
  a: Nested,
  b: Nested,
  close: (x: Dec, y: Dec) => boolean = nearlyEqual,
  at: readonly number[] = [],
): void {
  if (Array.isArray(a) || Array.isArray(b)) {
    const xs = a as readonly Nested[];
    const ys = b as readonly Nested[];
    if (!Array.isArray(a) || !Array.isArray(b) || xs.length !== ys.length) {
      throw new Error(`${what}${at.map((i) => `[${i}]`).join('')}: shapes differ`);
    }
    xs.forEach((x, i) => expectAllClose(what, x, ys[i], close, [...at, i]));
    return;
  }
  if (!close(a as Dec, b as Dec)) {
    throw new Error(`${what}${at.map((i) => `[${i}]`).join('')}: ${a.toString()} vs ${b.toString()}`);
  }
}
