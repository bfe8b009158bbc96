/**
 * Test support for this package's tests (not part of the build): registers the CPU backend,
 * builds deterministic data and provides naive reference helpers the kernels are checked against.
 */
import { type DType, listBackends, registerBackend, type Tensor } from '@mindts/tensor';
import { fromValues } from '@mindts/tensor';
import { expect } from 'vitest';
import { cpu } from '../cpu.js';

/** Registers the CPU backend once per test file (each file has its own module state). */
export function useCpu(): void {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
}

/** A deterministic generator (mulberry32) for test data. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` values from `next`, uniform in [lo, hi), optionally rounded to integers. */
export function randomArray(next: () => number, n: number, lo = -1, hi = 1, integer = false): number[] {
  return Array.from({ length: n }, () => {
    const v = lo + (hi - lo) * next();
    return integer ? Math.floor(v) : v;
  });
}

/** A tensor of `shape` and `dtype` holding `values`. */
export function t(values: ArrayLike<number>, shape: readonly number[], dtype: DType = 'float32'): Tensor {
  return fromValues(values, shape, dtype);
}

/** The values of `x` as a plain array. */
export function vals(x: Tensor): number[] {
  return Array.from(x.dataSync() as ArrayLike<number>);
}

/** Product of a shape. */
export function sizeOfShape(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Multi-index of flat position `flat` in `shape` (row-major). */
export function unravel(flat: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length).fill(0);
  for (let d = shape.length - 1; d >= 0; d--) {
    const n = shape[d]!;
    idx[d] = flat % n;
    flat = Math.floor(flat / n);
  }
  return idx;
}

/** Flat position of `idx` in `shape`, reading broadcast (size-1 or missing) axes at 0. */
export function ravelBroadcast(idx: readonly number[], shape: readonly number[]): number {
  let flat = 0;
  const off = idx.length - shape.length;
  for (let d = 0; d < shape.length; d++) flat = flat * shape[d]! + (shape[d] === 1 ? 0 : idx[d + off]!);
  return flat;
}

/** Float32 rounding of every value (what a float32 tensor stores). */
export function f32(values: readonly number[]): number[] {
  return values.map((v) => Math.fround(v));
}

/** Elementwise closeness with a relative and an absolute tolerance; NaN matches NaN. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol = 1e-6, atol = 1e-6): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Number.isNaN(e) || !Number.isFinite(e)) {
      expect(a, `element ${i}`).toBe(e);
      continue;
    }
    if (Math.abs(a - e) > atol + rtol * Math.abs(e)) expect(a, `element ${i}`).toBe(e);
  }
}
