/**
 * `MatMul` as a gpu.js kernel: a dot product over k per output element; in WebGPU mode, four
 * neighbouring output columns per thread when the row length allows it.
 */
import { broadcastShapes, type KernelFunc, shapeString, sizeOf } from '@mindts/tensor/backend';
import type { GpujsBackend } from '../gpujsBackend.js';
import { dotProduct, LANES, UNROLL } from './dotProduct.js';
import { blockMatMulStages } from './blockMatMul.js';
import { packedMatMulStages, rowsLayouts } from './packedMatMul.js';
import { broadcastIndex, coords, kernelSource, lit, shapeKey, term } from './source.js';

function dims(shape: readonly number[], transpose: boolean, name: string): [number, number] {
  if (shape.length < 2) throw new RangeError(`MatMul: ${name} must have rank ≥ 2, but got shape ${shapeString(shape)}.`);
  const r = shape.at(-2)!;
  const c = shape.at(-1)!;
  return transpose ? [c, r] : [r, c];
}

/**
 * gpu.js kernel of `MatMul` for float32 (accumulating in float32; the CPU backend uses float64);
 * batch dims broadcast. No manual tiling: gpu.js kernels cannot share memory between threads.
 * @example
 * runKernel('MatMul', [a, b], { transposeA: false, transposeB: true });
 */
export const matMul: KernelFunc<'MatMul', GpujsBackend> = (backend, inputs, attrs) => {
  const [a, b] = inputs;
  const { transposeA, transposeB } = attrs;
  const [m, k] = dims(a.shape, transposeA, 'a');
  const [k2, n] = dims(b.shape, transposeB, 'b');
  if (k !== k2) {
    throw new RangeError(
      `MatMul: inner dimensions differ: a ${shapeString(a.shape)} (transposeA=${transposeA}) has ${k} columns but b ${shapeString(b.shape)} (transposeB=${transposeB}) has ${k2} rows.`,
    );
  }
  if (a.dtype !== b.dtype) return backend.fallback('MatMul', inputs, attrs, 'the inputs have different dtypes');
  if (a.dtype !== 'float32')
    return backend.launch('MatMul', inputs, attrs, `MatMul of ${a.dtype} keeps the CPU backend's integer/logic semantics`);
  const batch = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const shape = [...batch, m, n];
  if (k === 0 || sizeOf(shape) === 0) return backend.fallback('MatMul', inputs, attrs, 'a tensor is empty');
  // Four columns per thread read each element of a once for four products instead of once for
  // one (measured: see dotProduct.ts). gpu.js returns four floats per thread only on WebGPU.
  const wide = backend.wideKernels && n % LANES === 0;
  const plain = () => oneKernel(backend, inputs, attrs, { m, k, n, batch, shape, wide });
  // A batch of rows by one matrix (a projection of [..., m, k]) is one product [B·m, k] × b on the
  // matrix paths below: a contiguous input is its own [B·m, k] matrix and the [B·m, n] result is
  // the [..., m, n] one, so no copy is made. (The batched one-kernel product of an attention
  // projection, [64, 16, 128] × [128, 128]ᵀ, took ~1 s on SwiftShader WebGL2; the matrix path ~60 ms.)
  if (!transposeA && a.shape.length > 2 && b.shape.length === 2 && (backend.wideKernels || backend.packedKernels)) {
    const rows = sizeOf(a.shape.slice(0, -1));
    const product = matMul(backend, [{ ...a, shape: [rows, k] }, b], attrs);
    return { ...product, shape };
  }
  // On WebGPU two matrices multiply 2×2 blocks per thread (blockMatMul.ts).
  if (backend.wideKernels && a.shape.length === 2 && b.shape.length === 2) {
    return backend.launchChain('MatMul', inputs, blockMatMulStages({ m, k, n, transposeA, transposeB }), plain);
  }
  // On the GL modes two matrices multiply through RGBA-packed operands (packedMatMul.ts).
  if (backend.packedKernels && a.shape.length === 2 && b.shape.length === 2) {
    const product = { m, k, n, transposeA, transposeB, renderTargets: backend.renderTargets, maxTextureSize: backend.maxTextureSize };
    // An operand held in packed rows (an earlier update wrote it so) is its own packed stage.
    const layouts = rowsLayouts(product, { a: backend.layoutOf(a)?.kind === 'rows', b: backend.layoutOf(b)?.kind === 'rows' });
    const rowsOperands = { a: layouts[0] === 'rows', b: layouts[1] === 'rows' };
    return backend.launchChain('MatMul', inputs, packedMatMulStages({ ...product, rowsOperands }), plain, layouts);
  }
  // Equal batches of matrices (attention's products) through the packed four-column multiply:
  // on SwiftShader WebGL2, [16, 4, 64, 32] × [16, 4, 64, 32]ᵀ took ~270 ms as one dot-product kernel.
  const sameBatch = a.shape.length === b.shape.length && a.shape.slice(0, -2).every((d, i) => d === b.shape[i]);
  if (backend.packedKernels && a.shape.length > 2 && sameBatch) {
    const product = { m, k, n, transposeA, transposeB, renderTargets: backend.renderTargets, maxTextureSize: backend.maxTextureSize };
    return backend.launchChain('MatMul', inputs, packedMatMulStages({ ...product, batch: sizeOf(batch), batchShape: batch }), plain);
  }
  return plain();
};

/** The one-kernel `MatMul`: a dot product per output element (four per thread when `wide`). */
function oneKernel(
  backend: GpujsBackend,
  inputs: Parameters<KernelFunc<'MatMul', GpujsBackend>>[1],
  attrs: Parameters<KernelFunc<'MatMul', GpujsBackend>>[2],
  dims: { m: number; k: number; n: number; batch: readonly number[]; shape: number[]; wide: boolean },
): ReturnType<KernelFunc<'MatMul', GpujsBackend>> {
  const [a, b] = inputs;
  const { transposeA, transposeB } = attrs;
  const { k, batch, shape, wide } = dims;
  return backend.launch('MatMul', inputs, attrs, {
    key: `${transposeA}|${transposeB}|${shapeKey(a.shape, b.shape)}`,
    shape,
    dtype: 'float32',
    loops: [Math.ceil(k / UNROLL)],
    ...(wide ? { lanes: LANES } : {}),
    source: () => {
      const r = batch.length;
      const [aCols, bCols] = [a.shape.at(-1)!, b.shape.at(-1)!];
      // Batch offsets: the batch part of each input's index, in elements.
      const batchOf = (s: readonly number[]) => {
        const idx = broadcastIndex(s.slice(0, -2), batch, 'c');
        return idx === '0.0' ? '0.0' : `(${idx}) * ${lit(s.at(-1)! * s.at(-2)!)}`;
      };
      return kernelSource(
        ['a', 'b'],
        [
          coords(shape, 'c', wide ? `this.thread.x * ${lit(LANES)}` : 'this.thread.x'),
          ...dotProduct(
            k,
            {
              a: { start: `${batchOf(a.shape)} + ${transposeA ? `c${r}` : term(`c${r}`, aCols)}`, step: transposeA ? aCols : 1 },
              b: { start: `${batchOf(b.shape)} + ${transposeB ? term(`c${r + 1}`, bCols) : `c${r + 1}`}`, step: transposeB ? 1 : bCols },
            },
            // Neighbouring output columns are neighbouring columns of b, or its rows when transposed.
            wide ? { laneStep: transposeB ? bCols : 1 } : undefined,
          ),
        ].join('\n  '),
      );
    },
  });
}
