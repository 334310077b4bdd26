/**
 * The pass@K crossing (properties/pass-at-k-crossing.prop.ts): each clause's sentinel caught and
 * shrunk, `K*(t)` on the paper's TMC tending to `K*_inf`, and the early double crossing kept in
 * fixtures/counterexamples/pass-at-k-crossing--single-crossing.json, recomputed; the conjecture that
 * RL-rej keeps pass@K at or above the base's for every K, refuted twice (--rl-rej-small-k, --rl-rej-large-k).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { crossing, passAtKCrossing } from '../../properties/pass-at-k-crossing.prop.ts';
import { passAtK } from '../exact/metrics.ts';
import { reinforce } from '../methods/reinforce.ts';
import { rlRej } from '../methods/rl-rej.ts';
import { trainContext } from '../methods/update-rule.ts';
import { show } from '../numeric.ts';
import { FIXTURES_DIR, paperTmc } from '../paper/reference.ts';
import { runTheorem } from '../theorems/run.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import type { Tmc } from '../tmc.ts';
import { cotProbabilities, policiesAt } from '../_internals/trajectory.ts';
import { frozenReinforce } from './squeezing-rates.ts';

const lawWith = passAtKCrossing((policy, tc, K) => passAtK(policy, tc, K));

test.each([
  { name: 'a frozen rule (clause 1: no squeeze below the base)', law: lawWith, rule: frozenReinforce({ eta: 4 }), error: /^1: min_o pi_t\(o\) stays at or above/ },
  {
    name: 'pass@K with K - 1 draws (clause 2: the crossing point)',
    law: passAtKCrossing((policy, tc, K) => passAtK(policy, tc, K - 1)),
    rule: reinforce({ eta: 4 }),
    error: /^2: /,
  },
])('$name fails pass-at-k-crossing, shrunk to the bandit', ({ law, rule, error }) => {
  // Without the paper's TMC, which runs first and fails too, so that the shrunk case is a generated one.
  const r = runTheorem({ ...law.make(rule), examples: undefined }, { seed: 1 });
  expect(r.status).toBe('failed');
  expect(r.error).toMatch(error);
  const tmc = (r.counterexample as { tmc: Tmc }).tmc;
  expect(tmc.spec.kernels, String(tmc)).toEqual([[['2/3', '1/3']], [['1'], ['1']]]);
});

test("K*(t) on the paper's TMC (REINFORCE, eta = 1) falls to K*_inf = min{K : pass@K(p) > rho*} = 6", () => {
  const ctx = trainContext(paperTmc(), 0);
  const times = [40, 100, 400, 1000];
  const kStar = policiesAt(reinforce({ eta: 1 }), ctx, times).map((pi) => crossing(pi, ctx.base, ctx.tc)!.Kstar);
  expect(kStar).toEqual([7, 7, 6, 6]);
  const rhoStar = ctx.tc.cots[0].rho;
  expect(passAtK(ctx.base, ctx.tc, 5).lte(rhoStar) && passAtK(ctx.base, ctx.tc, 6).gt(rhoStar)).toBe(true);
});

test("a single crossing is false early: at t = 10 on the paper's TMC the sign changes twice (pass-at-k-crossing--single-crossing)", () => {
  const json = JSON.parse(readFileSync(join(FIXTURES_DIR, 'counterexamples', 'pass-at-k-crossing--single-crossing.json'), 'utf8'));
  const ctx = trainContext(tmcFromSpec(json.tmc), 0);
  const [pi] = policiesAt(reinforce({ eta: 1 }), ctx, [10]);
  const changes: string[] = [];
  let last = 0;
  for (let K = 1; K <= 300; K++) {
    const sign = passAtK(pi, ctx.tc, K).minus(passAtK(ctx.base, ctx.tc, K)).s ?? 0;
    if (sign !== last) changes.push(`${sign > 0 ? '+' : '-'} from K = ${K}`);
    last = sign;
  }
  const m = (p: typeof pi) => show(cotProbabilities(p, ctx.tc.cots).reduce((a, x) => (x.lt(a) ? x : a)));
  expect(json.quantities).toBe(`sign of pass@K(pi_10) - pass@K(p), K <= 300: ${changes.join(', ')}; min_V pi_10 = ${m(pi)}, min_V p = ${m(ctx.base)}`);
  // The lemma's hypothesis fails (the rarest CoT is still above its base mass), so no K* exists at t = 10.
  expect(crossing(pi, ctx.base, ctx.tc)).toBeNull();
});

/** The counterexample file's TMC and its recorded numbers. */
function counterexample(name: string): { tmc: Tmc; quantities: string } {
  const json = JSON.parse(readFileSync(join(FIXTURES_DIR, 'counterexamples', `${name}.json`), 'utf8'));
  return { tmc: tmcFromSpec(json.tmc), quantities: json.quantities };
}

test('RL-rej can fall below the base at small K: pass@1 on the all-valid bandit (pass-at-k-crossing--rl-rej-small-k)', () => {
  const { tmc, quantities } = counterexample('pass-at-k-crossing--rl-rej-small-k');
  const ctx = trainContext(tmc, 0);
  const [pi] = policiesAt(rlRej({ eta: 1, n: 5 }), ctx, [1]);
  const d = [1, 6].map((K) => passAtK(pi, ctx.tc, K).minus(passAtK(ctx.base, ctx.tc, K)));
  expect(quantities).toBe(`pass@K(pi_1) - pass@K(p) at K = 1, 6: ${d.map((x) => show(x)).join(', ')}`);
  // RL-rej ascends pass@(n+1) = pass@6, which trades pass@1 for coverage of the rarer CoT.
  expect(d[0].lt(0) && d[1].gt(0)).toBe(true);
});

test("RL-rej can fall below the base at every large K: its rarest CoT dips under its base mass (pass-at-k-crossing--rl-rej-large-k)", () => {
  const { tmc, quantities } = counterexample('pass-at-k-crossing--rl-rej-large-k');
  const ctx = trainContext(tmc, 0);
  const times = [1, 20, 100];
  const policies = policiesAt(rlRej({ eta: 1, n: 5 }), ctx, times);
  const rare = policies.map((pi) => cotProbabilities(pi, ctx.tc.cots)[0]);
  const kStar = policies.map((pi) => crossing(pi, ctx.base, ctx.tc)?.Kstar ?? null);
  expect(quantities).toBe(`pi_t(0-0-2) (base 0.125) at t = ${times.join(', ')}: ${rare.map((x) => show(x)).join(', ')}; K*(t): ${kStar.map((k) => k ?? 'none').join(', ')}`);
  // The root edge shared with the wrong answers loses mass to the sure CoT before the edge into the target
  // catches up: below the base for every K >= K*(t) while it lasts, above it again by t = 100.
  expect(kStar[0]).not.toBeNull();
  expect(passAtK(policies[0], ctx.tc, 12).lt(passAtK(ctx.base, ctx.tc, 12))).toBe(true);
  expect(kStar[2]).toBeNull();
});
