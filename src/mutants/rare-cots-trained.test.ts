/**
 * Each clause of `rare-cots-trained` (properties/rare-cots.prop.ts) has a sentinel that fails it,
 * shrunk to the easy-spine bandit.
 */
import { expect, test } from 'vitest';
import { rareCotsTrained } from '../../properties/rare-cots.prop.ts';
import { passAtK } from '../exact/metrics.ts';
import { reinforce } from '../methods/reinforce.ts';
import { runTheorem } from '../theorems/run.ts';
import type { Tmc } from '../tmc.ts';
import { reinforceDoubledStep } from './squeezing-rates.ts';
import { signFlipped } from './update-rules.ts';

const hardOnly = rareCotsTrained((policy, tc, K) => passAtK(policy, tc, K, { hardOnly: true }));

test.each([
  { name: 'REINFORCE sign-flipped (clause 1: hard CoTs below base)', law: hardOnly, rule: signFlipped(reinforce({ eta: 4 })), error: /^1: / },
  {
    name: 'hard pass@K with 2K draws (clause 2, upper side)',
    law: rareCotsTrained((policy, tc, K) => passAtK(policy, tc, 2 * K, { hardOnly: true })),
    rule: reinforce({ eta: 4 }),
    error: /^2: hard pass@1\(.*outside/,
  },
  {
    name: 'hard pass@K with ceil(K/2) draws (clause 2, lower side)',
    law: rareCotsTrained((policy, tc, K) => passAtK(policy, tc, Math.ceil(K / 2), { hardOnly: true })),
    rule: reinforce({ eta: 4 }),
    error: /^2: hard pass@16\(.*outside/,
  },
  { name: 'REINFORCE with a doubled step (clause 3: the constant)', law: hardOnly, rule: reinforceDoubledStep({ eta: 4 }), error: /^3: / },
])('$name fails rare-cots-trained', ({ law, rule, error }) => {
  const r = runTheorem(law.make(rule), { seed: 1 });
  expect(r.status).toBe('failed');
  expect(r.error).toMatch(error);
  const tmc = (r.counterexample as { tmc: Tmc }).tmc;
  expect(tmc.spec.kernels, String(tmc)).toEqual([[['2/3', '1/3']], [['1'], ['1']]]);
});
