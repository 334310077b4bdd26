/**
 * Every sentinel of src/mutants/squeezing-rates.ts fails the squeezing-rate law (each clause has
 * one), and fast-check shrinks the counterexample to the comb written here. The same rules pass the
 * qualitative squeezing law's ascent clause, so only the rate law tells them from the real rules.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { banditMultiplierTendsToDeclaredRate, banditStepEqualsClosedForm } from '../../proofs/laws/squeezing-rate-limit.ts';
import { squeezingRate } from '../../properties/squeezing-rate.prop.ts';
import { reinforce } from '../methods/reinforce.ts';
import type { UpdateRule } from '../methods/update-rule.ts';
import { runTheorem } from '../theorems/run.ts';
import type { Tmc } from '../tmc.ts';
import { layerScaledReinforce, naturalGradientReinforce, raftNormalizedBySquare, reinforceDoubledStep } from './squeezing-rates.ts';

interface Sentinel {
  readonly mutant: UpdateRule;
  /** The clause it fails. */
  readonly clause: string;
  readonly kernels: readonly (readonly (readonly string[])[])[];
  readonly error: RegExp;
}

/** The two-CoT bandit `s -> a (2/3), b (1/3) -> target`, the smallest comb. */
const BANDIT = [[['2/3', '1/3']], [['1'], ['1']]];

const sentinels: Sentinel[] = [
  { mutant: naturalGradientReinforce({ eta: 4 }), clause: 'declared rate', kernels: BANDIT, error: /not eta_eff/ },
  { mutant: reinforceDoubledStep({ eta: 4 }), clause: 'declared rate', kernels: BANDIT, error: /not eta_eff/ },
  { mutant: raftNormalizedBySquare({ eta: 4 }), clause: 'declared rate', kernels: BANDIT, error: /not eta_eff/ },
  {
    mutant: { ...naturalGradientReinforce({ eta: 4 }), name: 'reinforce-natural-gradient-undeclared', squeezingRate: undefined },
    clause: 'constant over time',
    kernels: BANDIT,
    error: /not constant/,
  },
  { mutant: layerScaledReinforce({ eta: 4 }), clause: 'constant across CoTs', kernels: [[['3/4', '1/4']], [['1/2', '1/2'], ['1', '0']]], error: /different rate constants/ },
];

test.each(sentinels.map((s) => ({ ...s, name: s.mutant.name })))('$name fails squeezing-rate ($clause)', ({ mutant, kernels, error }) => {
  const r = runTheorem(squeezingRate.make(mutant), { seed: 1 });
  expect(r.status).toBe('failed');
  const tmc = (r.counterexample as { tmc: Tmc }).tmc;
  expect(r.error).toMatch(error);
  expect(tmc.spec.kernels, `shrunk to:\n${tmc}`).toEqual(kernels);
});

test('REINFORCE at eta = 4 passes squeezing-rate (the sentinels fail for their dynamics, not the step size)', () => {
  expect(runTheorem(squeezingRate.make(reinforce({ eta: 4 })), { seed: 1 }).status).toBe('passed');
});

// The proof steps the law rests on (proofs/squeezing-rate-limit) reject the same mutants, shrunk to the
// bandit 2:1 at x = 1/2.
const proofSentinels = [
  { name: 'doubled step vs REINFORCE closed form', property: () => banditStepEqualsClosedForm(reinforceDoubledStep({ eta: 2 }), 'reinforce'), shrunk: [[2, 1], '0.5'], error: /multiplier 4, closed form 2/ },
  { name: 'RAFT over J^2 vs RAFT closed form', property: () => banditStepEqualsClosedForm(raftNormalizedBySquare({ eta: 2 }), 'raft'), shrunk: [[2, 1], '0.5'], error: /multiplier 8, closed form 4/ },
  { name: 'natural gradient vs declared rate', property: () => banditMultiplierTendsToDeclaredRate(naturalGradientReinforce({ eta: 2 })), shrunk: [[2, 1]], error: /is 1000000000000, the declared rate 2/ },
  { name: 'RAFT over J^2 vs declared rate', property: () => banditMultiplierTendsToDeclaredRate(raftNormalizedBySquare({ eta: 2 })), shrunk: [[2, 1]], error: /is 4.5, the declared rate 3/ },
];

test.each(proofSentinels)('proof step fails: $name', ({ property, shrunk, error }) => {
  const r = fc.check(property() as fc.IProperty<unknown[]>, { seed: 1 });
  expect(r.failed).toBe(true);
  expect(r.counterexample!.map((x) => (x instanceof Object && 'toFixed' in x ? String(x) : x))).toEqual(shrunk);
  expect(String(r.errorInstance)).toMatch(error);
});
