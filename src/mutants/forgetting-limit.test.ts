/**
 * `forgetting-limit` (properties/forgetting.prop.ts): each clause's sentinel caught and shrunk, and
 * H-two-way's witness of the every-step law meeting the eventual form, and H-on-survivor under a tie.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { forgetting, forgettingLimit, sharedOnSurvivor } from '../../properties/forgetting.prop.ts';
import { sharedValidStates } from '../arbitraries/forked-tasks.ts';
import { reinforce } from '../methods/reinforce.ts';
import { FIXTURES_DIR } from '../paper/reference.ts';
import { runTheorem } from '../theorems/run.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import type { Tmc } from '../tmc.ts';
import { dampedReinforce, naturalGradientReinforce } from './squeezing-rates.ts';
import { signFlipped } from './update-rules.ts';

test.each([
  { name: 'sign-flipped REINFORCE (clause 1: eventual fall)', rule: signFlipped(reinforce({ eta: 4 })), error: /^1: / },
  { name: 'natural-gradient REINFORCE (clause 2: not faster than 1/t)', rule: naturalGradientReinforce({ eta: 4 }), error: /^2: .*2T g_2T \/ \(T g_T\) = [\d.]+e-\d+, not within/ },
  { name: 'damped REINFORCE (clause 2: not slower than 1/t)', rule: dampedReinforce({ eta: 4 }), error: /^2: .*2T g_2T \/ \(T g_T\) = 1\.4/ },
])('$name fails forgetting-limit', ({ rule, error }) => {
  const r = runTheorem(forgettingLimit.make(rule), { seed: 1 });
  expect(r.status).toBe('failed');
  expect(r.error).toMatch(error);
  // The 2-layer fork with a third edge, task 1's edge raised to 9/10.
  expect((r.counterexample as { tmc: Tmc }).tmc.spec.kernels).toEqual([[['9/10', '1/20', '1/20'], ['0', '1', '0']]]);
});

test("H-two-way's witness breaks 'falls at every step' only at step 1 and meets the eventual form", () => {
  const json = JSON.parse(readFileSync(join(FIXTURES_DIR, 'witnesses', 'forgetting.reinforce--H-two-way.json'), 'utf8'));
  const tmc = tmcFromSpec(json.tmc);
  expect(() => forgetting.make(reinforce()).property({ tmc })).toThrow(/does not fall at step 1:/);
  expect(forgettingLimit.make(reinforce()).property({ tmc })).not.toBe(false);
});

test('H-on-survivor under a tie at the top: no survivor is named, whichever CoT is listed first', () => {
  const half = ['1/2', '1/2'];
  const tasks = [{ name: 'task1', start: 0, target: 0 }, { name: 'task2', start: 1, target: 1 }];
  // Task 1's 0-0-0 and 0-1-0 tie (1/4 each); task 2 (1 -> 1) passes layer-1 state 0, resp. 1 in the mirror.
  const tied = tmcFromSpec({ kernels: [[half, ['1', '0']], [half, half]], tasks });
  const mirror = tmcFromSpec({ kernels: [[half, ['0', '1']], [half, half]], tasks });
  expect([tied, mirror].map((t) => sharedValidStates(t))).toEqual([[[1, 0]], [[1, 1]]]);
  // A first-listed leader (0-0-0) would pass the shared state in one and miss it in its mirror image.
  expect([tied, mirror].map((t) => sharedOnSurvivor(t))).toEqual([false, false]);
});
