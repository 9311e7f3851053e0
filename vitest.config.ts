import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/bench/**', 'test/faults/**', 'node_modules/**'],
    // PGlite takes 2–4 s to open: one instance per file, and enough time for it.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
