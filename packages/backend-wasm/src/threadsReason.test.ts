import { afterEach, describe, expect, it, vi } from 'vitest';
import { wasm } from './wasm.js';

// What `explain()` says about threads where a browser would decide; the Web Workers themselves
// run in headless Chromium (scripts/browserConformance.mjs, on a cross-origin-isolated page).
describe('wasm({ threads }) reasons', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('names the workers that run', async () => {
    const backend = await wasm({ threads: 2 }).create();
    try {
      expect(backend.explain()).toMatchObject({ threads: 2, threadsReason: 'threads: 2, worker_threads on a shared memory' });
    } finally {
      backend.dispose();
    }
  });

  it('on a page that is not cross-origin isolated, says so and runs on one thread', async () => {
    vi.stubGlobal('SharedArrayBuffer', undefined);
    vi.stubGlobal('crossOriginIsolated', false);
    const backend = await wasm({ threads: 2 }).create();
    expect(backend.explain()).toMatchObject({ threads: 1 });
    expect(backend.explain().threadsReason).toMatch(/^threads: 2 asked, but no SharedArrayBuffer: the page is not cross-origin isolated/);
  });

  it('without SharedArrayBuffer elsewhere, says only that', async () => {
    vi.stubGlobal('SharedArrayBuffer', undefined);
    const backend = await wasm({ threads: 3 }).create();
    expect(backend.explain()).toMatchObject({ threads: 1, threadsReason: 'threads: 3 asked, but no SharedArrayBuffer here' });
  });
});
