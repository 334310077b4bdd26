/**
 * # Dense random TMCs for fast-check
 *
 * Every internal layer has at least two states and nearly every edge is present, so a task has many
 * valid CoTs and most states are reached by several prefixes (shared states): the regime where
 * selectors differ, ties occur and prefix-dependent rewards matter. `tmcArbitrary` (./tmc.ts) leans
 * to sparse TMCs with one or two valid CoTs; use both.
 *
 * Built from bounded integers by `map` only: weights `1..maxWeight`, an edge dropped when its hole
 * integer is at the top of its range (about one edge in `holeEvery`), at least one edge per row kept.
 * Shrinking goes to the fewest layers, two states a layer, every edge present, all weights 1 (the
 * uniform kernel, where every CoT ties). Each task's target is a state its start reaches, so the TMC
 * is always valid.
 */
import fc from 'fast-check';
import { tmcFromSpec } from '../tmc-file.ts';
import type { Tmc } from '../tmc.ts';
import { rowFromWeights } from './_internals/weight-rows.ts';

export interface DenseTmcOptions {
  readonly minLayers?: number;
  readonly maxLayers?: number;
  /** Widest layer (at least 2). */
  readonly maxWidth?: number;
  /** Largest integer weight of an edge (default 4). */
  readonly maxWeight?: number;
  /** About one edge in `holeEvery` is dropped (default 5). */
  readonly holeEvery?: number;
  readonly tasks?: 1 | 2;
}

/** Dense random TMCs (see the module comment). */
export function denseTmcArbitrary(options: DenseTmcOptions = {}): fc.Arbitrary<Tmc> {
  const minLayers = options.minLayers ?? 2;
  const maxLayers = options.maxLayers ?? 4;
  const maxWidth = Math.max(2, options.maxWidth ?? 3);
  const maxWeight = options.maxWeight ?? 4;
  const holeEvery = options.holeEvery ?? 5;
  const tasks = options.tasks ?? 1;
  const ints = (n: number, max: number) => fc.array(fc.integer({ min: 0, max }), { minLength: n, maxLength: n });
  const cube = (max: number) =>
    fc.array(fc.array(ints(maxWidth, max), { minLength: maxWidth, maxLength: maxWidth }), { minLength: maxLayers - 1, maxLength: maxLayers - 1 });
  return fc
    .record({
      layers: fc.integer({ min: minLayers, max: maxLayers }),
      widths: ints(maxLayers, maxWidth - 2),
      weights: cube(maxWeight - 1),
      holes: cube(holeEvery - 1),
      starts: ints(tasks, maxWidth - 1),
      targets: ints(tasks, maxWidth - 1),
    })
    .map((r) => {
      const widths = r.widths.slice(0, r.layers).map((w) => 2 + w);
      const kernels = widths.slice(0, -1).map((w, l) =>
        Array.from({ length: w }, (_, u) => {
          const row = Array.from({ length: widths[l + 1] }, (_, v) => (r.holes[l][u][v] === holeEvery - 1 ? 0 : 1 + r.weights[l][u][v]));
          if (!row.some((x) => x > 0)) row[0] = 1;
          return rowFromWeights(row);
        }),
      );
      const taskList = r.starts.map((s, k) => {
        const start = s % widths[0];
        let reach = new Set([start]);
        kernels.forEach((kernel) => {
          const next = new Set<number>();
          for (const u of reach) kernel[u].forEach((p, v) => p !== '0' && next.add(v));
          reach = next;
        });
        const ends = [...reach].sort((a, b) => a - b);
        return { name: `task${k + 1}`, start, target: ends[r.targets[k] % ends.length] };
      });
      return tmcFromSpec({ kernels, tasks: taskList });
    });
}
