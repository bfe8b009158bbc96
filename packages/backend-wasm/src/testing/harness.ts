/**
 * Test support for this package's tests (not part of the build): registers the wasm backend and
 * the CPU oracle, runs one computation on both and generates seeded data.
 */
import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { type DType, fromValues, getBackend, isInt, listBackends, registerBackend, setBackend, type Tensor, tidy } from '@mindts/tensor';
import { makeValues } from '@mindts/tensor/backend';
import { wasm } from '../wasm.js';
import type { WasmBackend } from '../wasmBackend.js';

/** Registers the wasm backend and the CPU oracle once per test file. */
export function useBackends(): void {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  if (!listBackends().includes('wasm')) registerBackend(wasm());
}

/** The registered wasm backend instance (made active). */
export async function wasmBackend(): Promise<WasmBackend> {
  await setBackend('wasm');
  return getBackend() as WasmBackend;
}

/** A computed result read back to plain data. */
export interface Result {
  shape: number[];
  dtype: DType;
  values: number[];
}

async function runOn(backend: string, fn: () => Tensor): Promise<Result> {
  await setBackend(backend);
  const y = tidy(fn);
  try {
    return { shape: [...y.shape], dtype: y.dtype, values: Array.from(y.dataSync() as ArrayLike<number>) };
  } finally {
    y.dispose();
  }
}

/** Runs `fn` (which makes its own inputs) on the wasm backend and on the CPU oracle. */
export async function onBoth(fn: () => Tensor): Promise<{ wasm: Result; cpu: Result }> {
  return { wasm: await runOn('wasm', fn), cpu: await runOn('cpu', fn) };
}

/** A deterministic generator (mulberry32). */
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

/**
 * A seeded tensor of `shape` with values uniform in [lo, hi) (integers for int dtypes, 0/1 for
 * bool). Integers outside the dtype's range wrap around it (as a typed array stores them), so a
 * wide [lo, hi) covers the whole range: creation itself refuses out-of-range values.
 */
export function seeded(shape: readonly number[], seed: number, dtype: DType = 'float32', lo = -1, hi = 1): Tensor {
  const next = rng(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: size }, () => {
    const v = lo + (hi - lo) * next();
    return dtype === 'bool'
      ? v > (lo + hi) / 2
        ? 1
        : 0
      : dtype === 'float32' || dtype === 'float64' || dtype === 'float16'
        ? v
        : Math.floor(v);
  });
  return fromValues(isInt(dtype) && dtype !== 'int64' ? makeValues(dtype, size).map((_, i) => values[i]!) : values, shape, dtype);
}

/** Values agree within atol + rtol·|expected|; NaN and infinities must match exactly. */
export function closeMismatches(actual: readonly number[], expected: readonly number[], rtol: number, atol: number): string[] {
  if (actual.length !== expected.length) return [`length ${actual.length} ≠ ${expected.length}`];
  const bad: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    const ok = Number.isFinite(e) ? Math.abs(a - e) <= atol + rtol * Math.abs(e) : Object.is(a, e);
    if (!ok && bad.length < 5) bad.push(`[${i}] ${a} ≠ ${e}`);
  }
  return bad;
}

/**
 * Products above the one-thread threshold (2²⁰ multiply-adds) whose rows split unevenly over
 * threads: transposes, broadcast batches and LeNet's second convolution. The suite's own cases
 * are too small to leave the calling thread; threads.test.ts and the browser harness use these.
 * @example
 * for (const [label, fn] of PARALLEL_CASES) await valuesOn('wasm-2t', fn);
 */
export const PARALLEL_CASES: readonly (readonly [string, () => Tensor])[] = [
  ['matmul [130, 300] · [300, 97]', () => ops.matmul(seeded([130, 300], 1), seeded([300, 97], 2))],
  ['matmul [7, 513] · [513, 300]', () => ops.matmul(seeded([7, 513], 3), seeded([513, 300], 4))],
  [
    'matmul [301, 129]ᵀ · [200, 301]ᵀ',
    () => ops.matmul(seeded([301, 129], 5), seeded([200, 301], 6), { transposeA: true, transposeB: true }),
  ],
  ['matmul [3, 1, 67, 129] · [2, 129, 131]', () => ops.matmul(seeded([3, 1, 67, 129], 7), seeded([2, 129, 131], 8))],
  ['conv2d [8, 6, 12, 12] * [16, 6, 5, 5]', () => ops.conv2d(seeded([8, 6, 12, 12], 9), seeded([16, 6, 5, 5], 10))],
];

/**
 * `fn`'s values computed on `backend` (made active), read back and freed.
 * @example
 * const mine = await valuesOn('wasm', () => ops.matmul(a, b));
 */
export async function valuesOn(backend: string, fn: () => Tensor): Promise<number[]> {
  await setBackend(backend);
  const y = tidy(fn);
  try {
    return Array.from(y.dataSync() as ArrayLike<number>);
  } finally {
    y.dispose();
  }
}
