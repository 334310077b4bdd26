/**
 * # Fork trees: a branch that risks a dead end against a branch that spreads (PRM-BoN's blind spot)
 *
 * PRM-BoN scores a child `c` by `E_p[rho | c] = (p(c) / p(V)) sum_o p(o | c)^2` (the valid completions'
 * collision mass), DPRM-BoN for large `lambda` by its best completion `p(c) max_o p(o | c) / p(V)`: they
 * disagree when one branch holds a likely CoT behind a dead end and the other spreads its mass over
 * several CoTs. Random trees rarely do this (10 in 300 at seed 2 have PRM-BoN miss `argmax rho`, 141 in 300 of these),
 * so `forkTreeArbitrary` draws it on purpose, from bounded integers by `map` only:
 * `s -> a` (weight `wa`), `s -> b` (`wb`); `a -> a1 -> T` with weight `k` against a dead end `10 - k`;
 * `b -> b_1..b_m` (`m = 2..4`) with nearly equal, strictly increasing weights `c_i = 8 + i + (0 or 1 more than c_(i-1)'s step)`, each `b_i -> T`. The leader is
 * `s-a-a1-T` or `s-b-b_m-T`; the rare ties between them are filtered out (H-unique-max).
 */
import fc from 'fast-check';
import { taskCots } from '../exact/correctness.ts';
import { hasUniqueMaxRho } from '../hypotheses.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import type { Tmc } from '../tmc.ts';
import { rowFromWeights } from './_internals/weight-rows.ts';

/** The fork tree for root weights `wa, wb`, dead-end split `k/100` and branch weights `c` (increasing). */
export function forkTree(wa: number, wb: number, k: number, c: readonly number[]): Tmc {
  const m = c.length;
  const row = (at: number, width: number, w: number[]) => rowFromWeights(Array.from({ length: width }, (_, v) => w[v - at] ?? 0));
  return tmcFromSpec({
    kernels: [
      [rowFromWeights([wa, wb])],
      [row(0, 1 + m, [1]), row(1, 1 + m, [...c])],
      [rowFromWeights([k, 100 - k]), ...c.map(() => ['1', '0'])],
    ],
    tasks: [{ name: 'task1', start: 0, target: 0 }],
  });
}

/**
 * `k` (`q = k/100`) from a draw `t` in 0..19: for `t < 10`, the `t`-th tenth of the window where
 * `s-a-a1-T` leads yet PRM-BoN goes to `b`, `q in (A, B)`, `A = (wb/wa) c_m/C`, `B = sqrt((wb/wa) sum (c_i/C)^2)`
 * (`C = sum c_i`); else `k = 10 (t mod 10) + 5`, spread over (0, 1).
 */
function splitOf(wa: number, wb: number, c: readonly number[], t: number): number {
  const C = c.reduce((x, y) => x + y, 0);
  const lo = (wb / wa) * (c[c.length - 1] / C);
  const hi = Math.min(1, Math.sqrt((wb / wa) * c.reduce((x, y) => x + (y / C) ** 2, 0)));
  const k = t < 10 && lo < hi ? Math.round(100 * (lo + ((t + 0.5) / 10) * (hi - lo))) : 10 * (t % 10) + 5;
  return Math.min(100, Math.max(1, k));
}

/** Fork trees with a unique leader. */
export function forkTreeArbitrary(): fc.Arbitrary<Tmc> {
  return fc
    .record({
      wa: fc.integer({ min: 1, max: 6 }),
      wb: fc.integer({ min: 1, max: 6 }),
      t: fc.integer({ min: 0, max: 19 }),
      steps: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 2, maxLength: 4 }),
    })
    .map(({ wa, wb, t, steps }) => {
      const c = steps.map((_, i) => 4 + i + steps.slice(0, i + 1).reduce((a, b) => a + b, 0));
      return forkTree(wa, wb, splitOf(wa, wb, c, t), c);
    })
    .filter((tmc) => hasUniqueMaxRho(taskCots(tmc, 0)));
}
