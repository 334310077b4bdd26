/**
 * The update-rule bugs that claims 1-4 cannot see (RAFT without `1/J`, PPO clipping on the wrong
 * side; src/mutants/update-rules.ts) and the wrong RL-rej filters fail the proof steps that pin each
 * rule's exact step to its definition, with a fixed seed, and fast-check shrinks each failure to the
 * one-fork case written out below.
 */
import fc from 'fast-check';
import { ppoStepAscendsClippedSurrogate } from '../../proofs/laws/ppo-step-ascends-clipped-surrogate.ts';
import { raftStepEqualsAcceptedSampleFineTuning } from '../../proofs/laws/raft-step-equals-accepted-sample-fine-tuning.ts';
import { reinforceStepEqualsEnumeratedWeightedScore } from '../../proofs/laws/reinforce-step-equals-enumerated-weighted-score.ts';
import { rlRejStepAscendsPassAtNPlus1 } from '../../proofs/laws/rl-rej-step-ascends-pass-at-n-plus-1.ts';
import { reinforce } from '../methods/reinforce.ts';
import { rlRej } from '../methods/rl-rej.ts';
import type { Tmc } from '../tmc.ts';
import { describeSentinels, task, type Sentinel } from './_internals/sentinels.ts';
import { ppoClippedOnWrongSide, raftWithoutNormalization, rlRejInvertedFilter, signFlipped } from './update-rules.ts';

const SEED = 1;


const twoTasks = [task('task1', 0, 0), task('task2', 0, 0)];

const sentinels: Record<string, Sentinel> = {
  'reinforce-step-equals-enumerated-weighted-score / REINFORCE descending': {
    property: () => reinforceStepEqualsEnumeratedWeightedScore(signFlipped(reinforce())),
    witness: { kernels: [[['2/3', '1/3']]], tasks: twoTasks },
    caseFields: { logits: null },
    error: 'task 0: step / eta vs sum over V of pi rho grad log pi[0][0][0]: -0.2222',
  },
  'raft-step-equals-accepted-sample-fine-tuning / RAFT without the 1/J normalization': {
    property: () => raftStepEqualsAcceptedSampleFineTuning(raftWithoutNormalization({ eta: 2 })),
    witness: { kernels: [[['2/3', '1/3']]], tasks: twoTasks },
    caseFields: { logits: null },
    error: 'task 0 (J = 0.666667): step / eta vs mean accepted grad log pi[0][0][0]: 0.2222',
  },
  'ppo-step-ascends-clipped-surrogate / PPO clipping on the wrong side': {
    property: () => ppoStepAscendsClippedSurrogate(ppoClippedOnWrongSide) as fc.IProperty<[{ tmc: Tmc }]>,
    witness: { kernels: [[['1/2', '1/2']]], tasks: [task('task1', 0, 0)] },
    caseFields: { logits: null, eta: 1, epsTenths: 1, epoch: 2 },
    error: 'row 0/0: every edge is clipped on its binding side, yet inner step 2 moves it by 0.235004, -0.235004',
  },
  'rl-rej-step-ascends-pass-at-n-plus-1 / RL-rej with the base-policy filter': {
    property: () => rlRejStepAscendsPassAtNPlus1((p) => rlRej({ ...p, filter: 'base' })) as fc.IProperty<[{ tmc: Tmc }]>,
    witness: { kernels: [[['2/3', '1/3']]], tasks: twoTasks },
    caseFields: { logits: [[[0, 0]]], n: 1 },
    error: 'task 0, n = 1: step vs (1/2) grad pass@2[0][0][0]: 0.08333',
  },
  'rl-rej-step-ascends-pass-at-n-plus-1 / RL-rej with the inverted filter': {
    property: () => rlRejStepAscendsPassAtNPlus1(rlRejInvertedFilter) as fc.IProperty<[{ tmc: Tmc }]>,
    witness: { kernels: [[['2/3', '1/3']]], tasks: twoTasks },
    caseFields: { logits: null, n: 1 },
    error: 'task 0, n = 1: step vs (1/2) grad pass@2[0][0][0]: 0.148148',
  },
};

describeSentinels('each update-rule proof step fails on its sentinel mutant and shrinks to a one-fork TMC', sentinels, SEED);
