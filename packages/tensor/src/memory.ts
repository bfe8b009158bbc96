/**
 * Memory reports: live tensors and bytes per backend.
 */
import { instantiatedBackends } from './backendRegistry.js';
import { assertDType, bytesPerElement, type DType } from './dtype.js';
import { liveTensorCount } from './engine.js';
import { sizeOf } from './shape.js';

/**
 * What {@link memory} reports.
 * @example
 * const { numTensors, numBytes, backends }: MemoryInfo = memory();
 * backends.cpu?.buffers; // storage buffers the cpu backend holds
 */
export interface MemoryInfo {
  /** Tensors created and not yet disposed or collected. */
  numTensors: number;
  /** Bytes held across all backends. */
  numBytes: number;
  /** Bytes and buffers per backend. */
  backends: Record<string, { bytes: number; buffers: number }>;
}

/**
 * Live tensors and bytes, in total and per backend.
 * @example
 * memory().numTensors; // 3
 */
export function memory(): MemoryInfo {
  const backends: MemoryInfo['backends'] = {};
  let numBytes = 0;
  for (const b of instantiatedBackends()) {
    const m = b.memory();
    backends[b.name] = { bytes: m.bytes, buffers: m.buffers };
    numBytes += m.bytes;
  }
  return { numTensors: liveTensorCount(), numBytes, backends };
}

/**
 * Bytes `shape` × `dtype` takes in storage.
 * @example
 * storageBytes([2, 3], 'float16'); // 12
 */
export function storageBytes(shape: readonly number[], dtype: DType): number {
  return sizeOf(shape) * bytesPerElement(assertDType(dtype, 'storageBytes: dtype'));
}
