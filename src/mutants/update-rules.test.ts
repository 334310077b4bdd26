/**
 * Every sentinel update rule (src/mutants/update-rules.ts) fails a claim of properties/, and fast-check
 * shrinks the counterexample to the small TMC written here (a shrinker or law change that makes it
 * larger is a regression). Mutants run with `eta = 4` so that the dynamics, and the test, are quick.
 */
import { expect, test } from 'vitest';
import { forgetting } from '../../properties/forgetting.prop.ts';
import { klGibbsBound, klNoSqueezing, klPreservation } from '../../properties/kl-preservation.prop.ts';
import { rejectionPreserves } from '../../properties/rejection-preserves.prop.ts';
import { squeezing } from '../../properties/squeezing.prop.ts';
import { gibbs } from '../methods/gibbs-step.ts';
import { grpo } from '../methods/grpo.ts';
import { ppo } from '../methods/ppo.ts';
import { raft } from '../methods/raft.ts';
import { reinforce } from '../methods/reinforce.ts';
import type { UpdateRule } from '../methods/update-rule.ts';
import { runTheorem } from '../theorems/run.ts';
import type { Law } from '../theorems/theorem.ts';
import type { Tmc } from '../tmc.ts';
import { gibbsAnchoredAtCurrent, grpoKlWithoutKl, raftAcceptsValid, rlRejInvertedFilter, signFlipped } from './update-rules.ts';

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
  { law: squeezing, mutant: signFlipped(reinforce({ eta: 4 })), kernels: [[['1']], [['1/6', '5/6']]], error: /J does not increase/ },
  { law: forgetting, mutant: signFlipped(reinforce({ eta: 4 })), kernels: [[['1/2', '1/2'], ['0', '1']]], error: /does not fall at step 1/ },
  { law: squeezing, mutant: signFlipped(raft({ eta: 4 })), kernels: [[['1']], [['1/6', '5/6']]], error: /J does not increase/ },
  { law: forgetting, mutant: signFlipped(raft({ eta: 4 })), kernels: [[['1/2', '1/2'], ['0', '1']]], error: /does not fall at step 1/ },
  {
    law: squeezing,
    mutant: raftAcceptsValid({ eta: 4 }),
    kernels: [[['5/6', '1/6']], [['1/6', '5/6'], ['1/2', '1/2']]],
    error: /decays slower than t\^\(-2\/3\)/,
  },
  { law: squeezing, mutant: signFlipped(ppo({ eta: 4 })), kernels: [[['1']], [['1/6', '5/6']]], error: /J does not increase/ },
  { law: forgetting, mutant: signFlipped(ppo({ eta: 4 })), kernels: [[['1/2', '1/2'], ['0', '1']]], error: /does not fall at step 1/ },
  { law: squeezing, mutant: signFlipped(grpo({ eta: 4 })), kernels: [[['1']], [['1/6', '5/6']]], error: /J does not increase/ },
  { law: forgetting, mutant: signFlipped(grpo({ eta: 4 })), kernels: [[['1/2', '1/2'], ['0', '1']]], error: /does not fall at step 1/ },
  { law: klNoSqueezing, mutant: grpoKlWithoutKl({ eta: 4 }), kernels: dense([['1/2', '1/2'], ['2/3', '1/3']]), error: /still squeezed out/ },
  { law: klGibbsBound, mutant: signFlipped(gibbs()), kernels: dense([['1/2', '1/2'], ['1/2', '1/2']]), error: /> p exp\(\(A - min A\)\/beta\)/ },
  { law: klPreservation, mutant: gibbsAnchoredAtCurrent(), kernels: dense([['1/2', '1/2'], ['1/2', '1/2']]), error: /less than delta/ },
  { law: klNoSqueezing, mutant: gibbsAnchoredAtCurrent(), kernels: dense([['1/2', '1/2'], ['2/3', '1/3']]), error: /still squeezed out/ },
  { law: rejectionPreserves, mutant: rlRejInvertedFilter({ eta: 4 }), kernels: [[['1/3', '2/3']], [['1'], ['1']]], error: /pass@6 falls at step 1:/ },
];

/** The smallest dense TMC (4 layers, 2 states each, uniform but for layer 1's rows `layer1`). */
function dense(layer1: string[][]): string[][][] {
  const uniform = [
    ['1/2', '1/2'],
    ['1/2', '1/2'],
  ];
  return [uniform, layer1, uniform];
}

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
