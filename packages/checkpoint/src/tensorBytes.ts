/**
 * Tensor values ↔ little-endian bytes, the layout both formats store.
 */
import { type DType, fromValues, type Tensor } from '@mindts/tensor';
import { encodeFloat16, float16Value } from '@mindts/tensor/backend';
import type { Entry } from './entry.js';
import { CheckpointError } from './errors.js';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function assertLittleEndian(): void {
  if (!LITTLE_ENDIAN) throw new CheckpointError('Checkpoints are little-endian; this host is big-endian, which mindts does not support.');
}

/**
 * The raw little-endian bytes of `t` (float16 as half-precision bits, int64 as 8-byte integers).
 * @example
 * tensorBytes(tensor([1, 2], 'float32')); // 8 bytes
 */
export function tensorBytes(t: Tensor): Uint8Array {
  assertLittleEndian();
  const v = t.dataSync();
  let arr: ArrayBufferView;
  switch (t.dtype) {
    case 'float16':
      arr = encodeFloat16(v);
      break;
    case 'int64':
      arr = BigInt64Array.from(v as Float64Array, (x) => BigInt(Math.trunc(x)));
      break;
    default:
      arr = v;
  }
  return new Uint8Array(arr.buffer.slice(arr.byteOffset, arr.byteOffset + arr.byteLength));
}

/**
 * A Tensor from a stored entry's bytes.
 * @example
 * entryTensor({ name: 'w', dtype: 'float32', shape: [2], bytes });
 */
export function entryTensor(e: Entry & { dtype: DType }): Tensor {
  assertLittleEndian();
  const buf = new Uint8Array(e.bytes).buffer; // an aligned copy (a Buffer's slice() would be a view)
  let values: ArrayLike<number>;
  switch (e.dtype) {
    case 'float16':
      values = Array.from(new Uint16Array(buf), float16Value);
      break;
    case 'int64': {
      const big = new BigInt64Array(buf);
      values = Float64Array.from(big, (x) => Number(x));
      break;
    }
    case 'float32':
      values = new Float32Array(buf);
      break;
    case 'float64':
      values = new Float64Array(buf);
      break;
    case 'int32':
      values = new Int32Array(buf);
      break;
    case 'int16':
      values = new Int16Array(buf);
      break;
    case 'int8':
      values = new Int8Array(buf);
      break;
    default:
      values = new Uint8Array(buf);
  }
  return fromValues(values, e.shape, e.dtype);
}
