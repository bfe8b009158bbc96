import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { uniform } from '@mindts/ops/testing';
import { getBackend, listBackends, registerBackend, setBackend, type Tensor } from '@mindts/tensor';
import { type ElementwiseProgram, runKernel, tensorInfo, wrapInfo } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { wasm } from './index.js';
import type { WasmBackend } from './wasmBackend.js';

beforeAll(async () => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  if (!listBackends().includes('wasm')) registerBackend(wasm());
  await setBackend('wasm');
});

const h = (t: Tensor) => ops.cast(t, 'float16');

describe('wasm fused elementwise programs with float16', () => {
  it('equal the eager float16 kernels exactly: each float16 step rounds, over 3 blocks, with a bias row and a cast out', () => {
    const n = 40_000;
    const x = h(uniform([200, n / 200], 1, -3, 3));
    const bias = h(uniform([n / 200], 2));
    const program: ElementwiseProgram = {
      shape: [200, n / 200],
      inputs: [
        { shape: [200, n / 200], dtype: 'float16' },
        { shape: [n / 200], dtype: 'float16' },
      ],
      steps: [
        { kind: 'binary', op: 'mul', a: { input: 0 }, b: { input: 1 }, inDType: 'float16', dtype: 'float16' },
        { kind: 'unary', op: 'exp', x: { step: 0 }, inDType: 'float16', dtype: 'float16' },
        { kind: 'binary', op: 'add', a: { step: 1 }, b: { input: 0 }, inDType: 'float16', dtype: 'float16' },
        { kind: 'binary', op: 'greater', a: { step: 2 }, b: { input: 1 }, inDType: 'float16', dtype: 'bool' },
        { kind: 'where', cond: { step: 3 }, a: { step: 2 }, b: { input: 1 }, inDType: 'float16', dtype: 'float16' },
        { kind: 'cast', x: { step: 4 }, inDType: 'float16', dtype: 'float32' },
      ],
    };
    const backend = getBackend() as WasmBackend;
    const kernel = backend.compileElementwise(program);
    expect(kernel).toBeDefined();
    const fused = wrapInfo(kernel!([x, bias].map((t) => tensorInfo(t, backend))), backend);
    const s0 = runKernel('Binary', [x, bias], { op: 'mul' });
    const s2 = runKernel('Binary', [runKernel('Unary', [s0], { op: 'exp' }), x], { op: 'add' });
    const eager = runKernel('Cast', [runKernel('Where', [runKernel('Binary', [s2, bias], { op: 'greater' }), s2, bias], {})], {
      dtype: 'float32',
    });
    expect(fused.dtype).toBe('float32');
    expect(Array.from(fused.dataSync())).toEqual(Array.from(eager.dataSync()));
    // Not the float32 chain: the intermediate rounding is there.
    const x32 = ops.cast(x, 'float32');
    const unrounded = ops.add(ops.exp(ops.mul(x32, ops.cast(bias, 'float32'))), x32).dataSync();
    expect(Array.from(unrounded).some((v, i) => v !== s2.dataSync()[i])).toBe(true);
  });

  it("runs ReLU's float16 gradient (one fused program) to where(x > 0, dy, 0), with no fallback", () => {
    const backend = getBackend() as WasmBackend;
    const before = backend.explain().fallbacks.length;
    const x = h(uniform([64, 128], 3));
    const dy = h(uniform([64, 128], 4));
    const f = ops.vjp((v: Tensor) => ops.relu(v), x)[1];
    const compile = vi.spyOn(backend, 'compileElementwise');
    const got = (f(dy) as Tensor[])[0]!;
    expect(compile.mock.results.map((r) => typeof r.value)).toEqual(['function']);
    compile.mockRestore();
    expect(got.dtype).toBe('float16');
    const [xs, dys] = [x.dataSync(), dy.dataSync()];
    expect(Array.from(got.dataSync())).toEqual(Array.from(xs, (v, i) => (v > 0 ? dys[i] : 0)));
    expect(backend.explain().fallbacks.slice(before)).toEqual([]);
  });
});
