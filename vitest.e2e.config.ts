import { defineConfig } from 'vitest/config';

/** Playwright journeys in Debian's Chromium against browser mode; one file at a time. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.spec.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
