/**
 * `MatMul` on the wasm backend: float32 through the packed-panel SIMD GEMM, one call per
 * batch entry (broadcast batch dims pick their operands by stride; transposes are strides
 * the packing absorbs), each split by rows over the backend's threads (./gemm.ts). float16
 * operands are converted while packing and the float32 product rounded to float16 once
 * (stored as float16, computed in float32). Other dtypes fall back to the CPU backend.
 */
import { broadcastShapes, type KernelFunc, shapeString, stridesOf, type TensorInfo } from '@mindts/tensor/backend';
import type { WasmBackend } from '../wasmBackend.js';
import { gemm } from './gemm.js';
import { narrow, widen } from './half.js';

/** Element offset of each output batch entry in an input of batch shape `inBatch`. */
function batchOffsets(outBatch: readonly number[], inBatch: readonly number[], matrixSize: number): number[] {
  const padded = [...Array<number>(outBatch.length - inBatch.length).fill(1), ...inBatch];
  const strides = stridesOf(padded).map((s, i) => (padded[i] === 1 ? 0 : s * matrixSize));
  let offsets = [0];
  for (let axis = 0; axis < outBatch.length; axis++) {
    const next: number[] = [];
    for (const o of offsets) for (let i = 0; i < outBatch[axis]!; i++) next.push(o + i * strides[axis]!);
    offsets = next;
  }
  return offsets;
}

/**
 * Wasm kernel of `MatMul`.
 * @example
 * runKernel('MatMul', [a, b], { transposeA: false, transposeB: true });
 */
export const matMul: KernelFunc<'MatMul', WasmBackend> = (backend, inputs, attrs) => {
  const [a, b] = inputs;
  const { transposeA, transposeB } = attrs;
  const half = a.dtype === 'float16' && b.dtype === 'float16';
  if (!((a.dtype === 'float32' && b.dtype === 'float32') || half) || a.shape.length < 2 || b.shape.length < 2) {
    const what = a.dtype === b.dtype ? a.dtype : `${a.dtype} and ${b.dtype}`;
    return backend.fallback('MatMul', inputs, attrs, `MatMul of ${what} has no wasm kernel yet`);
  }
  const [ar, ac] = a.shape.slice(-2) as [number, number];
  const [br, bc] = b.shape.slice(-2) as [number, number];
  const [m, k] = transposeA ? [ac, ar] : [ar, ac];
  const [k2, n] = transposeB ? [bc, br] : [br, bc];
  if (k !== k2) {
    throw new RangeError(
      `MatMul: inner dimensions differ: a ${shapeString(a.shape)} (transposeA=${transposeA}) has ${k} columns but b ${shapeString(b.shape)} (transposeB=${transposeB}) has ${k2} rows.`,
    );
  }
  const batch = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const out = backend.output([...batch, m, n], 'float32');
  if (half) {
    // A is packed again for every block of B's columns: converting it once up front (SIMD) is
    // cheaper than converting it in each packing. B is packed once, converting as it goes where
    // its rows are contiguous (eight halves a vector); a transposed B, read element by element,
    // is converted up front too.
    const wideA = widen(backend, a);
    const wideB = transposeB ? widen(backend, b) : null;
    try {
      product(backend, wideA, wideB ?? b, out.ptr, m, n, k, batch, transposeA, transposeB, wideB === null);
      return narrow(backend, out.info);
    } finally {
      backend.disposeData(wideA.dataId);
      if (wideB) backend.disposeData(wideB.dataId);
      backend.disposeData(out.info.dataId);
    }
  }
  product(backend, a, b, out.ptr, m, n, k, batch, transposeA, transposeB, false);
  return out.info;
};

/** The GEMM per batch entry into `c` (float32); `halfB`: b is float16 (a is float32). */
function product(
  backend: WasmBackend,
  a: TensorInfo,
  b: TensorInfo,
  c0: number,
  m: number,
  n: number,
  k: number,
  batch: readonly number[],
  transposeA: boolean,
  transposeB: boolean,
  halfB: boolean,
): void {
  const [ar, ac] = a.shape.slice(-2) as [number, number];
  const [br, bc] = b.shape.slice(-2) as [number, number];
  const aOffsets = batchOffsets(batch, a.shape.slice(0, -2), ar * ac);
  const bOffsets = batchOffsets(batch, b.shape.slice(0, -2), br * bc);
  if (m * n === 0 || aOffsets.length === 0) return;
  // Element (i, p) of op(A) is at i·aRs + p·aCs; the same for B.
  const [aRs, aCs] = transposeA ? [1, ac] : [ac, 1];
  const [bRs, bCs] = transposeB ? [1, bc] : [bc, 1];
  const pa = backend.ptr(a);
  const pb = backend.ptr(b);
  const bBytes = halfB ? 2 : 4;
  for (let i = 0; i < aOffsets.length; i++) {
    const c = c0 + i * m * n * 4;
    gemm(backend, m, n, k, pa + aOffsets[i]! * 4, aRs, aCs, pb + bOffsets[i]! * bBytes, bRs, bCs, c, false, { a: false, b: halfB });
  }
}
