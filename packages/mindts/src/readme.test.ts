import { afterAll, describe, expect, it } from 'vitest';
import * as ms from './index.js';

afterAll(() => {
  for (const name of ms.listBackends()) ms.removeBackend(name);
});

// The root README's umbrella snippet, kept runnable.
describe('README: the mindts umbrella', () => {
  it('runs as written', async () => {
    const { backend, skipped } = await ms.useDefaultBackends();
    expect(backend.name).toBe('wasm');
    expect(skipped).toEqual([{ backend: 'gpujs', reason: expect.stringContaining('no gpu.js GPU mode works here (requireGpu)') }]);
    const w = new ms.Parameter(ms.initializer('normal', [3, 2], ms.float32), 'w');
    expect([w.name, w.shape, w.dtype]).toEqual(['w', [3, 2], 'float32']);
    class Net extends ms.nn.Cell {
      dense = new ms.nn.Dense(3, 2);
    }
    expect(new Net().trainableParams().map((p) => p.name)).toEqual(['dense.weight', 'dense.bias']);
  });
});
