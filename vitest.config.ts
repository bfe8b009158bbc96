import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the `@mindts/source` export
// condition, so tests never run against a stale dist/.
const conditions = ['@mindts/source', 'import', 'module', 'node', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ['**/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // The FinalizationRegistry safety net is tested by forcing collections.
    execArgv: ['--expose-gc'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
