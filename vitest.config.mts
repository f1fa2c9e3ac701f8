import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Most suites wait on simulators, browsers and child processes rather than compute; vitest's
    // default of (cores − 1) workers runs them one at a time on a 2-core CI machine.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
