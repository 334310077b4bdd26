/**
 * The clauses of `squeezing` (properties/squeezing.prop.ts) that sign flips cannot reach: each rule here
 * ascends `J` (clause 1 holds) and fails a later clause, shrunk to the TMC written here; the same clause
 * code run as `zoo-unlikeliness-squeezes` (properties/zoo-unlikeliness-squeezes.prop.ts, H-rank-gap's
 * cases). Each mutant fails more than one clause on some TMC; the seed is the one whose shrink ends on a
 * case where the named clause is the first to fail (seed 1 where it does).
 */
import { expect, test } from 'vitest';
import { squeezing } from '../../properties/squeezing.prop.ts';
import { unlikelinessSqueezing } from '../../properties/zoo-unlikeliness-squeezes.prop.ts';
import type { UpdateRule } from '../methods/update-rule.ts';
import { runTheorem } from '../theorems/run.ts';
import type { Theorem } from '../theorems/theorem.ts';
import type { Tmc } from '../tmc.ts';
import { reinforceLastLayerOnly, reinforceScaledStep, reinforceWithEntropyBonus } from './squeezing-rates.ts';
import { raftAcceptsValid } from './update-rules.ts';

const law = (rule: UpdateRule) => squeezing.make(rule);

interface Row {
  readonly name: string;
  readonly theorem: (rule: UpdateRule) => Theorem<{ tmc: Tmc }>;
  readonly rule: UpdateRule;
  readonly seed: number;
  readonly kernels: readonly (readonly (readonly string[])[])[];
  readonly error: RegExp;
}

const rows: Row[] = [
  {
    name: 'squeezing, clause 2 (entropy falls) / REINFORCE at a tenth of its step',
    theorem: law,
    rule: reinforceScaledStep({ eta: 4, factor: 0.1 }),
    seed: 1,
    kernels: [[['5/8', '1/8', '1/4']], [['1/3', '2/3'], ['1', '0'], ['1', '0']]],
    error: /^CoT entropy does not fall along t = 0: 1\.29808, 10: 1\.3326,/,
  },
  {
    name: 'squeezing, clause 3 (the survivor) / REINFORCE on the last layer only',
    theorem: law,
    rule: reinforceLastLayerOnly({ eta: 4 }),
    seed: 2,
    kernels: [[['2/3', '1/3']], [['1/3', '2/3'], ['1', '0']]],
    error: /^at t = 20 the most consistent CoT 0-1-0 \(rho 0\.6\) has pi 0\.333333, not above 0-0-0/,
  },
  {
    name: 'squeezing, clause 4 (the others squeezed) / REINFORCE with an entropy bonus',
    theorem: law,
    rule: reinforceWithEntropyBonus({ eta: 4, alpha: 0.1 }),
    seed: 1,
    kernels: [[['2/3', '1/3']], [['1/3', '2/3'], ['1', '0']]],
    error: /^the other valid CoTs' mass m_t is not squeezed .*40: 0\.0906348/,
  },
  {
    name: 'zoo-unlikeliness-squeezes, clause 2 (entropy falls) / REINFORCE at a hundredth of its step',
    theorem: unlikelinessSqueezing,
    rule: reinforceScaledStep({ eta: 4, factor: 0.01 }),
    seed: 2,
    kernels: [[['1']], [['1/3', '2/3']]],
    error: /^CoT entropy does not fall along t = 0: 0\.636514, 10: 0\.66156,/,
  },
  {
    name: 'zoo-unlikeliness-squeezes, clause 3 (the survivor) / REINFORCE on the last layer only',
    theorem: unlikelinessSqueezing,
    rule: reinforceLastLayerOnly({ eta: 4 }),
    seed: 7,
    kernels: [[['4/9', '5/9']], [['1', '0'], ['1/4', '3/4']]],
    error: /^at t = 20 the most consistent CoT 0-0-0 \(rho 0\.761905\) has pi 0\.444444, not above 0-1-0 \(rho 0\.238095\)/,
  },
  {
    name: 'zoo-unlikeliness-squeezes, clause 4 (the others squeezed) / RAFT accepting every valid CoT',
    theorem: unlikelinessSqueezing,
    rule: raftAcceptsValid({ eta: 4 }),
    seed: 8,
    kernels: [[['1/2', '1/2']], [['5/6', '0', '1/6'], ['0', '1', '0']], [['1', '0'], ['1/3', '2/3'], ['1', '0']]],
    error: /^the other valid CoTs' mass m_t is not squeezed .*t = 0: 0\.25, 10: 0\.193447,/,
  },
  {
    name: 'zoo-unlikeliness-squeezes, clause 5 (the rate) / REINFORCE with an entropy bonus',
    theorem: unlikelinessSqueezing,
    rule: reinforceWithEntropyBonus({ eta: 4, alpha: 0.1 }),
    seed: 7,
    kernels: [[['4/9', '5/9']], [['1', '0'], ['1/4', '3/4']]],
    error: /^CoT 0-1-0 decays slower than t\^\(-2\/3\): 1\/pi at t = 10, 20, 40 is 68\.6337,/,
  },
];

test.each(rows)('$name', ({ theorem, rule, seed, kernels, error }) => {
  const r = runTheorem(theorem(rule), { seed });
  expect(r.status).toBe('failed');
  const tmc = (r.counterexample as { tmc: Tmc }).tmc;
  expect(tmc.spec.kernels, `shrunk to:\n${tmc}`).toEqual(kernels);
  expect(r.error).toMatch(error);
});
