import { cpu } from '@mindts/backend-cpu';
import { fromValues, listBackends, memory, registerBackend, slice, type Tensor, tensor, tidy } from '@mindts/tensor';
import { randomValue } from '@mindts/tensor/backend';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ops from '../index.js';
import { checkGradients } from '../testing/gradCheck.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

let seed = 1;
/** float64 values in [lo, hi), away from kinks when `avoid` is given. */
function f64(shape: number[], lo = -2, hi = 2, avoid?: number): Tensor {
  const s = seed++;
  const n = shape.reduce((a, b) => a * b, 1);
  const v = Array.from({ length: n }, (_, i) => {
    let x = randomValue('uniform', s, 0, i, lo, hi);
    if (avoid !== undefined && Math.abs(x - avoid) < 0.05) x += 0.1;
    return x;
  });
  return fromValues(v, shape, 'float64');
}

const ok = (f: (...xs: Tensor[]) => Tensor, inputs: Tensor[], opts = {}) => expect(checkGradients(f, inputs, opts)).toEqual([]);

describe('gradients match central finite differences (float64, CPU)', () => {
  it.each([
    ['neg', ops.neg],
    ['abs', ops.abs, 0],
    ['exp', ops.exp],
    ['expm1', ops.expm1],
    ['sin', ops.sin],
    ['cos', ops.cos],
    ['tan', (x: Tensor) => ops.tan(ops.mul(x, 0.5))],
    ['tanh', ops.tanh],
    ['sigmoid', ops.sigmoid],
    ['relu', ops.relu, 0],
    ['gelu', (x: Tensor) => ops.gelu(x)],
    ['gelu tanh', (x: Tensor) => ops.gelu(x, { approximate: 'tanh' })],
    ['softplus', ops.softplus],
    ['erf', ops.erf],
    ['square', ops.square],
  ] as [string, (x: Tensor) => Tensor, number?][])('unary %s', (_name, f, avoid) => ok(f, [f64([2, 3], -2, 2, avoid)]));

  it.each([
    ['log', ops.log],
    ['log1p', ops.log1p],
    ['sqrt', ops.sqrt],
    ['rsqrt', ops.rsqrt],
    ['reciprocal', ops.reciprocal],
  ] as [string, (x: Tensor) => Tensor][])('unary %s on positive inputs', (_name, f) => ok(f, [f64([5], 0.5, 3)]));

  it.each([
    ['add', ops.add],
    ['sub', ops.sub],
    ['mul', ops.mul],
    ['maximum', ops.maximum],
    ['minimum', ops.minimum],
    ['atan2', ops.atan2],
  ] as [string, (a: Tensor, b: Tensor) => Tensor][])('binary %s with broadcasting', (_name, f) => {
    ok(f, [f64([2, 3]), f64([3])]);
    ok(f, [f64([2, 1]), f64([1, 3])]);
  });

  it('div and pow', () => {
    ok(ops.div, [f64([2, 3]), f64([2, 1], 0.5, 2)]);
    ok(ops.pow, [f64([4], 0.5, 2), f64([4], -1, 2)]);
    ok((a) => ops.pow(a, 3), [f64([4])]);
    ok(ops.mod, [f64([4], 0.1, 3), f64([4], 0.7, 0.9)], { atol: 1e-5 });
  });

  it('where, clip and comparisons as masks', () => {
    ok((a, b) => ops.where(ops.greater(a, b), a, b), [f64([2, 3]), f64([3])]);
    ok((a) => ops.clip(a, -0.5, 0.7), [f64([8], -2, 2, 0.7)]);
  });

  it('reductions with axis and keepDims', () => {
    ok((x) => ops.sum(x), [f64([2, 3])]);
    ok((x) => ops.sum(x, 1, true), [f64([2, 3])]);
    ok((x) => ops.mean(x, [0, 2]), [f64([2, 3, 2])]);
    ok((x) => ops.prod(x, 1), [f64([2, 3], 0.5, 2)]);
    ok((x) => ops.max(x, 1)[0], [f64([3, 4])]);
    ok((x) => ops.min(x, 0, true)[0], [f64([3, 4])]);
    ok((x) => ops.amax(x, [0, 1]), [f64([3, 4])]);
    ok((x) => ops.max(x), [f64([3, 4])]);
    ok((x) => ops.logsumexp(x, 1), [f64([2, 5])]);
  });

  it('matmul with every transpose and batch broadcasting', () => {
    for (const transposeA of [false, true]) {
      for (const transposeB of [false, true]) {
        const a = transposeA ? f64([2, 4, 3]) : f64([2, 3, 4]);
        const b = transposeB ? f64([5, 4]) : f64([4, 5]);
        ok((x, y) => ops.matmul(x, y, { transposeA, transposeB }), [a, b]);
      }
    }
    ok((a, b) => ops.matmul(a, b), [f64([3]), f64([3, 2])]);
    // Two batch dims by one matrix: b's gradient is one product of the stacked rows.
    ok((a, b) => ops.matmul(a, b, { transposeB: true }), [f64([2, 2, 3, 4]), f64([5, 4])]);
  });

  it('softmax, logSoftmax and oneHot cross-entropy', () => {
    ok((x) => ops.softmax(x), [f64([2, 4])]);
    ok((x) => ops.logSoftmax(x, 0), [f64([3, 2])]);
    const labels = tensor([1, 0]);
    ok((x) => ops.neg(ops.sum(ops.mul(ops.logSoftmax(x), ops.cast(ops.oneHot(labels, 3), 'float64')))), [f64([2, 3])]);
  });

  it('shape ops: reshape, transpose, expandDims, squeeze, flatten, broadcastTo, tile', () => {
    ok((x) => ops.reshape(x, [3, 2]), [f64([2, 3])]);
    ok((x) => ops.transpose(x, [2, 0, 1]), [f64([2, 3, 2])]);
    ok((x) => ops.squeeze(ops.expandDims(x, 1)), [f64([2, 3])]);
    ok((x) => ops.flatten(x), [f64([2, 2, 2])]);
    ok((x) => ops.broadcastTo(x, [4, 2, 3]), [f64([2, 1])]);
    ok((x) => ops.tile(x, [2, 3]), [f64([2, 2])]);
  });

  it('indexing, slice, gather, concat, stack, split', () => {
    ok((x) => x.getItem([1, null, slice(1, 3)]), [f64([3, 4])]);
    ok((x) => ops.slice(x, [0, 1], [2, 2]), [f64([3, 4])]);
    ok((x) => x.getItem(slice(null, null, -2)), [f64([5])]);
    ok((x) => ops.gather(x, [2, 0, 2], 1), [f64([2, 3])]);
    ok((a, b) => ops.concat([a, b], 1), [f64([2, 1]), f64([2, 3])]);
    ok((a, b) => ops.stack([a, b], 0), [f64([3]), f64([3])]);
    ok((x) => ops.concat(ops.split(x, [1, 2], 1).reverse(), 1), [f64([2, 3])]);
  });

  it('cast between floats passes the gradient through', () => {
    // float32 rounding makes tiny steps noisy, so this one takes a coarser step.
    ok((x) => ops.cast(ops.cast(x, 'float32'), 'float64'), [f64([3])], { eps: 1e-3, atol: 1e-4, rtol: 1e-4 });
  });

  it('conv2d with stride, padding, dilation and groups', () => {
    ok((x, w) => ops.conv2d(x, w), [f64([1, 2, 5, 5]), f64([3, 2, 3, 3])]);
    ok((x, w) => ops.conv2d(x, w, { stride: 2, padding: 1 }), [f64([2, 2, 5, 6]), f64([2, 2, 3, 2])]);
    ok((x, w) => ops.conv2d(x, w, { dilation: 2, padding: 'same' }), [f64([1, 1, 6, 6]), f64([2, 1, 2, 3])]);
    ok((x, w) => ops.conv2d(x, w, { groups: 2, stride: [1, 2] }), [f64([1, 4, 4, 5]), f64([6, 2, 2, 2])]);
    ok((x, w, b) => ops.conv2d(x, w, { bias: b }), [f64([1, 2, 4, 4]), f64([3, 2, 2, 2]), f64([3])]);
  });

  it('max and average pooling', () => {
    ok((x) => ops.maxPool2d(x, 2), [f64([2, 2, 4, 4])]);
    ok((x) => ops.maxPool2d(x, 3, { stride: 2, padding: 1 }), [f64([1, 2, 5, 5])]);
    ok((x) => ops.avgPool2d(x, 2, { stride: 1 }), [f64([1, 1, 4, 3])]);
    ok((x) => ops.avgPool2d(x, 3, { stride: 2, padding: 1 }), [f64([1, 2, 5, 5])]);
  });

  it('property: broadcasting binary ops over random shapes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        (shape, ones) => {
          const other = shape.map((d, i) => (ones[i] ? 1 : d));
          tidy(() => ok((a, b) => ops.mul(ops.add(a, b), a), [f64(shape), f64(other)]));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('property: reductions over random axes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        fc.nat(),
        (shape, keepDims, pick) => {
          const axis = pick % shape.length;
          tidy(() => ok((x) => ops.sum(ops.square(x), axis, keepDims), [f64(shape)]));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('leaves no tensors behind', () => {
    const before = memory().numTensors;
    const x = f64([4]);
    ok((t) => ops.sum(ops.exp(t)), [x]);
    x.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
