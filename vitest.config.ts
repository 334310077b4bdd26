import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const include = ['src/**/*.test.ts', 'proofs/**/*.proof.ts'];
// These load src/theorems/_fixtures/ in-process, whose laws would join the registry the other files
// read (src/theorems/test-isolation.test.ts finds every such file).
export const registering = [
  'src/cli/check.test.ts',
  'src/cli/explain.test.ts',
  'src/cli/pool/theorem-pool.test.ts',
  'src/theorems/run.test.ts',
  'src/theorems/witness.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 170_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // vitest's default leaves one core idle (cores - 1): on 2 cores the files would run one at a time.
    maxWorkers: availableParallelism(),
    projects: [
      // A worker keeps its modules from file to file: each file's fresh import of the engine and the
      // registry cost about a quarter of the CPU (import 37 s against 11 s, CPU 6 min 28 s against 4 min 42 s).
      { extends: true, test: { name: 'shared', include, exclude: registering, isolate: false } },
      { extends: true, test: { name: 'isolated', include: registering } },
    ],
  },
});
