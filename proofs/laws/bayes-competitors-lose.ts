/**
 * # The Bayes-optimal rewards beat every named competitor
 *
 * The loss of a constant prediction `f` at a prefix `x`, `E_{o|x} E_Q[(f - R_Q(o))^2]`, by enumerating
 * completions and instances; and the corollary that bayes-optimal-rewards clause 3 states: as the loss
 * is `(f - R)^2 + R(1 - R)` (proofs/bayes-optimality-lemma.proof.ts), the competitors `R + eps`, `p(o)`,
 * `1[o valid]` and the state value score no better than the reward model's `R_out` on a CoT and `R_prm`
 * on a prefix. Checked per prefix, which implies the law's per-layer sums.
 */
import fc from 'fast-check';
import { denseTmcArbitrary } from '../../src/arbitraries/dense.ts';
import { tmcArbitrary } from '../../src/arbitraries/tmc.ts';
import { taskCots } from '../../src/exact/correctness.ts';
import { instances } from '../../src/exact/instances.ts';
import { populationRewards, type RewardModel } from '../../src/inference/rewards.ts';
import { statePrm } from '../../src/mutants/selectors.ts';
import { D, ONE, ZERO, show, sum, type Dec } from '../../src/numeric.ts';
import type { Tmc } from '../../src/tmc.ts';
import { completions } from '../_internals/by-enumeration.ts';

export const bayesCases = fc.record({
  tmc: fc.oneof(tmcArbitrary({ maxLayers: 4, maxWidth: 2, shared: true, tasks: 2 }), denseTmcArbitrary({ minLayers: 3, maxLayers: 4, maxWidth: 2 })),
  f: fc.integer({ min: 0, max: 20 }).map((i) => new D(i).div(20)),
});

/** `E_{o|x} E_Q[(f - R_Q(o))^2]` by enumerating completions and instances. */
export function loss(tmc: Tmc, prefix: readonly number[], f: Dec): Dec {
  const tc = taskCots(tmc, 0);
  const qs = instances(tc);
  const total = completions(tmc, prefix).map(({ path, p }) => {
    const i = tc.cots.findIndex((c) => c.path.join() === path.join());
    const e = sum(qs.map((q) => q.prob.times(f.minus(i >= 0 && q.correct[i] ? ONE : ZERO).pow(2))));
    return p.times(e);
  });
  return sum(total).div(sum(completions(tmc, prefix).map((c) => c.p)));
}

export function competitorsLose(model: RewardModel = populationRewards): fc.IProperty<[{ tmc: Tmc; f: Dec }]> {
  return fc.property(bayesCases, ({ tmc, f }) => {
    const eps = f.minus(ONE.div(2));
    const rOut = model.rOut(tmc, 0);
    const rPrm = model.rPrm(tmc, 0);
    const valid = new Set(taskCots(tmc, 0).cots.map((c) => c.path.join()));
    const state = statePrm.rPrm(tmc, 0);
    const beaten = (what: string, at: readonly number[], competitor: Dec, own: Dec) => {
      const theirs = loss(tmc, at, competitor);
      if (theirs.lt(own)) throw new Error(`${what} on ${at.join('-')} scores ${show(theirs)} < ${show(own)}`);
    };
    for (const { path, p } of completions(tmc, [tmc.tasks[0].start])) {
      const own = loss(tmc, path, rOut(path));
      beaten('R_out + eps', path, rOut(path).plus(eps), own);
      beaten('p(o)', path, p, own);
      beaten('1[o valid]', path, valid.has(path.join()) ? ONE : ZERO, own);
      for (let l = 2; l < path.length; l++) {
        const x = path.slice(0, l);
        const best = loss(tmc, x, rPrm(x));
        beaten('R_prm + eps', x, rPrm(x).plus(eps), best);
        beaten('the state value', x, state(x), best);
      }
    }
  });
}
