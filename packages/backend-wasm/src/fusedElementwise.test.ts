import { cpu } from '@mindts/backend-cpu';
import { uniform } from '@mindts/ops/testing';
import { getBackend, listBackends, registerBackend, setBackend, type Tensor, tensor } from '@mindts/tensor';
import { type ElementwiseProgram, runKernel, tensorInfo, wrapInfo } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { wasm } from './index.js';
import type { WasmBackend } from './wasmBackend.js';

beforeAll(async () => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  if (!listBackends().includes('wasm')) registerBackend(wasm());
  await setBackend('wasm');
});

/** The program run as one blocked kernel, and its steps run one by one with the eager kernels. */
function both(program: ElementwiseProgram, inputs: Tensor[]): [number[], number[]] {
  const backend = getBackend() as WasmBackend;
  const kernel = backend.compileElementwise(program);
  if (!kernel) throw new Error('not compiled');
  const fused = wrapInfo(kernel(inputs.map((t) => tensorInfo(t, backend))), backend);
  const vals: Tensor[] = [];
  const get = (r: { input: number } | { step: number }) => ('input' in r ? (inputs[r.input] as Tensor) : (vals[r.step] as Tensor));
  for (const s of program.steps) {
    if (s.kind === 'unary') vals.push(runKernel('Unary', [get(s.x)], { op: s.op }));
    else if (s.kind === 'binary') vals.push(runKernel('Binary', [get(s.a), get(s.b)], { op: s.op }));
    else if (s.kind === 'where') vals.push(runKernel('Where', [get(s.cond), get(s.a), get(s.b)], {}));
    else vals.push(runKernel('Cast', [get(s.x)], { dtype: s.dtype }));
  }
  const eager = vals.at(-1) as Tensor;
  expect(fused.shape).toEqual(eager.shape);
  expect(fused.dtype).toBe(eager.dtype);
  return [Array.from(fused.dataSync()), Array.from(eager.dataSync())];
}

