import fc from 'fast-check';
import { test } from 'vitest';
import { runs } from '../src/arbitraries/profile.ts';
import { raft } from '../src/methods/raft.ts';
import { raftStepEqualsAcceptedSampleFineTuning } from './laws/raft-step-equals-accepted-sample-fine-tuning.ts';

test("RAFT's exact step is eta times the mean grad log pi of the accepted CoTs (grad J / J), summed path by path", () => {
  fc.assert(raftStepEqualsAcceptedSampleFineTuning(raft({ eta: 2 })), { numRuns: runs(30) });
});
