import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { getBackend, ready, registerBackend, tensor } from '@mindts/tensor';
import { describe, expect, it } from 'vitest';
import { wasm } from './index.js';
import type { WasmBackend } from './wasmBackend.js';

describe('wasm()', () => {
  it('ranks above the CPU backend, so the default chain picks it when both are registered', async () => {
    // Registration order must not matter: priority decides.
    registerBackend(cpu());
    registerBackend(wasm());
    expect((await ready()).name).toBe('wasm');
    const b = getBackend() as WasmBackend;
    const y = ops.mul(tensor([1, 2, 3], 'float32'), tensor([2, 2, 2], 'float32'));
    expect(Array.from(y.dataSync())).toEqual([2, 4, 6]);
    expect(b.explain().fallbacks).toEqual([]);
  });

  it('validates its options', () => {
    expect(wasm({ name: 'w2', priority: 5 })).toMatchObject({ name: 'w2', priority: 5 });
    expect(() => wasm({ name: '' })).toThrow(/name/);
    expect(() => wasm({ priority: Number.NaN })).toThrow(/priority/);
    expect(() => wasm({ threads: 0 })).toThrow(/threads/);
    expect(() => wasm({ threads: 1.5 })).toThrow(/threads/);
  });
});
