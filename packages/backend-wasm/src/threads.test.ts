import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ops from '@mindts/ops';
import { getBackend, listBackends, registerBackend, removeBackend, setBackend } from '@mindts/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitRows } from './kernels/gemm.js';
import { PARALLEL_MIN_CONVERT } from './kernels/half.js';
import { closeMismatches, PARALLEL_CASES, seeded, useBackends, valuesOn } from './testing/harness.js';
import { wasm } from './wasm.js';
import type { WasmBackend } from './wasmBackend.js';

const THREADED = 'wasm-threads';

beforeAll(async () => {
  useBackends();
  if (!listBackends().includes(THREADED)) registerBackend(wasm({ name: THREADED, threads: 2 }));
  await setBackend(THREADED);
});
afterAll(() => removeBackend(THREADED));

async function threaded(): Promise<WasmBackend> {
  await setBackend(THREADED);
  return getBackend() as WasmBackend;
}

describe('splitRows', () => {
  it('gives each thread whole 4-row tiles, the remainder to the last, never an empty part', () => {
    expect(splitRows(10, 2)).toEqual([
      [0, 8],
      [8, 10],
    ]);
    expect(splitRows(16, 2)).toEqual([
      [0, 8],
      [8, 16],
    ]);
    expect(splitRows(7, 4)).toEqual([
      [0, 4],
      [4, 7],
    ]);
    expect(splitRows(3, 4)).toEqual([[0, 3]]);
    expect(splitRows(40, 3)).toEqual([
      [0, 16],
      [16, 32],
      [32, 40],
    ]);
  });
});

describe('wasm backend on 2 threads', () => {
  it('says so in explain()', async () => {
    const e = (await threaded()).explain();
    expect(e.threads).toBe(2);
    expect(e.summary).toMatch(/2 threads \(threads: 2, worker_threads on a shared memory/);
  });

  for (const [label, fn] of PARALLEL_CASES) {
    it(`${label}: equal to the CPU oracle, split over the threads`, async () => {
      const before = (await threaded()).explain().parallelRuns;
      const mine = await valuesOn(THREADED, fn);
      expect((await threaded()).explain().parallelRuns).toBeGreaterThan(before);
      const oracle = await valuesOn('cpu', fn);
      expect(closeMismatches(mine, oracle, 1e-4, 1e-3)).toEqual([]);
    });
  }

  it('converts float16 ↔ float32 split over the threads from PARALLEL_MIN_CONVERT elements, equal to the CPU oracle', async () => {
    const n = PARALLEL_MIN_CONVERT + 13; // not a multiple of 8: the last part ends in the scalar tail
    // Past float16's range too (±∞); rounded to float16 and widened back, each conversion split.
    const fn = () => ops.cast(ops.cast(ops.mul(seeded([n], 5), 70000), 'float16'), 'float32');
    const before = (await threaded()).explain().parallelRuns;
    const mine = await valuesOn(THREADED, fn);
    expect((await threaded()).explain().parallelRuns).toBeGreaterThanOrEqual(before + 2);
    const oracle = await valuesOn('cpu', fn);
    expect(closeMismatches(mine, oracle, 0, 0)).toEqual([]);
    const small = (await threaded()).explain().parallelRuns;
    await valuesOn(THREADED, () => ops.cast(seeded([PARALLEL_MIN_CONVERT - 8], 6), 'float16'));
    expect((await threaded()).explain().parallelRuns).toBe(small);
  });

  it('keeps small products on the calling thread', async () => {
    const before = (await threaded()).explain().parallelRuns;
    await valuesOn(THREADED, () => ops.matmul(seeded([32, 32], 1), seeded([32, 32], 2)));
    expect((await threaded()).explain().parallelRuns).toBe(before);
  });

  it('after dispose(), stops its workers and computes on one thread', async () => {
    registerBackend(wasm({ name: 'wasm-disposed', threads: 2 }));
    await setBackend('wasm-disposed');
    const b = getBackend() as WasmBackend;
    expect(b.explain().threads).toBe(2);
    b.dispose();
    expect(b.explain()).toMatchObject({ threads: 1, threadsReason: 'workers stopped by dispose()' });
    const fn = PARALLEL_CASES[0]![1];
    const mine = await valuesOn('wasm-disposed', fn);
    expect(closeMismatches(mine, await valuesOn('cpu', fn), 1e-4, 1e-3)).toEqual([]);
    removeBackend('wasm-disposed');
  });
});

// The built package (the root `pnpm test` builds first): a script that uses threads and never
// disposes must still end, because the workers are unref'd.
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
describe.runIf(existsSync(join(root, 'dist', 'index.js')))('worker threads and process exit', () => {
  it('a script that never disposes the backend still exits', () => {
    const script = [
      "import { wasm } from '@mindts/backend-wasm';",
      "import * as ops from '@mindts/ops';",
      "import { fromValues, getBackend, registerBackend, setBackend } from '@mindts/tensor';",
      "registerBackend(wasm({ name: 'w', threads: 2 }));",
      "await setBackend('w');",
      "const a = fromValues(new Float32Array(256 * 256).fill(1), [256, 256], 'float32');",
      'const y = ops.matmul(a, a).dataSync();',
      'console.log(y[0], getBackend().explain().parallelRuns);',
    ].join('\n');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, timeout: 30_000, encoding: 'utf8' });
    expect(r.error).toBeUndefined();
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('256 1');
    expect(r.status).toBe(0);
  });
});
