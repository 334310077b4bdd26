/**
 * Every sentinel zoo rule (src/mutants/zoo.ts) fails its zoo theorem, and fast-check shrinks the
 * counterexample to the small TMC written here; the saved counterexamples of the false zoo statements
 * (fixtures/counterexamples/zoo-*.json) still fail as recorded.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { rejectionPreserves } from '../../properties/rejection-preserves.prop.ts';
import { squeezing } from '../../properties/squeezing.prop.ts';
import { dapoTimeChange } from '../../properties/zoo-dapo-time-change.prop.ts';
import { entropyBonusGibbsLimit } from '../../properties/zoo-entropy-bonus-gibbs-limit.prop.ts';
import { passkHardMassFloor } from '../../properties/zoo-passk-hard-mass-floor.prop.ts';
import { pkpoPassAtKAscent } from '../../properties/zoo-pkpo-pass-at-k-ascent.prop.ts';
import { rescaledReinforce } from '../../properties/zoo-rescaled-reinforce.prop.ts';
import { hasRankGap, unlikelinessSqueezes } from '../../properties/zoo-unlikeliness-squeezes.prop.ts';
import { entropyBonus } from '../methods/entropy-bonus.ts';
import { passAtKTraining } from '../methods/pass-at-k-training.ts';
import { pkpo } from '../methods/pkpo.ts';
import { unlikeliness } from '../methods/unlikeliness.ts';
import type { UpdateRule } from '../methods/update-rule.ts';
import { runTheorem } from '../theorems/run.ts';
import type { Law } from '../theorems/theorem.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import type { Tmc } from '../tmc.ts';
import { signFlipped } from './update-rules.ts';
import { dapoUnconditioned, drGrpoWithStd, entropyTokenLevel, nsrRewardingWrong, pkpoGroupPassAtK, rlooBaselineWithSelf } from './zoo.ts';

const sentinels: { law: Law<UpdateRule>; mutant: UpdateRule; label: string; kernels: readonly (readonly (readonly string[])[])[]; error: RegExp }[] = [
  { law: rescaledReinforce, mutant: rlooBaselineWithSelf(), label: 'rloo with its own reward in the baseline', kernels: [[['1/2', '1/2']]], error: /not eta kappa dJ/ },
  { law: rescaledReinforce, mutant: nsrRewardingWrong(), label: 'nsr rewarding wrong samples', kernels: [[['1/2', '1/2']]], error: /not eta kappa dJ/ },
  { law: rescaledReinforce, mutant: drGrpoWithStd(), label: 'dr-grpo with the std', kernels: [[['1/2', '1/2']]], error: /not eta kappa dJ/ },
  { law: pkpoPassAtKAscent, mutant: pkpoGroupPassAtK(), label: 'pkpo with the group pass@k as reward', kernels: [[['1/3', '2/3']]], error: /not \(eta\/G\) d pass@2/ },
  { law: dapoTimeChange, mutant: dapoUnconditioned(), label: 'dapo without the conditioning', kernels: [[['1/3', '2/3']]], error: /not s = / },
  { law: entropyBonusGibbsLimit, mutant: entropyTokenLevel({ alpha: 0.5, eta: 2 }), label: 'token-level entropy loss (clause 1: fixed point)', kernels: [[['2/3', '1/3']], [['1/3', '2/3'], ['1', '0']]], error: /^1: .*not a fixed point/ },
  { law: entropyBonusGibbsLimit, mutant: signFlipped(entropyBonus({ alpha: 0.5, eta: 2 })), label: 'entropy bonus descending (clause 2: KL to pi* falls)', kernels: [[['1/3', '2/3']]], error: /^2: KL\(pi_t \|\| pi\*\) does not fall at step 1: / },
  { law: passkHardMassFloor, mutant: signFlipped(passAtKTraining({ eta: 4 })), label: 'pass@k training descending', kernels: [[['1/3', '2/3']], [['1'], ['1']]], error: /below the floor/ },
  { law: rejectionPreserves, mutant: signFlipped(pkpoAsRejection()), label: 'pkpo descending', kernels: [[['1/3', '2/3']], [['1'], ['1']]], error: /falls at step 1/ },
  { law: unlikelinessSqueezes, mutant: signFlipped(unlikeliness({ group: 2, eta: 4 })), label: 'unlikeliness descending', kernels: [[['4/7', '3/7']], [['1', '0'], ['0', '1']], [['3/4', '1/4'], ['0', '1']]], error: /J does not increase/ },
];

/** PKPO declaring RL-rej's `n = k - 1`, as zoo-pkpo-keeps-hard-mass runs it. */
function pkpoAsRejection(): UpdateRule {
  const rule = pkpo({ eta: 4 });
  return { ...rule, params: { ...rule.params, n: 1 } };
}

test.each(sentinels)('$label fails $law.claim', ({ law, mutant, kernels, error }) => {
  const r = runTheorem(law.make(mutant), { seed: 1 });
  expect(r.status).toBe('failed');
  const tmc = (r.counterexample as { tmc: Tmc }).tmc;
  expect(tmc.spec.kernels, `shrunk to:\n${tmc}`).toEqual(kernels);
  expect(r.error).toMatch(error);
});

/** A saved counterexample of a false zoo statement: its TMC and failing numbers. */
function counterexample(name: string): { tmc: Tmc; quantities: string } {
  const saved = JSON.parse(readFileSync(new URL(`../../fixtures/counterexamples/${name}.json`, import.meta.url), 'utf8'));
  return { tmc: tmcFromSpec(saved.tmc), quantities: saved.quantities };
}

test('pass@k training does not ascend pass@k, yet keeps the floor (zoo-passk--pass-at-k-never-falls)', () => {
  const { tmc, quantities } = counterexample('zoo-passk--pass-at-k-never-falls');
  const rule = passAtKTraining({ eta: 4 });
  const asRejection = rejectionPreserves.make({ ...rule, params: { ...rule.params, n: 3 } });
  expect(() => asRejection.property({ tmc })).toThrow(quantities);
  expect(() => passkHardMassFloor.make(rule).property({ tmc })).not.toThrow();
});

test('the unlikeliness reward keeps near-tied CoTs under H-gap (zoo-unlikeliness--squeezes-under-h-gap)', () => {
  const { tmc, quantities } = counterexample('zoo-unlikeliness--squeezes-under-h-gap');
  const theorem = squeezing.make(unlikeliness({ group: 2, eta: 4 }));
  expect(theorem.hypotheses.every((h) => h.holds({ tmc }))).toBe(true);
  expect(() => theorem.property({ tmc })).toThrow(quantities);
  expect(hasRankGap(tmc)).toBe(false);
});
