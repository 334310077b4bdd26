/**
 * Every sentinel zoo rule (src/mutants/zoo.ts) fails its zoo theorem, and fast-check shrinks the
 * counterexample to the small TMC written here.
 */
import { expect, test } from 'vitest';
import { dapoTimeChange } from '../../properties/zoo-dapo-time-change.prop.ts';
import { entropyBonusGibbsLimit } from '../../properties/zoo-entropy-bonus-gibbs-limit.prop.ts';
import { pkpoPassAtKAscent } from '../../properties/zoo-pkpo-pass-at-k-ascent.prop.ts';
import { rescaledReinforce } from '../../properties/zoo-rescaled-reinforce.prop.ts';
import type { UpdateRule } from '../methods/update-rule.ts';
import { runTheorem } from '../theorems/run.ts';
import type { Law } from '../theorems/theorem.ts';
import type { Tmc } from '../tmc.ts';
import { dapoUnconditioned, drGrpoWithStd, entropyTokenLevel, nsrRewardingWrong, pkpoGroupPassAtK, rlooBaselineWithSelf } from './zoo.ts';

const sentinels: { law: Law<UpdateRule>; mutant: UpdateRule; label: string; kernels: readonly (readonly (readonly string[])[])[]; error: RegExp }[] = [
  { law: rescaledReinforce, mutant: rlooBaselineWithSelf(), label: 'rloo with its own reward in the baseline', kernels: [[['1/2', '1/2']]], error: /not eta kappa dJ/ },
  { law: rescaledReinforce, mutant: nsrRewardingWrong(), label: 'nsr rewarding wrong samples', kernels: [[['1/2', '1/2']]], error: /not eta kappa dJ/ },
  { law: rescaledReinforce, mutant: drGrpoWithStd(), label: 'dr-grpo with the std', kernels: [[['1/2', '1/2']]], error: /not eta kappa dJ/ },
  { law: pkpoPassAtKAscent, mutant: pkpoGroupPassAtK(), label: 'pkpo with the group pass@k as reward', kernels: [[['1/3', '2/3']]], error: /not \(eta\/G\) d pass@2/ },
  { law: dapoTimeChange, mutant: dapoUnconditioned(), label: 'dapo without the conditioning', kernels: [[['1/3', '2/3']]], error: /not s = / },
  { law: entropyBonusGibbsLimit, mutant: entropyTokenLevel({ alpha: 0.5, eta: 2 }), label: 'token-level entropy loss', kernels: [[['2/3', '1/3']], [['1/3', '2/3'], ['1', '0']]], error: /not a fixed point/ },
];

test.each(sentinels)('$label fails $law.claim', ({ law, mutant, kernels, error }) => {
  const r = runTheorem(law.make(mutant), { seed: 1 });
  expect(r.status).toBe('failed');
  const tmc = (r.counterexample as { tmc: Tmc }).tmc;
  expect(tmc.spec.kernels, `shrunk to:\n${tmc}`).toEqual(kernels);
  expect(r.error).toMatch(error);
});
