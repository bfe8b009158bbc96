import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { getBackend, listBackends, registerBackend, setBackend, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { type GpujsBackend, gpujs } from './index.js';

beforeAll(async () => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  registerBackend(gpujs({ name: 'gpujs-f16', mode: 'webasm', cpuThreshold: 0 }));
  await setBackend('gpujs-f16');
});

describe('float16 on gpu.js', () => {
  it("runs on the CPU backend (gpu.js shaders have no float16), a recorded fallback with its reason, with the CPU backend's results", () => {
    const b = getBackend() as GpujsBackend;
    const a = ops.cast(
      tensor(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        'float32',
      ),
      'float16',
    );
    const w = ops.cast(
      tensor(
        [
          [7, 8],
          [9, 10],
          [11, 12.0009765625],
        ],
        'float32',
      ),
      'float16',
    );
    const y = ops.matmul(a, w);
    expect(y.dtype).toBe('float16');
    expect(Array.from(y.dataSync())).toEqual([58, 64, 139, 154]);
    const reasons = b.explain().fallbacks.map((f) => `${f.primitive} → ${f.to}: ${f.reason}`);
    expect(reasons).toContain(
      "MatMul → cpu: MatMul of float16: gpu.js has no float16 storage (precision: single), so it keeps the CPU backend's float16 rounding",
    );
    expect(reasons).toContain('Cast → cpu: float16 has no float32 encoding on gpu.js (precision: single)');
  });
});
