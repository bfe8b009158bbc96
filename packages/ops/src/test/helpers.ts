/**
 * Shared test helpers: the CPU backend, value checks and a leak counter. Not part of the package.
 */
import { cpu } from '@mindts/backend-cpu';
import { type DType, listBackends, memory, registerBackend, type Tensor } from '@mindts/tensor';
import { expect } from 'vitest';

/** Registers the CPU backend (once per test file; each file has its own module registry). */
export function useCpu(): void {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
}

/** The values of `t` as a plain array of numbers. */
export function values(t: Tensor): number[] {
  return Array.from(t.dataSync() as ArrayLike<number>);
}

/** Whether `a` is within `tol` of `b` (absolute or relative); NaN matches NaN, infinities match exactly. */
export function near(a: number, b: number, tol = 1e-5): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
}

/** Asserts `actual` matches `expected` elementwise within `tol`, with a readable failure. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-5): void {
  const a = Array.from(actual);
  const e = Array.from(expected);
  expect(a.length, `length of ${JSON.stringify(a)} vs ${JSON.stringify(e)}`).toBe(e.length);
  const bad = a.findIndex((x, i) => !near(x, e[i] as number, tol));
  expect(bad, `element ${bad}: got ${a[bad]}, expected ${e[bad]} (actual ${JSON.stringify(a)})`).toBe(-1);
}

/** Asserts the dtype, shape and values of `t`; then disposes it. */
export function expectTensor(t: Tensor, dtype: DType, shape: readonly number[], expected: ArrayLike<number>, tol = 1e-5): void {
  expect(t.dtype).toBe(dtype);
  expect(t.shape).toEqual(shape);
  expectClose(values(t), expected, tol);
  t.dispose();
}

/**
 * Runs `fn` (whose inputs already exist) and returns how many tensors it left alive beyond the
 * ones it returned, disposing those.
 */
export function leakedBy(fn: () => Tensor | readonly Tensor[]): number {
  const before = memory().numTensors;
  const out = fn();
  const outs = Array.isArray(out) ? out : [out as Tensor];
  const leaked = memory().numTensors - before - outs.length;
  for (const t of outs) t.dispose();
  return leaked;
}
