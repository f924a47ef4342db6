import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{apps,packages}/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time: most of the suite waits on PostgreSQL, Redis, child processes and the
    // browser, so two run side by side even on a 2-core machine (Vitest's default there is one).
    maxWorkers: 2,
    watch: false,
  },
});
