/**
 * # Theorems as data
 *
 * Every claim is one `Theorem`: an id, its statement in math, named hypotheses (each an exact
 * predicate on a generated case), the arbitrary it draws cases from, and the property. A `Law` is a
 * claim stated for any method of a kind (`(rule) => Theorem`), so the same law runs against every
 * built-in method, the sentinel mutants and a user's own rule (`tmc check --method FILE`).
 *
 * ## Contract of `arbitrary(without)` (hypothesis necessity, `tmc necessity`)
 * `arbitrary()` draws cases meeting every hypothesis. `arbitrary(h)` draws cases meeting every
 * hypothesis except `h`, and should break `h` in a good share of them (e.g. by dropping the generator
 * option that imposes `h`): the runner skips drawn cases where `h` still holds or another hypothesis
 * fails, and reports how many cases really went without `h` (`RunResult.withoutShare`), so a search
 * that never broke `h` says so instead of claiming "no counterexample".
 *
 * ## Cases as JSON (witness and regression files)
 * A case is saved as `{tmc: <TmcSpec>, ...other fields}` (src/theorems/case-codec.ts): a `Tmc` becomes
 * its spec, decimals and numbers become decimal strings, arrays and plain objects recurse. Decoding
 * restores each field's type from a case drawn from `arbitrary()`. Cases with fields that this cannot
 * type (functions, unions, policies) give the theorem `encode`/`decode` hooks.
 */
import type fc from 'fast-check';
import type { Tmc, TmcSpec } from '../tmc.ts';

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
  /**
   * Set when the statement cannot be made without the hypothesis (it names the object the claim
   * speaks of, e.g. the easy CoT a policy is squeezed onto): the reason. `tmc necessity` does not
   * search such a hypothesis and reports the reason instead.
   */
  readonly premise?: string;
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
  /**
   * Cases run first, every time, in the run of the theorem itself (besides those saved in
   * fixtures/regressions/, which the runner adds; witnesses feed only the run without their hypothesis).
   */
  readonly examples?: () => readonly C[];
  /** The case as JSON, when the default codec cannot write it (see "Cases as JSON"). */
  readonly encode?: (c: C) => EncodedCase;
  /** The inverse of `encode`; throw an `Error` saying which field is wrong. */
  readonly decode?: (json: EncodedCase) => C;
}

/** A JSON value, as stored in witness and regression files. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A case as JSON: the TMC's spec plus the other fields. */
export interface EncodedCase {
  readonly tmc: TmcSpec;
  readonly [field: string]: JsonValue | TmcSpec;
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
