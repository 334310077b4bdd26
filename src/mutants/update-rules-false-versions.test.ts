/**
 * Stronger versions of the claims that are false, each with its counterexample kept in
 * fixtures/counterexamples/: the test recomputes the numbers and asserts the stronger statement
 * fails there (while the claim as stated in properties/ holds on the same case).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { grpoKlFixedPoint } from '../../properties/grpo-kl-fixed-point.prop.ts';
import { klNoSqueezing, klPreservation } from '../../properties/kl-preservation.prop.ts';
import { rejectionPreserves } from '../../properties/rejection-preserves.prop.ts';
import { squeezing } from '../../properties/squeezing.prop.ts';
import { coverage, cotEntropy } from '../exact/metrics.ts';
import { gibbs } from '../methods/gibbs-step.ts';
import { grpoKl } from '../methods/grpo-kl.ts';
import { rlRej } from '../methods/rl-rej.ts';
import { runExact, trainContext, type UpdateRule } from '../methods/update-rule.ts';
import { reinforce } from '../methods/reinforce.ts';
import { D, show, type Dec } from '../numeric.ts';
import { FIXTURES_DIR, paperTmc } from '../paper/reference.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import { cotProbabilities, policiesAt } from '../_internals/trajectory.ts';
import type { Tmc } from '../tmc.ts';

function counterexample(name: string): { tmc: Tmc; quantities: string; delta?: string } {
  const json = JSON.parse(readFileSync(join(FIXTURES_DIR, 'counterexamples', `${name}.json`), 'utf8'));
  return { tmc: tmcFromSpec(json.tmc), quantities: json.quantities, delta: json.delta };
}

/** The message a property throws, or null when it holds. */
function failure(check: () => unknown): string | null {
  try {
    return check() === false ? 'property returned false' : null;
  } catch (e) {
    return (e as Error).message;
  }
}

test('the CoT entropy need not fall at every step: REINFORCE first raises it (squeezing--entropy-falls-at-every-step)', () => {
  const { tmc, quantities } = counterexample('squeezing--entropy-falls-at-every-step');
  const ctx = trainContext(tmc, 0);
  const H = [cotEntropy(ctx.base, 0)];
  runExact(reinforce({ eta: 1 }), ctx, 10, ctx.base, (_, p) => H.push(cotEntropy(p, 0)));
  expect(quantities).toBe(`H(pi_t), t = 0..10: ${H.map((h) => show(h)).join(', ')}`);
  expect(H[1].gt(H[0])).toBe(true);
  expect(H[10].lt(H[6])).toBe(true);
  // The claim as stated (falls along t = 0, T, 2T, 4T) holds on the same TMC.
  expect(squeezing.make(reinforce({ eta: 1 })).property({ tmc })).not.toBe(false);
});

test('the rate need not hold from the first window [T, 4T]: a CoT sharing the survivor\'s first edge rises first (squeezing--rate-over-the-first-window)', () => {
  const { tmc, quantities } = counterexample('squeezing--rate-over-the-first-window');
  const ctx = trainContext(tmc, 0);
  const k = ctx.tc.cots.findIndex((c) => c.path.join('-') === '0-2-3-3-3-0');
  const inv = policiesAt(reinforce({ eta: 1 }), ctx, [40, 80, 160]).map((p) => cotProbabilities(p, ctx.tc.cots)[k].pow(-1));
  expect(quantities).toBe(`1/pi of 0-2-3-3-3-0 at t = 40, 80, 160: ${inv.map((x) => show(x)).join(', ')}`);
  // 1/pi falls on [40, 80]: the fixed-window clause fails.
  expect(inv[1].lt(inv[0])).toBe(true);
  // The claim as stated (the first window [2^k T, 2^(k+2) T], k <= 2, where the rate holds) holds on the same TMC.
  expect(squeezing.make(reinforce({ eta: 1 })).property({ tmc })).not.toBe(false);
});

test('the base-policy filter does not preserve: pass@6 falls and the hard mass decays (rejection-preserves--base-filter)', () => {
  const { tmc, quantities } = counterexample('rejection-preserves--base-filter');
  expect(failure(() => rejectionPreserves.make(rlRej({ eta: 4, filter: 'base' })).property({ tmc }))).toBe(quantities);
  expect(failure(() => rejectionPreserves.make(rlRej({ eta: 4 })).property({ tmc }))).toBeNull();
});

