import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'api',
          include: ['packages/schemas/src/**/*.test.ts', 'packages/api/src/**/*.test.ts', 'packages/api/test/**/*.test.ts', 'test/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['packages/api/test/global-setup.ts'],
          // PGlite starts in ~2 s per file; PostgreSQL tests create their own database.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
