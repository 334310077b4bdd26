/**
 * Every sentinel update rule (src/mutants/update-rules.ts) fails a claim of properties/, and fast-check
 * shrinks the counterexample to the small TMC written here (a shrinker or law change that makes it
 * larger is a regression). Mutants run with `eta = 4` so that the dynamics, and the test, are quick.
 */
import { expect, test } from 'vitest';
import { forgetting } from '../../properties/forgetting.prop.ts';
import { squeezing } from '../../properties/squeezing.prop.ts';
import { raft } from '../methods/raft.ts';
import { reinforce } from '../methods/reinforce.ts';
import type { UpdateRule } from '../methods/update-rule.ts';
import { runTheorem } from '../theorems/run.ts';
import type { Law } from '../theorems/theorem.ts';
import type { Tmc } from '../tmc.ts';
import { raftAcceptsValid, signFlipped } from './update-rules.ts';

const SEED = 1;

interface Sentinel {
  readonly law: Law<UpdateRule>;
  readonly mutant: UpdateRule;
  /** The shrunk counterexample's kernels. */
  readonly kernels: readonly (readonly (readonly string[])[])[];
  /** What the failure message says. */
  readonly error: RegExp;
}

const sentinels: Sentinel[] = [
  { law: squeezing, mutant: signFlipped(reinforce({ eta: 4 })), kernels: [[['1']], [['1/3', '2/3']]], error: /J does not increase/ },
  { law: forgetting, mutant: signFlipped(reinforce({ eta: 4 })), kernels: [[['1/2', '1/2'], ['0', '1']]], error: /does not fall at step 1/ },
  { law: squeezing, mutant: signFlipped(raft({ eta: 4 })), kernels: [[['1']], [['1/3', '2/3']]], error: /J does not increase/ },
  { law: forgetting, mutant: signFlipped(raft({ eta: 4 })), kernels: [[['1/2', '1/2'], ['0', '1']]], error: /does not fall at step 1/ },
  {
    law: squeezing,
    mutant: raftAcceptsValid({ eta: 4 }),
    kernels: [[['2/3', '1/3']], [['1/3', '2/3'], ['1', '0']]],
    error: /decays slower than t\^\(-2\/3\)/,
  },
];

function size(tmc: Tmc): string {
  return `L=${tmc.layers} widths ${tmc.widths.join(',')}`;
}

test.each(sentinels.map((s) => ({ ...s, name: s.mutant.name, claim: s.law.claim })))('$name fails $claim', ({ law, mutant, kernels, error }) => {
  const r = runTheorem(law.make(mutant), { seed: SEED });
  expect(r.status).toBe('failed');
  const tmc = (r.counterexample as { tmc: Tmc }).tmc;
  expect(tmc.spec.kernels, `shrunk to ${size(tmc)}:\n${tmc}`).toEqual(kernels);
  expect(r.error).toMatch(error);
});