test("the base-policy filter squeezes on the paper's TMC while the current-policy filter preserves", () => {
  const tmc = paperTmc();
  expect(failure(() => rejectionPreserves.make(rlRej({ eta: 4, filter: 'base' })).property({ tmc }))).toMatch(/^pass@6 falls at step 22:/);
  expect(failure(() => rejectionPreserves.make(rlRej({ eta: 4 })).property({ tmc }))).toBeNull();
  const ctx = trainContext(tmc, 0);
  const hard: string[] = [];
  runExact(rlRej({ eta: 4, filter: 'base' }), ctx, 200, ctx.base, (t, p) => [22, 100, 200].includes(t) && hard.push(show(coverage(p, 0).hard, 4)));
  expect(hard).toEqual(['0.1468', '0.08741', '0.05316']);
});

test("GRPO-KL does not keep the Gibbs step's fraction exp(-rho*/beta) (kl-preservation--grpo-kl)", () => {
  const { tmc, quantities, delta } = counterexample('kl-preservation--grpo-kl');
  const c = { tmc, delta: new D(delta!) };
  expect(failure(() => klPreservation.make(grpoKl()).property(c))).toBe(quantities);
  expect(failure(() => klPreservation.make(gibbs()).property(c))).toBeNull();
  // GRPO-KL's own guarantee, floor exp(-sqrt(G-1) rho*/beta), holds there.
  expect(failure(() => grpoKlFixedPoint.make(grpoKl()).property({ tmc }))).toBeNull();
});

/** A kl-no-squeezing case from its counterexample file (the law reads no `delta`; the files keep the shrunk one). */
function klCase(name: string): { tmc: Tmc; quantities: string; delta: Dec } {
  const { tmc, quantities, delta } = counterexample(name);
  return { tmc, quantities, delta: new D(delta ?? 0) };
}

/** `pi_t(o)` at `times` along `rule`'s exact steps, for the CoT `path`. */
function cotAt(rule: UpdateRule, tmc: Tmc, path: string, times: number[]): Dec[] {
  const ctx = trainContext(tmc, 0);
  const k = ctx.tc.cots.findIndex((c) => c.path.join('-') === path);
  return policiesAt(rule, ctx, times).map((p) => cotProbabilities(p, ctx.tc.cots)[k]);
}

test('GRPO-KL has not settled by 4T: a CoT still rises past 4/3 of pi_2T (kl-no-squeezing--settled-by-4T)', () => {
  const c = klCase('kl-no-squeezing--settled-by-4T');
  const [mid, end] = cotAt(grpoKl(), c.tmc, '1-1-1-1', [20, 40]);
  expect(c.quantities).toBe(`CoT 1-1-1-1 has not settled: pi = ${show(mid)} at t = 20, ${show(end)} at t = 40 (seed -1773190328 of tmc check, 300 runs)`);
  expect(end.gt(mid.times(4).div(3))).toBe(true);
  // The law as stated (GRPO-KL under its fixed point's ceiling, lower side) holds there.
  expect(failure(() => klNoSqueezing.make(grpoKl()).property(c))).toBeNull();
});

test('at beta = 1/4 GRPO-KL is still squeezing at 4T, also at T = ceil(10/(eta beta)) (kl-no-squeezing--lower-side-at-small-beta)', () => {
  const c = klCase('kl-no-squeezing--lower-side-at-small-beta');
  expect(failure(() => klNoSqueezing.make(grpoKl({ beta: 0.25 })).property(c))).toBe(c.quantities);
  // A horizon 1/(eta beta) (T = 40) is not enough: pi_160/pi_80 = 0.616.
  const [mid, end] = cotAt(grpoKl({ beta: 0.25 }), c.tmc, '0-0-0', [80, 160]);
  expect(show(end.div(mid), 3)).toBe('0.616');
  expect(failure(() => klNoSqueezing.make(grpoKl()).property(c))).toBeNull();
});

test('at eta = 10 GRPO-KL overshoots both sides: H-step (kl-no-squeezing--H-step-lower-side, --H-step-upper-side)', () => {
  for (const name of ['kl-no-squeezing--H-step-lower-side', 'kl-no-squeezing--H-step-upper-side']) {
    const c = klCase(name);
    expect(failure(() => klNoSqueezing.make(grpoKl({ eta: 10 })).property(c))).toBe(c.quantities);
    expect(failure(() => klNoSqueezing.make(grpoKl({ eta: 4 })).property(c))).toBeNull();
    expect(failure(() => klNoSqueezing.make(grpoKl()).property(c))).toBeNull();
  }
});
