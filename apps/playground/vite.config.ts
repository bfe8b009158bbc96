import { defineConfig } from 'vite';
import { digitsPlugin } from './src/build/digitsPlugin.js';
import { NODE_ONLY_FILES, nodeOnlyStubs } from './src/build/nodeOnlyStubs.js';
import { wordsPlugin } from './src/build/wordsPlugin.js';

// Cross-origin isolation gives the page SharedArrayBuffer, so the wasm backend can split its
// products over Web Workers; nothing else is loaded from another origin.
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  // The workspace packages' TypeScript sources (their `@mindts/source` export), as vitest uses them.
  resolve: { conditions: ['@mindts/source', 'browser', 'module', 'import', 'default'] },
  plugins: [digitsPlugin(), wordsPlugin(), nodeOnlyStubs()],
  server: { headers: ISOLATION },
  preview: { headers: ISOLATION },
  build: {
    target: 'es2022',
    sourcemap: true,
    // gpu.js (its own chunk, loaded when the gpu.js backend is created) is over 600 kB.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // Node-only code the page never runs (see nodeOnlyStubs.ts) is left out, as intended.
      onLog(level, log, handler) {
        const nodeOnly =
          log.message.includes('externalized for browser compatibility') && NODE_ONLY_FILES.some((f) => log.message.includes(f));
        if (!nodeOnly) handler(level, log);
      },
    },
  },
});
