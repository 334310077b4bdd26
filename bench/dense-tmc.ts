/**
 * Dense TMCs for the benchmark: every edge has positive probability (integer weights 1..9 drawn
 * from a seeded generator, exact fractions `w/S`), one task from state 0 to state 0, so a TMC of
 * `L` layers and width `w` has `w^(L-1)` CoTs from the start and `(L-1) w^2` edges.
 */
import { makeRng } from '../src/sampling.ts';
import { tmcFromSpec } from '../src/tmc-file.ts';
import type { Tmc } from '../src/tmc.ts';

export function denseTmc(layers: number, width: number, seed = 1): Tmc {
  const rng = makeRng(`bench/${layers}/${width}/${seed}`);
  const kernels = Array.from({ length: layers - 1 }, () =>
    Array.from({ length: width }, () => {
      const w = Array.from({ length: width }, () => 1 + Math.floor(rng() * 9));
      const total = w.reduce((a, b) => a + b, 0);
      return w.map((x) => `${x}/${total}`);
    }),
  );
  return tmcFromSpec({ kernels, tasks: [{ name: 'task1', start: 0, target: 0 }] });
}

/**
 * `layers` layers of width 2 with `branching` dense 2x2 kernels (seeded weights) spread evenly, the
 * others the identity, and a last kernel into state 0: `2^branching` valid CoTs from state 0 to 0.
 */
export function branchingTmc(layers: number, branching: number, seed = 1): Tmc {
  const rng = makeRng(`bench/branching/${layers}/${branching}/${seed}`);
  const kernels = Array.from({ length: layers - 1 }, (_, l) => {
    if (l === layers - 2) return [['1', '0'], ['1', '0']];
    if (l % Math.floor((layers - 2) / branching) !== 0 || l / Math.floor((layers - 2) / branching) >= branching) return [['1', '0'], ['0', '1']];
    return Array.from({ length: 2 }, () => {
      const a = 1 + Math.floor(rng() * 9);
      const b = 1 + Math.floor(rng() * 9);
      return [`${a}/${a + b}`, `${b}/${a + b}`];
    });
  });
  return tmcFromSpec({ kernels, tasks: [{ name: 'task1', start: 0, target: 0 }] });
}
