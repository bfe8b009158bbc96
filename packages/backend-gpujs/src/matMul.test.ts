import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { uniform } from '@mindts/ops/testing';
import { listBackends, registerBackend, setBackend, type Tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { gpujs } from './index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  if (!listBackends().includes('gpujs-mm')) registerBackend(gpujs({ name: 'gpujs-mm', mode: 'webasm', cpuThreshold: 0 }));
});

async function on(backend: string, f: () => Tensor): Promise<number[]> {
  await setBackend(backend);
  const t = f();
  const v = Array.from(await t.data());
  t.dispose();
  return v;
}

// The k-loop is unrolled by 4 with running indices: every k % 4, both transposes and broadcast
// batches must still give the CPU backend's products.
describe('gpu.js MatMul (unrolled dot products)', () => {
  for (const k of [1, 3, 4, 7, 8, 13, 17]) {
    for (const [ta, tb] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as const) {
      it(`k = ${k}, transposeA ${ta}, transposeB ${tb}, batch [2, 1] × [3]`, async () => {
        const f = () => {
          const a = uniform(ta ? [2, 1, k, 5] : [2, 1, 5, k], k);
          const b = uniform(tb ? [3, 6, k] : [3, k, 6], k + 1);
          return ops.matmul(a, b, { transposeA: ta, transposeB: tb });
        };
        const mine = await on('gpujs-mm', f);
        const oracle = await on('cpu', f);
        expect(mine).toHaveLength(2 * 3 * 5 * 6);
        mine.forEach((v, i) => {
          expect(Math.abs(v - (oracle[i] as number))).toBeLessThan(1e-5);
        });
      });
    }
  }
});
