/**
 * # DPRM-AS is the exact tilt of the base, on shared-state TMCs too (SPEC §6, claim 7)
 *
 * ## Main statements
 * - law `dprm-as-exactness` (selectors named `dprm-as`), theorems `dprm-as-exactness/dprm-as...`:
 *   the Doob h-transform sampler returns `o` with probability `p(o) exp(lambda rho(o)) / E_p[exp(lambda rho)]`;
 *   this maximizes `E_pi[rho] - KL(pi || p) / lambda`; every valid CoT keeps a fixed fraction of its base
 *   probability; it concentrates on the most consistent CoTs as `lambda` grows and is the base as
 *   `lambda -> 0`, at explicit rates.
 *
 * ## Statement
 * Task `k`, the selector's `lambda > 0`, `pi` its output distribution over the CoTs from `s_k` (with a
 * uniform start, `pi` given the start `s_k`; from other starts `h = 1` and the sampler is the base),
 * `rho` the task's correctness (0 off `V_k`), `rho* = max rho`, `M = {o : rho(o) = rho*}`,
 * `delta = rho* - max_{o not in M} rho(o)`, `F(pi') = E_pi'[rho] - KL(pi' || p) / lambda`:
 * 1. `pi(o) = p(o) exp(lambda rho(o)) / E_p[exp(lambda rho)]` for every CoT `o` (start weight aside).
 * The battery instantiates the law at `lambda = 1, 0.01, 40` and with a uniform start.
 *
 * ## Corollaries (proofs/dprm-as-tilt-bounds.proof.ts)
 * Properties of the closed form of 1, so no selector that 1 accepts fails them; checked there on the
 * closed form over random TMCs at the same `lambda`s, not here:
 * 2. `F(pi) = ln E_p[exp(lambda rho)] / lambda >= F(pi')` for the competitors `pi' = p`, the point mass on
 *    a CoT of `M`, and `(pi + p)/2` (Gibbs variational principle);
 * 3. `pi(o) >= p(o) exp(-lambda (rho* - rho(o)))` for every valid `o`;
 * 4. `sum_o |pi(o) - p(o)| <= exp(lambda rho*) - 1` (-> 0 as `lambda -> 0`);
 * 5. `pi(not M) <= exp(-lambda delta) (1 - p(M)) / p(M)` (-> 0 as `lambda -> infinity`).
 *
 * ## Hypotheses
 * None: `h` depends on the whole prefix, so the transform is exact on every TMC, shared states
 * included (a state-valued `h` would not be; proofs/doob-identity.proof.ts).
 *
 * ## Rests on
 * proofs/doob-identity.proof.ts (Doob identity and telescoping), proofs/rewards-equal-enumeration.proof.ts,
 * proofs/dprm-as-tilt-bounds.proof.ts (the corollaries).
 */
import fc from 'fast-check';
import { denseTmcArbitrary } from '../src/arbitraries/dense.ts';
import { tmcArbitrary } from '../src/arbitraries/tmc.ts';
import { taskCots } from '../src/exact/correctness.ts';
import { enumeratePaths } from '../src/exact/paths.ts';
import { isTreeFor } from '../src/hypotheses.ts';
import { builtinSelectors, dprmAs, selectorLabel, type Selector } from '../src/inference/index.ts';
import { D, ONE, ZERO, nearlyEqual, show, sum } from '../src/numeric.ts';
import { paperTmc } from '../src/paper/reference.ts';
import { registerLaw } from '../src/theorems/registry.ts';
import type { Law, Theorem } from '../src/theorems/theorem.ts';
import type { Tmc } from '../src/tmc.ts';

interface TaskCase {
  readonly tmc: Tmc;
  readonly task: number;
}

export const dprmAsExactness: Law<Selector> = {
  claim: 'dprm-as-exactness',
  kind: 'selector',
  appliesTo: (s) => s.name === 'dprm-as',
  make: (s): Theorem<TaskCase> => {
    const lambda = new D(s.params.lambda);
    const startWeight = (tmc: Tmc) => (s.params.start === 'uniform' ? ONE.div(tmc.widths[0]) : ONE);
    return {
      id: `dprm-as-exactness/${selectorLabel(s)}`,
      claim: 'dprm-as-exactness',
      statement:
        'pi = p exp(lambda rho) / E_p[exp(lambda rho)] = argmax E[rho] - KL(.||p)/lambda; pi(o) >= p(o) exp(-lambda (rho* - rho(o))); |pi - p|_1 <= exp(lambda rho*) - 1; pi(not M) <= exp(-lambda delta) (1 - p(M))/p(M)',
      hypotheses: [],
      arbitrary: () =>
        fc
          .oneof(tmcArbitrary({ maxLayers: 4, maxWidth: 3, tasks: 2, shared: true }), denseTmcArbitrary({ minLayers: 3, maxLayers: 4, maxWidth: 3, tasks: 2 }))
          .map((tmc) => ({ tmc, task: 0 })),
      property: ({ tmc, task }) => {
        const tc = taskCots(tmc, task);
        const rhoOf = new Map(tc.cots.map((c) => [c.path.join(), c.rho]));
        const cots = enumeratePaths(tmc.kernels, tc.task.start);
        const p = cots.map((c) => c.p);
        const rho = cots.map((c) => rhoOf.get(c.path.join()) ?? ZERO);
        const out = new Map(s.distribution(tmc, task).map((c) => [c.path.join(), c.prob]));
        const w = startWeight(tmc);
        const pi = cots.map((c) => (out.get(c.path.join()) ?? ZERO).div(w));
        const tilt = p.map((x, i) => x.times(lambda.times(rho[i]).exp()));
        const Z = sum(tilt);
        cots.forEach((c, i) => {
          const expected = tilt[i].div(Z);
          if (!nearlyEqual(pi[i], expected)) throw new Error(`1: pi(${c.path.join('-')}) = ${show(pi[i])} but p exp(lambda rho)/E = ${show(expected)}`);
        });
      },
      numRuns: 150,
      examples: () => [{ tmc: paperTmc(), task: 0 }, { tmc: paperTmc(), task: 1 }],
      classify: ({ tmc, task }) => [
        ...(isTreeFor(tmc, task) ? [] : ['shared states']),
        ...(taskCots(tmc, task).cots.some((c) => c.kind === 'hard') ? ['hard valid CoT'] : []),
      ],
      minShares: { 'shared states': 0.1, 'hard valid CoT': 0.2 },
    };
  },
};

registerLaw(dprmAsExactness, [...builtinSelectors(), dprmAs({ lambda: 0.01 }), dprmAs({ lambda: 40 }), dprmAs({ lambda: 2, start: 'uniform' })]);
