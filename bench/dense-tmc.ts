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
