/**
 * `npm run mutate`: StrykerJS over the update rules (src/methods/), the selectors (src/inference/)
 * and the exact quantities (src/exact/, src/policy.ts). Sized for a 2-core machine: incremental
 * (only mutants whose code or covering tests changed since the last run are re-run), per-test
 * coverage (a mutant runs only the tests that reach it, and only the test files that import its file),
 * and a focused vitest config (./vitest.config.ts) with the fast-check seed pinned. From scratch the
 * 1,466 mutants take 24 min on 2 cores (2026-11-29); with the incremental file, a change costs only
 * the mutants it touches.
 * One folder at a time: `npm run mutate -- --mutate 'src/inference/**\/*.ts,!**\/*.test.ts'`.
 * Report: reports/mutation/mutation.json (and .html); equivalent survivors are listed in
 * fixtures/mutation-survivors.md.
 */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'bench/mutation/vitest.config.ts', related: true },
  coverageAnalysis: 'perTest',
  concurrency: 2,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  mutate: [
    'src/methods/**/*.ts',
    'src/inference/**/*.ts',
    'src/exact/**/*.ts',
    'src/policy.ts',
    '!**/*.test.ts',
    // Test helpers, not engine code.
    '!src/methods/_internals/test-tmcs.ts',
  ],
  ignorePatterns: ['.scratch', 'reports'],
  reporters: ['json', 'html', 'clear-text', 'progress'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 80, break: null },
  // Decimal steps are slow: allow a mutant 3x the covering tests' time plus 20 s before a timeout.
  timeoutFactor: 3,
  timeoutMS: 20_000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
