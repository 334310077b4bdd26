/** Each clause of `squeezing-shared` (properties/squeezing-shared.prop.ts) fails on its sentinel, shrunk to a diamond. */
import { expect, test } from 'vitest';
import { squeezingShared } from '../../properties/squeezing-shared.prop.ts';
import { runTheorem } from '../theorems/run.ts';
import type { Tmc } from '../tmc.ts';
import { dampedReinforce, naturalGradientReinforce, reinforceOnRarest } from './squeezing-rates.ts';

/** The smallest diamond after the rho gap is imposed: uniform rows but the leader's edges raised to 3/4. */
const DIAMOND = [[['1/2', '1/2']], [['3/4', '1/4'], ['1/2', '1/2']], [['3/4', '1/4'], ['1/2', '1/2']]];

test.each([
  { name: 'REINFORCE on 1 - rho (clause 1: the survivor)', rule: reinforceOnRarest({ eta: 4 }), error: /^1: / },
  { name: 'natural-gradient REINFORCE (clause 2: not faster than 1/t)', rule: naturalGradientReinforce({ eta: 4 }), error: /^2: .*m_2T \/ m_T = [\d.]+e-\d+,/ },
  { name: 'damped REINFORCE (clause 2: not slower than 1/t)', rule: dampedReinforce({ eta: 4 }), error: /^2: .*m_2T \/ m_T = 0\.6\d+,/ },
])('$name fails squeezing-shared', ({ rule, error }) => {
  const r = runTheorem(squeezingShared.make(rule), { seed: 1 });
  expect(r.status).toBe('failed');
  expect(r.error).toMatch(error);
  expect((r.counterexample as { tmc: Tmc }).tmc.spec.kernels).toEqual(DIAMOND);
});
