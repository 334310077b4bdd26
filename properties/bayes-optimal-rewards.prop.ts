/**
 * # R_out and R_prm are the Bayes-optimal L2 predictors of R_Q (SPEC §6, claim 5)
 *
 * ## Main statements
 * - theorem `bayes-optimal-rewards`: for every CoT `o`, `R_out(o) = rho(o)` minimizes
 *   `E_Q[(f - R_Q(o))^2]` over `f`; for every prefix `x`, `R_prm(x)` minimizes
 *   `E_{o ~ p(.|x)} E_Q[(f - R_Q(o))^2]`. No competitor scores better: not a shifted reward, not the
 *   unnormalized `p(o)`, not the validity indicator, not a state-valued PRM.
 *
 * ## Statement
 * Task `k`, instances `Q` enumerated exactly (`2^|V_k|` of them, src/exact/instances.ts),
 * `L_o(f) = E_Q[(f - R_Q(o))^2]`, `L_x(f) = sum_o p(o|x) L_o(f)`. With the reward model under test:
 * 1. `R_out(o) = argmin_f L_o(f) = E_Q[R_Q(o)]` for every CoT `o` from `s_k` (0 off `V_k`);
 * 2. `R_prm(x) = argmin_f L_x(f) = E_{o|x} E_Q[R_Q(o)]` for every prefix `x` from `s_k`;
 *
 * ## Corollaries (proofs/bayes-optimality-lemma.proof.ts)
 * 3. competitors lose: `L_o(R_out(o)) <= L_o(c)` for `c` in {`R_out + eps`, `p(o)`, `1[o valid]`} and, per layer
 *    `l`, `sum_x p(x) L_x(R_prm(x)) <= sum_x p(x) L_x(c(x))` for `c` in {`R_prm + eps`, `E_p[rho | o_l = u]`}.
 * The loss is `(f - E[R_Q])^2 + const`, so 3 holds for every reward model that 1-2 accept; the proof checks
 * the identity and these competitors, per prefix, against the engine's rewards; the law checks 1-2.
 *
 * ## Hypotheses
 * None. On shared-state TMCs the prefix matters: a PRM that is a function of the current state
 * (`E_p[rho | o_l = u]`, src/mutants/selectors.ts `statePrm`) is optimal on trees only.
 *
 * ## Rests on
 * proofs/bayes-optimality-lemma.proof.ts, proofs/rewards-equal-enumeration.proof.ts.
 */
import fc from 'fast-check';
import { denseTmcArbitrary } from '../src/arbitraries/dense.ts';
import { tmcArbitrary } from '../src/arbitraries/tmc.ts';
import { taskCots } from '../src/exact/correctness.ts';
import { instances } from '../src/exact/instances.ts';
import { enumeratePaths } from '../src/exact/paths.ts';
import { isTreeFor } from '../src/hypotheses.ts';
import { populationRewards, type RewardModel } from '../src/inference/rewards.ts';
import { ZERO, nearlyEqual, show, sum } from '../src/numeric.ts';
import { paperTmc } from '../src/paper/reference.ts';
import { registerTheorem } from '../src/theorems/registry.ts';
import type { Theorem } from '../src/theorems/theorem.ts';
import type { Tmc } from '../src/tmc.ts';

interface BayesCase {
  readonly tmc: Tmc;
  readonly task: number;
}

/** The theorem for a reward model (the population rewards are registered; mutants are checked in tests). */
export function bayesOptimalRewards(model: RewardModel): Theorem<BayesCase> {
  return {
    id: model === populationRewards ? 'bayes-optimal-rewards' : `bayes-optimal-rewards/${model.name}`,
    claim: 'bayes-optimal-rewards',
    statement: 'R_out(o) = argmin_f E_Q[(f - R_Q(o))^2], R_prm(x) = argmin_f E_{o|x} E_Q[(f - R_Q(o))^2]; no competitor scores better',
    hypotheses: [],
    arbitrary: () =>
      fc.record({
        tmc: fc.oneof(tmcArbitrary({ maxLayers: 4, maxWidth: 3, tasks: 2, shared: true }), denseTmcArbitrary({ minLayers: 4, maxLayers: 4, maxWidth: 2 })),
        task: fc.constant(0),
      }),
    property: ({ tmc, task }) => {
      const tc = taskCots(tmc, task);
      const qs = instances(tc);
      // pi(o) = P(o in C_Q), by summing over the instances.
      const inQ = new Map(tc.cots.map((c, i) => [c.path.join(), sum(qs.filter((q) => q.correct[i]).map((q) => q.prob))]));
      const cots = enumeratePaths(tmc.kernels, tc.task.start);
      const piOf = (path: readonly number[]) => inQ.get(path.join()) ?? ZERO;
      const rOut = model.rOut(tmc, task);
      const rPrm = model.rPrm(tmc, task);
      for (const { path } of cots) {
        const r = rOut(path);
        if (!nearlyEqual(r, piOf(path))) throw new Error(`1: R_out(${path.join('-')}) = ${show(r)} but E_Q[R_Q(o)] = ${show(piOf(path))}`);
      }
      for (let l = 1; l < tmc.layers; l++) {
        // Prefixes of length l with their CoTs.
        const groups = new Map<string, { prefix: number[]; cots: typeof cots }>();
        for (const c of cots) {
          const prefix = c.path.slice(0, l);
          const g = groups.get(prefix.join()) ?? { prefix, cots: [] };
          g.cots.push(c);
          groups.set(prefix.join(), g);
        }
        for (const g of groups.values()) {
          const px = sum(g.cots.map((c) => c.p));
          const optimum = sum(g.cots.map((c) => c.p.times(piOf(c.path)))).div(px);
          if (!nearlyEqual(rPrm(g.prefix), optimum)) throw new Error(`2: R_prm(${g.prefix.join('-')}) = ${show(rPrm(g.prefix))} but E_{o|x} E_Q[R_Q(o)] = ${show(optimum)}`);
        }
      }
    },
    numRuns: 150,
    examples: () => [{ tmc: paperTmc(), task: 0 }],
    classify: ({ tmc, task }) => [
      ...(isTreeFor(tmc, task) ? [] : ['shared states']),
      ...(taskCots(tmc, task).cots.some((c) => c.kind === 'hard') ? ['hard valid CoT'] : []),
    ],
    minShares: { 'shared states': 0.1, 'hard valid CoT': 0.2 },
  };
}

registerTheorem(bayesOptimalRewards(populationRewards));
