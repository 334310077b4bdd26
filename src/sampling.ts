/**
 * Seeded sampling, so every sampled run replays bit for bit: one seedrandom generator per run,
 * floats used only to draw (never to compute a reported exact value).
 */
import seedrandom from 'seedrandom';
import type { Probs } from './policy.ts';
import type { TaskCots } from './exact/correctness.ts';

export type Rng = () => number;

/** A generator seeded by `seed` (ARC4, seedrandom's default). */
export function makeRng(seed: number | string): Rng {
  return seedrandom(String(seed));
}

/** Draw an index from weights that sum to (about) 1. */
export function drawIndex(weights: readonly number[], rng: Rng): number {
  let u = rng();
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0 && weights[i] > 0) return i;
  }
  // Float round-off left u >= 0: return the last index with positive weight.
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
  throw new Error('drawIndex: no positive weight');
}

const rowFloats = new WeakMap<readonly unknown[], number[]>();
const rhoFloats = new WeakMap<TaskCots, number[]>();

/** A decimal row as floats, converted once per row: samplers draw from the same policy many times. */
function floats(row: Probs[number][number]): number[] {
  let out = rowFloats.get(row);
  if (out === undefined) rowFloats.set(row, (out = row.map((p) => p.toNumber())));
  return out;
}

/** Sample a CoT from `start` under `probs` (a kernel or a policy; its rows are read once, as the readonly type says). */
export function sampleCot(probs: Probs, start: number, rng: Rng): number[] {
  const path = [start];
  for (let l = 0; l < probs.length; l++) {
    path.push(drawIndex(floats(probs[l][path[l]]), rng));
  }
  return path;
}

/** Sample an instance: `correct[i]` with probability `rho` of the task's `i`-th valid CoT. */
export function sampleInstance(tc: TaskCots, rng: Rng): boolean[] {
  let rho = rhoFloats.get(tc);
  if (rho === undefined) rhoFloats.set(tc, (rho = tc.cots.map((c) => c.rho.toNumber())));
  return rho.map((r) => rng() < r);
}

/** Index of `path` among the task's valid CoTs, or -1 when it is not valid. */
export function cotIndex(tc: TaskCots, path: readonly number[]): number {
  return tc.cots.findIndex((c) => c.path.length === path.length && c.path.every((s, i) => s === path[i]));
}
