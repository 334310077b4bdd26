/**
 * `tmc necessity` can only test a hypothesis whose search draws cases without it: for every registered
 * theorem and every hypothesis that is not a premise, `arbitrary(h)` must break `h` within 100 draws
 * (the search's own count), else the report says "not tested" and the command exits 1.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { loadProperties } from './registry.ts';

const DRAWS = 100;

test('every searched hypothesis has cases without it', async () => {
  const unbroken: string[] = [];
  for (const theorem of await loadProperties()) {
    for (const h of theorem.hypotheses) {
      if (h.premise !== undefined) continue;
      const cases = fc.sample(theorem.arbitrary(h.id), { numRuns: DRAWS, seed: 1 });
      if (cases.every((c) => h.holds(c))) unbroken.push(`${theorem.id} ${h.id}`);
    }
  }
  expect(unbroken).toEqual([]);
}, 60_000);
