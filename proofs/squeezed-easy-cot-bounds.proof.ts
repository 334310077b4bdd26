/**
 * The corollaries behind rare-cots' squeeze (properties/rare-cots.prop.ts, clauses 1 and 3): on the
 * theorem's own cases (the base with the logits of the easy CoT `e`'s edges raised by `t`),
 * 1. a hard instance's `C_Q` holds no easy CoT, so `pi_t(C_Q) <= eps_t = 1 - pi_t(e)`;
 * 3. `eps_t <= e^(-t) sum_l (1 - P_l(e)) / P_l(e)`: at each step `e`'s edge keeps
 *    `P e^t / (P e^t + 1 - P)`, and `1 - prod_l x_l <= sum_l (1 - x_l)`.
 * Neither reads a hard pass@K, so no method under test can fail them: a proof step, not a law clause.
 */
import fc from 'fast-check';
import { test } from 'vitest';
import { runs } from '../src/arbitraries/profile.ts';
import { taskCots } from '../src/exact/correctness.ts';
import { instances } from '../src/exact/instances.ts';
import { passAtK } from '../src/exact/metrics.ts';
import { pathProbability } from '../src/exact/paths.ts';
import { D, ONE, compareExact, show, sum } from '../src/numeric.ts';
import { easyCot, rareCots, squeezed } from '../properties/rare-cots.prop.ts';

const cases = rareCots((policy, tc, K) => passAtK(policy, tc, K, { hardOnly: true })).arbitrary();

test('hard instances miss the squeezed easy CoT, and eps_t <= e^-t sum_l (1 - P_l(e))/P_l(e)', () => {
  fc.assert(
    fc.property(cases, ({ tmc, task, t }) => {
      const tc = taskCots(tmc, task);
      const e = easyCot(tc)!;
      const pi = squeezed(tmc, e, t);
      const eps = ONE.minus(pathProbability(pi.probs, e));
      const piCot = tc.cots.map((c) => pathProbability(pi.probs, c.path));
      for (const q of instances(tc).filter((i) => i.hard)) {
        const easy = tc.cots.find((c, i) => q.correct[i] && c.kind === 'easy');
        if (easy) throw new Error(`1: a hard instance is solved by the easy CoT ${easy.path.join('-')}`);
        const mass = sum(piCot.filter((_, i) => q.correct[i]));
        if (compareExact(mass, eps) > 0) throw new Error(`1: pi_t(C_Q) = ${show(mass)} > eps_t = ${show(eps)}`);
      }
      const rate = sum(e.slice(0, -1).map((u, l) => tmc.kernels[l][u][e[l + 1]]).map((p) => ONE.minus(p).div(p))).times(new D(-t).exp());
      if (compareExact(eps, rate) > 0) throw new Error(`3: eps_t = ${show(eps)} > e^-t sum (1 - P)/P = ${show(rate)} (t = ${t})`);
    }),
    { numRuns: runs(150), seed: 1 },
  );
});
