import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'proofs/**/*.proof.ts'],
    testTimeout: 170_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
