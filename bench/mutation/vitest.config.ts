/**
 * The vitest config of mutation runs (./stryker.config.mjs): the tests that exercise the mutated
 * code (engine and rule/selector unit tests, proofs, sentinel-mutant tests, the theorem battery),
 * with the fast-check seed and `TMC_SEED` pinned (./pin-seed.ts) so that test names and verdicts are
 * the same in the dry run and in every mutant run. CLI, plot, explain and paper-table tests are left
 * out: they reach the mutated code only through the paths these tests cover.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: [
      'src/exact/**/*.test.ts',
      'src/methods/**/*.test.ts',
      'src/inference/**/*.test.ts',
      'src/mutants/**/*.test.ts',
      'src/theorems/battery-*.test.ts',
      'proofs/**/*.proof.ts',
    ],
    setupFiles: [fileURLToPath(new URL('./pin-seed.ts', import.meta.url))],
    testTimeout: 170_000,
    hookTimeout: 60_000,
  },
});
