/**
 * Test helpers (not published): runs an exported model in onnxruntime-node and compares its
 * outputs with the network's own.
 */
import { type DType, Tensor } from '@mindts/tensor';
import { decodeFloat16, encodeFloat16 } from '@mindts/tensor/backend';
import * as ort from 'onnxruntime-node';
import { expect } from 'vitest';
import type { OnnxModel } from './toOnnx.js';

const ORT_TYPE: Partial<Record<DType, ort.Tensor.Type>> = {
  float32: 'float32',
  float64: 'float64',
  float16: 'float16',
  int32: 'int32',
  int64: 'int64',
  int8: 'int8',
  uint8: 'uint8',
  int16: 'int16',
  bool: 'bool',
};

/** `t` as an onnxruntime tensor. */
export function ortTensor(t: Tensor): ort.Tensor {
  const type = ORT_TYPE[t.dtype] as ort.Tensor.Type;
  const values = t.dataSync();
  const shape = [...t.shape];
  if (t.dtype === 'int64')
    return new ort.Tensor(
      'int64',
      BigInt64Array.from(values as Float64Array, (v) => BigInt(v)),
      shape,
    );
  if (t.dtype === 'bool') return new ort.Tensor('bool', Uint8Array.from(values as Uint8Array), shape);
  if (t.dtype === 'float16') return new ort.Tensor('float16', encodeFloat16(values as Float32Array), shape);
  return new ort.Tensor(type, values as Float32Array, shape);
}

/** The tensors in a returned value, depth first. */
export function flatTensors(v: unknown, out: Tensor[] = []): Tensor[] {
  if (v instanceof Tensor) out.push(v);
  else if (Array.isArray(v)) for (const x of v) flatTensors(x, out);
  else if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) flatTensors(x, out);
  return out;
}

/** Runs `model` in onnxruntime on `inputs` (one per model input, in order). */
export async function runOrt(model: OnnxModel, inputs: readonly Tensor[]): Promise<ort.Tensor[]> {
  const session = await ort.InferenceSession.create(model.bytes);
  try {
    const feeds: Record<string, ort.Tensor> = {};
    model.inputs.forEach((info, i) => {
      feeds[info.name] = ortTensor(inputs[i] as Tensor);
    });
    const result = await session.run(feeds);
    return model.outputs.map((o) => result[o.name] as ort.Tensor);
  } finally {
    await session.release();
  }
}

/**
 * Expects onnxruntime's outputs of `model` on `inputs` to equal `expected` (what the network
 * returned on the same inputs): same shapes, values within `tol` (relative above 1).
 */
export async function expectSameOutputs(model: OnnxModel, inputs: readonly Tensor[], expected: unknown, tol = 1e-5): Promise<void> {
  const want = flatTensors(expected);
  const got = await runOrt(model, inputs);
  expect(got.length).toBe(want.length);
  want.forEach((w, i) => {
    const g = got[i] as ort.Tensor;
    expect(g.dims, `output ${i} shape`).toEqual(w.shape);
    // onnxruntime hands float16 back as its bits.
    const a =
      g.type === 'float16' ? Array.from(decodeFloat16(g.data as Uint16Array)) : Array.from(g.data as ArrayLike<number | bigint>, Number);
    const b = Array.from(w.dataSync() as ArrayLike<number>);
    let worst = 0;
    for (let j = 0; j < b.length; j++) {
      const x = a[j] as number;
      const y = b[j] as number;
      if (Number.isNaN(y) || Number.isNaN(x)) {
        expect(Number.isNaN(x), `output ${i} element ${j}: ${x} vs ${y}`).toBe(Number.isNaN(y));
        continue;
      }
      if (x === y) continue;
      worst = Math.max(worst, Math.abs(x - y) / Math.max(1, Math.abs(y)));
    }
    expect(worst, `output ${i}: largest difference`).toBeLessThanOrEqual(tol);
  });
}
