/**
 * The PyTorch 1.13 fixtures of the nn layers (packages/cell/fixtures/torch; the cpu backend's run
 * is packages/cell/src/nn/torchFixtures.test.ts) on the other backends Node runs, in float32: wasm
 * (one thread) and gpu.js's WebAssembly and JS modes with cpuThreshold 0, so every op takes
 * gpu.js's path. Here because @mindts/cell cannot depend on the backends, which test with it.
 */
import { gpujs } from '@mindts/backend-gpujs';
import { wasm } from '@mindts/backend-wasm';
import { expect } from 'vitest';
import { describeTorchFixtures } from '../../cell/fixtures/torch/describeTorchFixtures.js';

describeTorchFixtures({ backend: wasm({ name: 'wasm-fixtures', threads: 1 }), dtypes: ['float32'] });
for (const mode of ['webasm', 'cpu'] as const) {
  describeTorchFixtures({
    backend: gpujs({ name: `gpujs-${mode}-fixtures`, mode, cpuThreshold: 0 }),
    dtypes: ['float32'],
    checkBackend: (b) => expect(b.mode).toBe(mode),
  });
}
