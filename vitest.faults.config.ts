import { defineConfig } from 'vitest/config';

/**
 * `npm run test:faults`: real server processes on a real PostgreSQL (started here when
 * TEST_DATABASE_URL is not set), killed, restarted and fed hostile input.
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    globalSetup: ['test/faults/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
