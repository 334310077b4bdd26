import fc from 'fast-check';
import { test } from 'vitest';
import { runs } from '../src/arbitraries/profile.ts';
import { rlRej } from '../src/methods/rl-rej.ts';
import { rlRejStepAscendsPassAtNPlus1 } from './laws/rl-rej-step-ascends-pass-at-n-plus-1.ts';

test("RL-rej's exact step with the current-policy filter is (eta/(n+1)) grad pass@(n+1)", () => {
  fc.assert(rlRejStepAscendsPassAtNPlus1(rlRej), { numRuns: runs(30) });
});
