import ts from 'typescript';
import { defineConfig, type Plugin } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the `@mindts/source` export
// condition, so tests never run against a stale dist/.
const conditions = ['@mindts/source', 'import', 'module', 'node', 'default'];

/**
 * Standard (TC39) decorators such as `@jit`: Vite's transformer (oxc) only lowers legacy
 * decorators and Node 20 has none, so files that use them go through TypeScript first, as
 * `tsc -b` compiles them for the build.
 */
function standardDecorators(): Plugin {
  const usesDecorator = /^\s*@[A-Za-z_$][\w$.]*(\(.*\))?\s*$/m;
  return {
    name: 'mindts:standard-decorators',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('.ts') || id.includes('/node_modules/') || !usesDecorator.test(code)) return null;
      const out = ts.transpileModule(code, {
        fileName: id,
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, sourceMap: true, useDefineForClassFields: true },
      });
      return { code: out.outputText, map: out.sourceMapText ?? null };
    },
  };
}

export default defineConfig({
  plugins: [standardDecorators()],
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
