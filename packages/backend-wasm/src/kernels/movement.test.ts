import * as ops from '@mindts/ops';
import { type DType, fromValues } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { onBoth, seeded, useBackends, wasmBackend } from '../testing/harness.js';

beforeAll(useBackends);

// Raw byte moves: every storage width (1, 2, 4 and 8 bytes) must come out exactly as the oracle's.
const DTYPES: DType[] = ['float32', 'int32', 'bool', 'float16', 'int64', 'int8', 'float64'];
const MOVEMENT = ['Transpose', 'BroadcastTo', 'StridedSlice', 'Concat', 'Gather', 'SliceUpdate', 'ScatterAdd'];

describe('data movement on wasm', () => {
  for (const dtype of DTYPES) {
    it(`${dtype}: Transpose of ranks 0 to 4, including size-0 axes`, async () => {
      for (const [shape, perm] of [
        [[], []],
        [[7], [0]],
        [
          [3, 5],
          [1, 0],
        ],
        [
          [2, 3, 4],
          [2, 0, 1],
        ],
        [
          [2, 3, 4, 5],
          [3, 1, 0, 2],
        ],
        [
          [2, 0, 3],
          [2, 1, 0],
        ],
      ] as [number[], number[]][]) {
        const r = await onBoth(() => ops.transpose(seeded(shape, 1, dtype, -50, 50), perm));
        expect(r.wasm, `[${shape}] perm [${perm}]`).toEqual(r.cpu);
      }
    });

    it(`${dtype}: BroadcastTo new and size-1 axes`, async () => {
      for (const [shape, target] of [
        [[], [3, 2]],
        [[3], [2, 3]],
        [
          [3, 1],
          [3, 4],
        ],
        [
          [1, 4, 1],
          [2, 4, 5],
        ],
        [
          [2, 3],
          [2, 3],
        ],
        [[1], [0]],
      ] as [number[], number[]][]) {
        const r = await onBoth(() => runKernel('BroadcastTo', [seeded(shape, 2, dtype, -50, 50)], { shape: target }));
        expect(r.wasm, `[${shape}] to [${target}]`).toEqual(r.cpu);
      }
    });

    it(`${dtype}: StridedSlice with offsets, steps and negative steps`, async () => {
      for (const [begin, size, step] of [
        [
          [0, 0, 0],
          [4, 5, 6],
          [1, 1, 1],
        ],
        [
          [1, 4, 5],
          [2, 2, 3],
          [2, -2, -2],
        ],
        [
          [3, 0, 1],
          [4, 5, 2],
          [-1, 1, 3],
        ],
        [
          [2, 1, 0],
          [1, 0, 6],
          [1, 1, 1],
        ],
      ] as [number[], number[], number[]][]) {
        const r = await onBoth(() => runKernel('StridedSlice', [seeded([4, 5, 6], 3, dtype, -50, 50)], { begin, size, step }));
        expect(r.wasm, `begin [${begin}] size [${size}] step [${step}]`).toEqual(r.cpu);
      }
    });

    it(`${dtype}: Concat along every axis, with an empty input`, async () => {
      for (const axis of [0, 1, 2]) {
        const shape = (n: number) => [2, 3, 4].map((d, i) => (i === axis ? n : d));
        const r = await onBoth(() =>
          ops.concat([seeded(shape(2), 4, dtype, -50, 50), seeded(shape(0), 5, dtype), seeded(shape(3), 6, dtype, -50, 50)], axis),
        );
        expect(r.wasm, `axis ${axis}`).toEqual(r.cpu);
      }
    });

    it(`${dtype}: Gather along every axis with repeated and negative indices`, async () => {
      for (const axis of [0, 1, 2]) {
        const r = await onBoth(() =>
          runKernel('Gather', [seeded([3, 4, 5], 7, dtype, -50, 50), fromValues([2, -1, 0, 2, -3, 1], [2, 3], 'int32')], { axis }),
        );
        expect(r.wasm, `axis ${axis}`).toEqual(r.cpu);
      }
      const empty = await onBoth(() => runKernel('Gather', [seeded([3, 4], 8, dtype), fromValues([], [0], 'int32')], { axis: 1 }));
      expect(empty.wasm).toEqual(empty.cpu);
    });

    it(`${dtype}: SliceUpdate of strided regions, negative steps and a scalar tensor`, async () => {
      for (const [begin, size, step] of [
        [
          [0, 0, 0],
          [4, 5, 6],
          [1, 1, 1],
        ],
        [
          [1, 4, 5],
          [2, 2, 3],
          [2, -2, -2],
        ],
        [
          [3, 0, 1],
          [4, 5, 2],
          [-1, 1, 3],
        ],
        [
          [2, 1, 0],
          [1, 0, 6],
          [1, 1, 1],
        ],
      ] as [number[], number[], number[]][]) {
        const r = await onBoth(() =>
          runKernel('SliceUpdate', [seeded([4, 5, 6], 9, dtype, -50, 50), seeded(size, 10, dtype, -50, 50)], { begin, size, step }),
        );
        expect(r.wasm, `begin [${begin}] size [${size}] step [${step}]`).toEqual(r.cpu);
      }
      const s = await onBoth(() =>
        runKernel('SliceUpdate', [seeded([], 11, dtype), seeded([], 12, dtype)], { begin: [], size: [], step: [] }),
      );
      expect(s.wasm).toEqual(s.cpu);
    });
  }

  for (const dtype of ['float32', 'int32'] as DType[]) {
    it(`${dtype}: ScatterAdd accumulates repeated and negative indices in order, along every axis`, async () => {
      for (const axis of [0, 1, 2]) {
        const ix = [1, -1, 1, 0, 1];
        const shape = [3, 4, 7].map((d, i) => (i === axis ? ix.length : d));
        const r = await onBoth(() =>
          runKernel(
            'ScatterAdd',
            [seeded([3, 4, 7], 13, dtype, -50, 50), fromValues(ix, [5], 'int32'), seeded(shape, 14, dtype, -50, 50)],
            { axis },
          ),
        );
        expect(r.wasm, `axis ${axis}`).toEqual(r.cpu);
      }
    });
  }

  it('ran all of that in wasm', async () => {
    const b = await wasmBackend();
    expect(b.explain().fallbacks.filter((f) => MOVEMENT.includes(f.primitive))).toEqual([]);
  });

  it('leaves invalid attributes to the CPU kernels, whose errors reach the caller', async () => {
    const b = await wasmBackend();
    const x = seeded([2, 3], 1);
    expect(() => runKernel('Transpose', [x], { perm: [0, 0] })).toThrow(/Transpose/);
    expect(() => runKernel('BroadcastTo', [x], { shape: [4, 3] })).toThrow();
    expect(() => runKernel('StridedSlice', [x], { begin: [0, 2], size: [2, 2], step: [1, 1] })).toThrow(/StridedSlice/);
    expect(() => runKernel('Concat', [x, seeded([2, 4, 1], 2)], { axis: 1 })).toThrow(/Concat/);
    expect(() => runKernel('Gather', [x, fromValues([0, 3], [2], 'int32')], { axis: 1 })).toThrow(/Gather/);
    expect(() => runKernel('Gather', [x, fromValues([-3], [1], 'int32')], { axis: 0 })).toThrow(/Gather/);
    expect(() => runKernel('ScatterAdd', [x, fromValues([2], [1], 'int32'), seeded([1, 3], 3)], { axis: 0 })).toThrow(/ScatterAdd/);
    expect(() => runKernel('SliceUpdate', [x, seeded([1, 2], 4)], { begin: [0, 2], size: [1, 2], step: [1, 1] })).toThrow(/SliceUpdate/);
    expect(b.explain().fallbacks.filter((f) => MOVEMENT.includes(f.primitive))).toEqual([]);
    x.dispose();
  });
});
