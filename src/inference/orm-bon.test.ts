import { describe, expect, test } from 'vitest';
import { makeRng } from '../sampling.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import { ormBon, ormBonTopK } from './orm-bon.ts';
import { sampleDraw } from './_internals/draws.ts';

/** Two valid CoTs 000 and 010 with p = 1/2 each, so rho = 1/2 each: every score ties. */
const tied = tmcFromSpec({ kernels: [[['1/2', '1/2']], [['1'], ['1']]], tasks: [{ name: 't', start: 0, target: 0 }] });

describe('ORM-BoN samplers return the first drawn among equal scores', () => {
  const seeds = Array.from({ length: 12 }, (_, i) => i);
  /** The first of the `n` draws the sampler makes from `seed`. */
  const firstDraw = (seed: number) => sampleDraw(tied, 0, 'task', makeRng(seed));

  test('orm-bon (N = 3)', () => {
    const got = seeds.map((s) => ormBon({ n: 3 }).sample(tied, 0, makeRng(s)));
    expect(got).toEqual(seeds.map(firstDraw));
    expect(new Set(got.map((p) => p.join())).size).toBe(2);
  });

  test('orm-bon-top-k with K = 1 (N = 3)', () => {
    expect(seeds.map((s) => ormBonTopK({ n: 3, keep: 1 }).sample(tied, 0, makeRng(s)))).toEqual(seeds.map(firstDraw));
  });
});
