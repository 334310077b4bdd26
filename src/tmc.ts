/**
 * # Tree-structured Markov chain (SPEC §1)
 *
 * Layers `l = 0..L-1` (0-based here; SPEC counts from 1), layer `l` has states `0..M_l-1`.
 * `kernels[l][u][v] = P_l(v|u)`, from state `u` of layer `l` to state `v` of layer `l+1`; every row
 * is a distribution. Support edges (`P > 0`) are marked easy or hard. Tasks: start state in layer 0,
 * target state in layer `L-1`.
 *
 * A `Tmc` is built only by `tmcFromSpec` (src/tmc-file.ts), which validates it; it keeps the exact
 * textual form it was read from (`spec`) so witnesses are saved without rounding.
 */
import type { Dec } from './numeric.ts';

/** A task: reach `target` (last layer) from `start` (first layer). */
export interface Task {
  readonly name: string;
  readonly start: number;
  readonly target: number;
}

/** The file form of a TMC: entries are numbers or exact strings (`"1/11"`). */
export interface TmcSpec {
  readonly kernels: readonly (readonly (readonly (number | string)[])[])[];
  readonly easy?: readonly (readonly (readonly boolean[])[])[];
  readonly tasks: readonly Task[];
}

export interface Tmc {
  /** Number of layers `L >= 2`. */
  readonly layers: number;
  /** `widths[l] = M_l`, the number of states of layer `l`. */
  readonly widths: readonly number[];
  /** `kernels[l][u][v] = P_l(v|u)`. */
  readonly kernels: readonly (readonly (readonly Dec[])[])[];
  /** `easy[l][u][v]`: the edge is easy; meaningful on support edges only (false elsewhere). */
  readonly easy: readonly (readonly (readonly boolean[])[])[];
  readonly tasks: readonly Task[];
  /** The exact form the TMC was read from; `easy` is always filled in. */
  readonly spec: TmcSpec;
}

/** A CoT: one state per layer. */
export type Path = readonly number[];

/** Index of a task given by name or by 0-based index (as text or number); -1 when absent. */
export function taskIndex(tmc: Tmc, nameOrIndex: string | number): number {
  const byName = tmc.tasks.findIndex((t) => t.name === nameOrIndex);
  if (byName >= 0) return byName;
  const i = typeof nameOrIndex === 'number' ? nameOrIndex : /^\d+$/.test(nameOrIndex) ? Number(nameOrIndex) : -1;
  return i >= 0 && i < tmc.tasks.length ? i : -1;
}

/** True when the edge `u -> v` from layer `l` has positive probability. */
export function isSupport(tmc: Tmc, l: number, u: number, v: number): boolean {
  return tmc.kernels[l][u][v].gt(0);
}
