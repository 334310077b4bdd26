import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'proofs/**/*.proof.ts'],
    testTimeout: 170_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // vitest's default leaves one core idle (cores - 1): on 2 cores the files would run one at a time.
    maxWorkers: availableParallelism(),
  },
});
