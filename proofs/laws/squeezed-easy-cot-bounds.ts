/**
 * # A squeezed easy CoT leaves the hard instances at most eps_t
 *
 * On rare-cots' cases (the base with the logits of the easy CoT `e`'s edges raised by `t`):
 * 1. a hard instance's `C_Q` holds no easy CoT (`instancesOf`, default the engine's `instances`), so
 *    `pi_t(C_Q) <= eps_t = 1 - pi_t(e)`;
 * 3. `eps_t <= rate(e's edges, t) = e^(-t) sum_l (1 - P_l(e)) / P_l(e)`: at each step `e`'s edge keeps
 *    `P e^t / (P e^t + 1 - P)`, and `1 - prod_l x_l <= sum_l (1 - x_l)`.
 */
import fc from 'fast-check';
import { taskCots } from '../../src/exact/correctness.ts';
import { instances } from '../../src/exact/instances.ts';
import { passAtK } from '../../src/exact/metrics.ts';
import { pathProbability } from '../../src/exact/paths.ts';
import type { Tmc } from '../../src/tmc.ts';
import { D, ONE, compareExact, show, sum, type Dec } from '../../src/numeric.ts';
import { easyCot, rareCots, squeezed } from '../../properties/rare-cots.prop.ts';

export type SqueezeRate = (edges: readonly Dec[], t: number) => Dec;

export const edgeOddsRate: SqueezeRate = (edges, t) => sum(edges.map((p) => ONE.minus(p).div(p))).times(new D(-t).exp());

export function squeezedEasyCotBounds(rate: SqueezeRate = edgeOddsRate, instancesOf: typeof instances = instances): fc.IProperty<[{ tmc: Tmc; task: number; t: number; K: number }]> {
  const cases = rareCots((policy, tc, K) => passAtK(policy, tc, K, { hardOnly: true })).arbitrary();
  return fc.property(cases, ({ tmc, task, t }) => {
    const tc = taskCots(tmc, task);
    const e = easyCot(tc)!;
    const pi = squeezed(tmc, e, t);
    const eps = ONE.minus(pathProbability(pi.probs, e));
    const piCot = tc.cots.map((c) => pathProbability(pi.probs, c.path));
    for (const q of instancesOf(tc).filter((i) => i.hard)) {
      const easy = tc.cots.find((c, i) => q.correct[i] && c.kind === 'easy');
      if (easy) throw new Error(`1: a hard instance is solved by the easy CoT ${easy.path.join('-')}`);
      const mass = sum(piCot.filter((_, i) => q.correct[i]));
      if (compareExact(mass, eps) > 0) throw new Error(`1: pi_t(C_Q) = ${show(mass)} > eps_t = ${show(eps)}`);
    }
    const bound = rate(e.slice(0, -1).map((u, l) => tmc.kernels[l][u][e[l + 1]]), t);
    if (compareExact(eps, bound) > 0) throw new Error(`3: eps_t = ${show(eps)} > the rate bound ${show(bound)} (t = ${t})`);
  });
}
