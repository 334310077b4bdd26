/**
 * # Self-test claims for the registry, `tmc check` and `tmc necessity`
 *
 * Not claims of the paper: tiny theorems with known verdicts, so the runner and the CLI are tested
 * without depending on properties/. Loaded with `--properties src/theorems/_fixtures`.
 *
 * - `selftest/easy-cots` (true): under H-all-easy (every support edge easy) and H-tree, every valid
 *   CoT of task 1 is easy. H-all-easy is necessary (witness: a hard valid CoT); H-tree is not.
 * - `selftest/one-cot` (false): task 1 has exactly one valid CoT. Smallest counterexample: 3 layers,
 *   widths 1,2,1.
 * - law `selftest-step` (update rules of family rlvr): one exact step from the base policy keeps
 *   every valid CoT's probability positive.
 */
import { tmcArbitrary } from '../../arbitraries/tmc.ts';
import { taskCots } from '../../exact/correctness.ts';
import { pathProbability } from '../../exact/paths.ts';
import { isTree } from '../../hypotheses.ts';
import { reinforce } from '../../methods/reinforce.ts';
import { trainContext, type UpdateRule } from '../../methods/update-rule.ts';
import { tmcFromSpec } from '../../tmc-file.ts';
import type { Tmc } from '../../tmc.ts';
import { registerLaw, registerTheorem } from '../registry.ts';
import type { Law, Theorem } from '../theorem.ts';

interface TaskCase {
  readonly tmc: Tmc;
  readonly task: number;
}

/** The same TMC with every support edge marked easy. */
function allEasy(tmc: Tmc): Tmc {
  return tmcFromSpec({ ...tmc.spec, easy: tmc.kernels.map((k) => k.map((row) => row.map((p) => p.gt(0)))) });
}

const small = { maxLayers: 3, maxWidth: 2 } as const;

export const easyCots: Theorem<TaskCase> = {
  id: 'selftest/easy-cots',
  claim: 'selftest',
  statement: 'H-all-easy, H-tree => every o in V_1 is easy',
  hypotheses: [
    {
      id: 'H-all-easy',
      description: 'every support edge is easy',
      holds: (c) => c.tmc.kernels.every((k, l) => k.every((row, u) => row.every((p, v) => p.isZero() || c.tmc.easy[l][u][v]))),
    },
    { id: 'H-tree', description: 'every state has one prefix', holds: (c) => isTree(c.tmc) },
  ],
  arbitrary: (without) => {
    const tmcs =
      without === 'H-all-easy'
        ? tmcArbitrary({ ...small, tree: true, hardValid: true })
        : without === 'H-tree'
          ? tmcArbitrary({ minLayers: 4, maxLayers: 4, maxWidth: 2 }).map(allEasy) // a state of layer 2 can have two prefixes
          : tmcArbitrary({ ...small, tree: true }).map(allEasy);
    return tmcs.map((tmc) => ({ tmc, task: 0 }));
  },
  property: (c) => {
    const hard = taskCots(c.tmc, c.task).cots.filter((o) => o.kind === 'hard');
    if (hard.length > 0) throw new Error(`hard valid CoT ${hard[0].path.join('-')} with p(o) = ${hard[0].p}`);
  },
  numRuns: 20,
  classify: (c) => (taskCots(c.tmc, c.task).cots.length > 1 ? ['several valid CoTs'] : []),
  minShares: { 'several valid CoTs': 0.05 },
};

export const oneCot: Theorem<TaskCase> = {
  id: 'selftest/one-cot',
  claim: 'selftest',
  statement: '|V_1| = 1 (false)',
  hypotheses: [],
  arbitrary: () => tmcArbitrary({ maxLayers: 4, maxWidth: 3 }).map((tmc) => ({ tmc, task: 0 })),
  property: (c) => {
    const n = taskCots(c.tmc, c.task).cots.length;
    if (n !== 1) throw new Error(`|V_1| = ${n}`);
  },
  numRuns: 50,
};

export const stepKeepsCots: Law<UpdateRule> = {
  claim: 'selftest-step',
  kind: 'update-rule',
  appliesTo: (rule) => rule.family === 'rlvr',
  make: (rule): Theorem<TaskCase> => ({
    id: `selftest-step/${rule.name}`,
    claim: 'selftest-step',
    statement: 'pi_1(o) > 0 for every o in V_1 after one exact step from p',
    hypotheses: [],
    arbitrary: () => tmcArbitrary(small).map((tmc) => ({ tmc, task: 0 })),
    property: (c) => {
      const ctx = trainContext(c.tmc, c.task);
      const pi = rule.exactStep(ctx.base, ctx);
      for (const o of ctx.tc.cots) {
        if (!pathProbability(pi.probs, o.path).gt(0)) throw new Error(`pi(${o.path.join('-')}) = 0 after one step`);
      }
    },
    numRuns: 15,
  }),
};

registerTheorem(easyCots);
registerTheorem(oneCot);
registerLaw(stepKeepsCots, [reinforce()]);
