/**
 * SPEC's blanket `Theta(1/t)` is false: the counterexample kept in
 * fixtures/counterexamples/squeezing-rate--twice-deviating.json, recomputed. On the tree
 * `s -> a (1/2) -> target`, `s -> b (1/2)`, `b -> b1 (3/4), b2 (1/4) -> target`, the CoT `0-1-2-0`
 * leaves `o* = 0-0-0-0` at `s` and then leaves `b`'s best path: `t pi_t` falls like `1/log t` and
 * `t log t pi_t -> 1/(eta 2 (rho(b1) - rho(b2))) = 2` (the subtree of `b` is trained at rate
 * `eta d(b) ~ 1/t`, on the clock `log t`). The CoT `0-1-1-0` that leaves `o*` once has `t pi_t`
 * bounded, tending to `1/(eta 2 (rho* - rho)) = 4` at the slow rate `1/log t`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { reinforce } from '../methods/reinforce.ts';
import { trainContext } from '../methods/update-rule.ts';
import { FIXTURES_DIR } from '../paper/reference.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import { cotProbabilities, policiesAt } from '../_internals/trajectory.ts';

const TIMES = [100, 400, 1600, 6400];

test('a CoT that deviates twice decays like 1/(t log t), not 1/t (squeezing-rate--twice-deviating)', () => {
  const json = JSON.parse(readFileSync(join(FIXTURES_DIR, 'counterexamples', 'squeezing-rate--twice-deviating.json'), 'utf8'));
  const ctx = trainContext(tmcFromSpec(json.tmc), 0);
  const [, once, twice] = ctx.tc.cots.map((c) => c.path.join('-'));
  expect([once, twice]).toEqual(['0-1-1-0', '0-1-2-0']);
  const pi = policiesAt(reinforce({ eta: 1 }), ctx, TIMES).map((p) => cotProbabilities(p, ctx.tc.cots).map((x) => x.toNumber()));
  const tPi = (k: number) => TIMES.map((t, i) => t * pi[i][k]);
  const tLogTPi = TIMES.map((t, i) => t * Math.log(t) * pi[i][2]);
  expect(json.quantities).toBe(`t pi_t(0-1-2-0) at t = ${TIMES.join(', ')}: ${tPi(2).map((x) => x.toFixed(4)).join(', ')}`);
  // t pi_t keeps falling (Theta(1/t) fails) ...
  tPi(2).forEach((x, i) => i > 0 && expect(x).toBeLessThan(tPi(2)[i - 1] * 0.9));
  // ... while t log t pi_t stays near its limit 2.
  for (const x of tLogTPi) expect(Math.abs(x - 2)).toBeLessThan(0.15);
  // The CoT that leaves o* once stays at Theta(1/t), below its limit 4.
  for (const x of tPi(1)) expect(x > 3 && x < 4).toBe(true);
});
