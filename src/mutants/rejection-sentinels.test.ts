/**
 * rejection-limit fails on its sentinels, shrunk to the family member written here; and the two
 * findings about the qualitative claim, kept in fixtures/counterexamples/, are recomputed:
 * H-pass is not needed for the hard mass to stay positive, and without `h* > 0` it goes to 0.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { hardMassFloor, rejectionLimit, rejectionLimitRandom, rejectionPreserves } from '../../properties/rejection-preserves.prop.ts';
import { instances } from '../exact/instances.ts';
import { coverage, passAtK } from '../exact/metrics.ts';
import { rlRej } from '../methods/rl-rej.ts';
import { runExact, trainContext } from '../methods/update-rule.ts';
import { show } from '../numeric.ts';
import { FIXTURES_DIR } from '../paper/reference.ts';
import { runTheorem } from '../theorems/run.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import type { Tmc } from '../tmc.ts';
import { rlRejWrongTries } from './rejection-sentinels.ts';
import { signFlipped } from './update-rules.ts';

const SEED = 1;

test.each([
  { clause: 'rejection-limit, monotone between base and limit / sign flipped', mutant: signFlipped(rlRej({ eta: 4 })), num: 9, error: 'pe = 9/16, step 1: hard mass 0.434737 leaves [0.4375, 0.47489]' },
  { clause: 'rejection-limit, the limit x* / filters with n - 1 tries', mutant: rlRejWrongTries({ eta: 4 }), num: 9, error: 'pe = 9/16: hard mass 0.468627 at t = 320 is not within 1e-4 of x* = 1/(1 + (pe/ph)^(2/n)) = 0.47489' },
])('$clause', ({ mutant, num, error }) => {
  const r = runTheorem(rejectionLimit.make(mutant), { seed: SEED });
  expect(r.status).toBe('failed');
  expect((r.counterexample as { num: number }).num).toBe(num);
  expect(r.error).toContain(error);
});

test('rejection-limit-random, the limit h* on random trees / filters with n - 1 tries', () => {
  // Seed 2: seed 1's shrink ends on a 3-CoT tree (half the cases have 3+ CoTs), this one on the 2-CoT fork.
  const r = runTheorem(rejectionLimitRandom.make(rlRejWrongTries({ eta: 8 })), { seed: 2 });
  expect(r.status).toBe('failed');
  expect(r.counterexample!.tmc.spec.kernels).toEqual([[['1/3', '2/3']], [['1'], ['1']]]);
  expect(r.error).toContain('hard mass 0.414214 at t = 72 (contraction 0.8701) is not within 1e-4 of h* = 0.431126');
});

function counterexample(name: string): { tmc: Tmc; quantities: string } {
  const json = JSON.parse(readFileSync(join(FIXTURES_DIR, 'counterexamples', `${name}.json`), 'utf8'));
  return { tmc: tmcFromSpec(json.tmc), quantities: json.quantities };
}

function hardMassAt(tmc: Tmc, times: number[]): string {
  const ctx = trainContext(tmc, 0);
  const out = [`t = 0: ${show(coverage(ctx.base, 0).hard)}`];
  runExact(rlRej({ eta: 4 }), ctx, Math.max(...times), ctx.base, (t, p) => times.includes(t) && out.push(`t = ${t}: ${show(coverage(p, 0).hard)}`));
  return `hard mass ${out.join(', ')}`;
}

test('H-pass is not needed to keep hard mass: without it the hard mass rises toward 0.3919 (rejection-preserves--H-pass-not-needed)', () => {
  const { tmc, quantities } = counterexample('rejection-preserves--H-pass-not-needed');
  const ctx = trainContext(tmc, 0);
  const { phi } = hardMassFloor(ctx.tc, passAtK(ctx.base, ctx.tc, 6), 6);
  expect(phi.gt(0)).toBe(false);
  expect(hardMassAt(tmc, [160, 2000])).toBe(quantities);
  // The ascent clause, all the theorem asks without H-pass, holds.
  expect(() => rejectionPreserves.make(rlRej({ eta: 4 })).property({ tmc })).not.toThrow();
});

test('without h* > 0 the hard mass goes to 0: argmax pass@6 is (1/2, 1/2, 0) (rejection-preserves--hard-mass-to-zero)', () => {
  const { tmc, quantities } = counterexample('rejection-preserves--hard-mass-to-zero');
  expect(hardMassAt(tmc, [160, 640, 2000])).toBe(quantities);
  // KKT at (1/2, 1/2, 0): marginal gain E_Q[(1 - pi(C_Q))^5 R_Q(o)] of each CoT, from the instances.
  const tc = trainContext(tmc, 0).tc;
  const pi = [0.5, 0.5, 0];
  const gain = tc.cots.map((_, i) =>
    [...instances(tc)].reduce((s, q) => {
      const c = tc.cots.reduce((m, __, j) => (q.correct[j] ? m + pi[j] : m), 0);
      return q.correct[i] ? s + q.prob.toNumber() * (1 - c) ** 5 : s;
    }, 0),
  );
  expect(gain.map((g) => g.toFixed(5))).toEqual(['0.00781', '0.00781', '0.00551']);
});
