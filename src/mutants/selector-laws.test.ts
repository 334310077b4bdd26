/**
 * Every law of properties/selector-laws.prop.ts fails on its sentinel selector
 * (src/mutants/selector-laws.ts) with a fixed seed, and fast-check shrinks the failure to the
 * smallest TMC that shows it, written here.
 */
import { expect, test } from 'vitest';
import { selectorLawInBaseSupport, selectorLawSumsToOne, selectorSamplerMatchesLaw } from '../../properties/selector-laws.prop.ts';
import { ormBon, softBon } from '../inference/index.ts';
import type { Selector } from '../inference/selector.ts';
import { runTheorem } from '../theorems/run.ts';
import type { Law } from '../theorems/theorem.ts';
import type { Tmc } from '../tmc.ts';
import { duplicatedCot, lastStateDropped, lastStateShifted, samplerFromBase, samplerLastStateShifted, scaledLaw, startedElsewhere, zeroProbabilityCot } from './selector-laws.ts';

interface Sentinel {
  readonly title: string;
  readonly law: Law<Selector>;
  readonly mutant: Selector;
  readonly kernels: string[][][];
  readonly target: number;
  readonly error: string;
}

const sentinels: Sentinel[] = [
  { title: 'ORM-BoN law scaled by 0.9', law: selectorLawSumsToOne, mutant: scaledLaw(ormBon(), 0.9), kernels: [[['1']]], target: 0, error: 'the probabilities of 1 CoT(s) sum to 0.9, not 1' },
  { title: 'ORM-BoN law listing a CoT twice', law: selectorLawSumsToOne, mutant: duplicatedCot(ormBon()), kernels: [[['1']]], target: 0, error: 'CoT 0-0 is listed twice' },
  { title: 'ORM-BoN law listing a CoT of probability 0', law: selectorLawSumsToOne, mutant: zeroProbabilityCot(ormBon()), kernels: [[['1']]], target: 0, error: 'CoT 0-0 has probability 0, not finite and positive' },
  { title: 'ORM-BoN law with paths one layer short', law: selectorLawInBaseSupport, mutant: lastStateDropped(ormBon()), kernels: [[['1']]], target: 0, error: 'CoT 0 is not one state per layer (2 layers, widths 1,1)' },
  { title: 'ORM-BoN law starting at the wrong state', law: selectorLawInBaseSupport, mutant: startedElsewhere(ormBon()), kernels: [[['1'], ['1']]], target: 0, error: "CoT 1-0 starts at 1, not at the task's start 0" },
  {
    title: "ORM-BoN law with each CoT's last state shifted",
    law: selectorLawInBaseSupport,
    mutant: lastStateShifted(ormBon()),
    kernels: [[['1']], [['1', '0']]],
    target: 0,
    error: 'CoT 0-0-1 takes edge 0->1 of layer 1, which the base never takes (p = 0)',
  },
  {
    title: "ORM-BoN sampling with the draw's last state shifted",
    law: selectorSamplerMatchesLaw,
    mutant: samplerLastStateShifted(ormBon()),
    kernels: [[['1', '0']]],
    target: 0,
    error: 'run 1 of the sampler returned 0-1, which the law gives probability 0',
  },
  {
    title: 'ORM-BoN sampling one base draw',
    law: selectorSamplerMatchesLaw,
    mutant: samplerFromBase(ormBon()),
    kernels: [[['1/2', '1/2']]],
    target: 1,
    error: 'CoT 0-0: sampled in 50.50% of 600 runs, law 0.00390625, gap 0.5011 > Bernstein bound 0.02249',
  },
  {
    title: 'Soft-BoN sampling one base draw',
    law: selectorSamplerMatchesLaw,
    mutant: samplerFromBase(softBon()),
    kernels: [[['1/2', '1/2']]],
    target: 1,
    error: 'CoT 0-0: sampled in 50.50% of 600 runs, law 0.293541, gap 0.2115 > Bernstein bound 0.1110',
  },
];

test.each(sentinels)('$law.claim fails on $title', ({ law, mutant, kernels, target, error }) => {
  const r = runTheorem(law.make(mutant), { seed: 1 });
  expect(r.status).toBe('failed');
  const tmc = (r.counterexample as { tmc: Tmc }).tmc;
  expect({ kernels: tmc.spec.kernels, tasks: tmc.spec.tasks }).toEqual({ kernels, tasks: [{ name: 'task1', start: 0, target }] });
  expect(r.error).toBe(error);
});
