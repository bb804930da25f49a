import { defineConfig } from 'vitest/config';

/** Browser tests: the real server (embedded PostgreSQL or DATABASE_URL) driven through Debian's Chromium. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    // A browser and a server on 2 shared cores: give polled UI conditions time under load.
    expect: { poll: { timeout: 10_000, interval: 100 } },
  },
});
