import type { BinaryOp, UnaryOp } from '@mindts/tensor/backend';
import { describe, expect, it } from 'vitest';
import { binaryFunction } from './binaryOps.js';
import { fastBinary, fastUnary } from './fastLoops.js';
import { unaryFunction } from './unary.js';

const SPECIAL = [0, -0, 1, -1, 0.5, -2.5, 1e30, -1e-30, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
const sample = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => SPECIAL[(i * 7 + seed) % SPECIAL.length]!);

describe('fast loops match the generic elementwise functions', () => {
  it.each(['relu', 'neg', 'abs', 'square', 'exp', 'sqrt', 'tanh'] as UnaryOp[])('unary %s', (op) => {
    const x = sample(33, 1);
    const out = new Float32Array(x.length);
    expect(fastUnary(op, 'float32', x, out)).toBe(true);
    const fn = unaryFunction(op, 'float32');
    expect(Array.from(out)).toEqual(Array.from(x, (v) => Math.fround(fn(v))));
  });

  it.each(['add', 'sub', 'mul', 'div'] as BinaryOp[])('binary %s, same shape and with a scalar on either side', (op) => {
    const fn = binaryFunction(op, 'float32');
    const a = sample(40, 2);
    const b = sample(40, 5);
    const out = new Float32Array(40);
    expect(fastBinary(op, 'float32', a, b, out)).toBe(true);
    expect(Array.from(out)).toEqual(Array.from(a, (v, i) => Math.fround(fn(v, b[i]!))));
    const s = new Float32Array([-2.5]);
    expect(fastBinary(op, 'float32', a, s, out)).toBe(true);
    expect(Array.from(out)).toEqual(Array.from(a, (v) => Math.fround(fn(v, -2.5))));
    expect(fastBinary(op, 'float32', s, a, out)).toBe(true);
    expect(Array.from(out)).toEqual(Array.from(a, (v) => Math.fround(fn(-2.5, v))));
  });

  it('relu keeps NaN whatever its sign bit and zeroes -0', () => {
    const x = new Float32Array(4);
    new Int32Array(x.buffer).set([0xffc00001 | 0, 0x7fc00000, 0x80000000 | 0, 0xbf800000 | 0]); // -NaN, NaN, -0, -1
    const out = new Float32Array(4);
    expect(fastUnary('relu', 'float32', x, out)).toBe(true);
    expect(Number.isNaN(out[0])).toBe(true);
    expect(Number.isNaN(out[1])).toBe(true);
    expect(Object.is(out[2], 0)).toBe(true);
    expect(out[3]).toBe(0);
  });

  it('declines what it has no loop for', () => {
    const x = new Float32Array(4);
    expect(fastUnary('gelu', 'float32', x, new Float32Array(4))).toBe(false);
    expect(fastUnary('relu', 'int32', new Int32Array(4), new Int32Array(4))).toBe(false);
    // int64 is held in a Float64Array but divides like an integer.
    expect(fastBinary('div', 'int64', new Float64Array(4), new Float64Array(4), new Float64Array(4))).toBe(false);
    expect(fastBinary('pow', 'float32', x, x, new Float32Array(4))).toBe(false);
    expect(fastBinary('add', 'float32', x, new Float32Array(2), new Float32Array(4))).toBe(false);
  });
});

describe('buffer reuse', () => {
  it('reuses disposed outputs but never an array handed out by dataSync', async () => {
    const { CpuBackend } = await import('../cpuBackend.js');
    const backend = new CpuBackend('pool-test');
    const n = 8192;
    const a = backend.write(new Float32Array(n).fill(1), [n], 'float32');
    const freed = backend.reuse('float32', n);
    expect(freed).toBeUndefined();
    backend.disposeData(a);
    const reused = backend.reuse('float32', n);
    expect(reused).toBeInstanceOf(Float32Array);
    expect(reused?.length).toBe(n);
    const b = backend.write(new Float32Array(n).fill(2), [n], 'float32');
    const seen = backend.readSync(b);
    backend.disposeData(b);
    expect(backend.reuse('float32', n)).toBeUndefined(); // the exposed array is not pooled
    expect(seen[0]).toBe(2);
    expect(backend.reuse('float32', 16)).toBeUndefined(); // small buffers are not pooled
  });
});