describe('wasm fused elementwise programs (blocked)', () => {
  it('equal the eager kernels exactly: a long chain with transcendental and fallback ops over 3 blocks', () => {
    const n = 40_000;
    const x = uniform([n], 1, -3, 3);
    const program: ElementwiseProgram = {
      shape: [n],
      inputs: [
        { shape: [n], dtype: 'float32' },
        { shape: [], dtype: 'float32' },
      ],
      steps: [
        { kind: 'binary', op: 'mul', a: { input: 0 }, b: { input: 1 }, inDType: 'float32', dtype: 'float32' },
        { kind: 'unary', op: 'tanh', x: { step: 0 }, inDType: 'float32', dtype: 'float32' },
        { kind: 'unary', op: 'sin', x: { step: 1 }, inDType: 'float32', dtype: 'float32' }, // no wasm kernel: CPU function
        { kind: 'unary', op: 'exp', x: { step: 2 }, inDType: 'float32', dtype: 'float32' },
        { kind: 'binary', op: 'pow', a: { step: 3 }, b: { input: 0 }, inDType: 'float32', dtype: 'float32' },
        { kind: 'unary', op: 'relu', x: { step: 4 }, inDType: 'float32', dtype: 'float32' },
      ],
    };
    const [fused, eager] = both(program, [x, tensor(1.5, 'float32')]);
    expect(fused).toEqual(eager);
  });

  it('erf and the exact gelu run the eager SIMD kernel: equal to eager exactly, a bias add fused before them', () => {
    const [rows, cols] = [300, 70];
    const x = uniform([rows, cols], 4, -4, 4);
    const bias = uniform([cols], 5);
    for (const op of ['gelu', 'erf'] as const) {
      const program: ElementwiseProgram = {
        shape: [rows, cols],
        inputs: [
          { shape: [rows, cols], dtype: 'float32' },
          { shape: [cols], dtype: 'float32' },
        ],
        steps: [
          { kind: 'binary', op: 'add', a: { input: 0 }, b: { input: 1 }, inDType: 'float32', dtype: 'float32' },
          { kind: 'unary', op, x: { step: 0 }, inDType: 'float32', dtype: 'float32' },
        ],
      };
      const [fused, eager] = both(program, [x, bias]);
      expect(fused).toEqual(eager);
    }
  });

  it('broadcast rows and columns, comparisons, where and casts', () => {
    const a = uniform([300, 50], 2);
    const bias = uniform([50], 3);
    const col = uniform([300, 1], 4);
    const program: ElementwiseProgram = {
      shape: [300, 50],
      inputs: [
        { shape: [300, 50], dtype: 'float32' },
        { shape: [50], dtype: 'float32' },
        { shape: [300, 1], dtype: 'float32' },
      ],
      steps: [
        { kind: 'binary', op: 'add', a: { input: 0 }, b: { input: 1 }, inDType: 'float32', dtype: 'float32' },
        { kind: 'binary', op: 'greater', a: { step: 0 }, b: { input: 2 }, inDType: 'float32', dtype: 'bool' },
        { kind: 'where', cond: { step: 1 }, a: { step: 0 }, b: { input: 2 }, inDType: 'float32', dtype: 'float32' },
        { kind: 'binary', op: 'mul', a: { step: 2 }, b: { input: 2 }, inDType: 'float32', dtype: 'float32' },
        { kind: 'cast', x: { step: 3 }, inDType: 'float32', dtype: 'int32' },
        { kind: 'binary', op: 'mod', a: { step: 4 }, b: { step: 4 }, inDType: 'int32', dtype: 'int32' },
        { kind: 'binary', op: 'equal', a: { step: 5 }, b: { step: 4 }, inDType: 'int32', dtype: 'bool' },
        { kind: 'unary', op: 'logicalNot', x: { step: 6 }, inDType: 'bool', dtype: 'bool' },
      ],
    };
    const [fused, eager] = both(program, [a, bias, col]);
    expect(fused).toEqual(eager);
  });

  it('rows longer than a block are split into chunks', () => {
    const a = uniform([3, 40000], 5);
    const col = uniform([3, 1], 6);
    const program: ElementwiseProgram = {
      shape: [3, 40000],
      inputs: [
        { shape: [3, 40000], dtype: 'float32' },
        { shape: [3, 1], dtype: 'float32' },
      ],
      steps: [
        { kind: 'binary', op: 'sub', a: { input: 0 }, b: { input: 1 }, inDType: 'float32', dtype: 'float32' },
        { kind: 'unary', op: 'exp', x: { step: 0 }, inDType: 'float32', dtype: 'float32' },
      ],
    };
    const [fused, eager] = both(program, [a, col]);
    expect(fused).toEqual(eager);
  });

  it('channel broadcasts ([1, C, 1, 1] over [N, C, H, W], as BatchNorm makes them)', () => {
    const x = uniform([4, 6, 5, 7], 7);
    const scale = uniform([1, 6, 1, 1], 8);
    const shift = uniform([6, 1, 1], 9);
    const program: ElementwiseProgram = {
      shape: [4, 6, 5, 7],
      inputs: [
        { shape: [4, 6, 5, 7], dtype: 'float32' },
        { shape: [1, 6, 1, 1], dtype: 'float32' },
        { shape: [6, 1, 1], dtype: 'float32' },
      ],
      steps: [
        { kind: 'binary', op: 'mul', a: { input: 0 }, b: { input: 1 }, inDType: 'float32', dtype: 'float32' },
        { kind: 'binary', op: 'add', a: { step: 0 }, b: { input: 2 }, inDType: 'float32', dtype: 'float32' },
        { kind: 'unary', op: 'relu', x: { step: 1 }, inDType: 'float32', dtype: 'float32' },
        { kind: 'unary', op: 'sin', x: { step: 2 }, inDType: 'float32', dtype: 'float32' },
      ],
    };
    const [fused, eager] = both(program, [x, scale, shift]);
    expect(fused).toEqual(eager);
  });

  it('leaves programs it cannot block to the caller (a SIMD map of a broadcast operand, float64)', () => {
    const backend = getBackend() as WasmBackend;
    expect(
      backend.compileElementwise({
        shape: [4, 3],
        inputs: [{ shape: [3], dtype: 'float32' }],
        steps: [
          { kind: 'unary', op: 'exp', x: { input: 0 }, inDType: 'float32', dtype: 'float32' },
          { kind: 'unary', op: 'neg', x: { step: 0 }, inDType: 'float32', dtype: 'float32' },
        ],
      }),
    ).toBeUndefined();
    expect(
      backend.compileElementwise({
        shape: [4],
        inputs: [{ shape: [4], dtype: 'float64' }],
        steps: [{ kind: 'unary', op: 'neg', x: { input: 0 }, inDType: 'float64', dtype: 'float64' }],
      }),
    ).toBeUndefined();
  });
});
