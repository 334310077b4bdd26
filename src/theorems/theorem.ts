/**
 * # Theorems as data
 *
 * Every claim is one `Theorem`: an id, its statement in math, named hypotheses (each an exact
 * predicate on a generated case), the arbitrary it draws cases from, and the property. A `Law` is a
 * claim stated for any method of a kind (`(rule) => Theorem`), so the same law runs against every
 * built-in method, the sentinel mutants and a user's own rule (`tmc check --method FILE`).
 */
import type fc from 'fast-check';
import type { Tmc } from '../tmc.ts';

/** A generated case: a TMC plus whatever else the claim draws (task, steps, beta, …). */
export interface Case {
  readonly tmc: Tmc;
}

export interface Hypothesis<C extends Case = Case> {
  /** Short name used in reports and witness files: `H-tree`, `H-unique-max`, … */
  readonly id: string;
  readonly description: string;
  /** Exact predicate: does the case satisfy the hypothesis? */
  readonly holds: (c: C) => boolean;
}

export interface Theorem<C extends Case = Case> {
  /** Unique id, `claim` or `claim/method` (`squeezing/reinforce`). */
  readonly id: string;
  /** The SPEC §6 claim this checks (`squeezing`, `kl-preservation`, …). */
  readonly claim: string;
  /** The statement in math, hypotheses named. */
  readonly statement: string;
  readonly hypotheses: readonly Hypothesis<C>[];
  /**
   * Cases meeting every hypothesis; with `without`, cases meeting every hypothesis but that one
   * (used by `tmc necessity`, which then keeps only cases where the dropped one fails).
   */
  readonly arbitrary: (without?: string) => fc.Arbitrary<C>;
  /** Returns false or throws when the claim fails on the case; the error says which quantity. */
  readonly property: (c: C) => boolean | void;
  /** Runs in the default profile (multiplied by `TMC_RUNS`). */
  readonly numRuns: number;
  /** Labels of the interesting classes a case falls in (`hard valid CoT`, `shared state`, `tie`). */
  readonly classify?: (c: C) => readonly string[];
  /** Least share of runs each label must reach, else the run checked too little and fails. */
  readonly minShares?: Readonly<Record<string, number>>;
  /** Regression cases run first, every time (fixtures/witnesses, fixed bugs). */
  readonly examples?: () => readonly C[];
}

export type MethodKind = 'update-rule' | 'selector';

/** A claim stated for every method of a kind. */
export interface Law<M> {
  readonly claim: string;
  readonly kind: MethodKind;
  /** Does the law apply to this method (e.g. squeezing applies to rules without KL)? */
  readonly appliesTo: (method: M) => boolean;
  readonly make: (method: M) => Theorem<any>;
}
