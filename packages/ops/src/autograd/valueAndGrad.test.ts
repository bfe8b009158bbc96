import { cpu } from '@mindts/backend-cpu';
import { listBackends, memory, registerBackend, type Tensor, tensor, tidy } from '@mindts/tensor';
import { registerKernel, runKernel, type TensorInfo } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ops from '../index.js';
import type { GradFunc } from './gradFunc.js';
import { gradientOf } from './gradients.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const arr = (t: unknown) => Array.from((t as Tensor).dataSync());
/** A stand-in for a Parameter: a Tensor with a name and requiresGrad. */
function param(values: number[], requiresGrad = true): Tensor & { requiresGrad: boolean } {
  return Object.assign(tensor(values, 'float32'), { requiresGrad });
}

describe('valueAndGrad', () => {
  it('differentiates the inputs at gradPosition (MindSpore mode 1)', () => {
    const f = (x: Tensor, y: Tensor) => ops.sum(ops.mul(ops.square(x), y));
    const x = tensor([1, 2], 'float32');
    const y = tensor([3, 4], 'float32');
    const [value, dx] = ops.valueAndGrad(f)(x, y);
    expect(arr(value)).toEqual([19]);
    expect(arr(dx)).toEqual([6, 16]);
    const [, both] = ops.valueAndGrad(f, [0, 1])(x, y);
    expect(both.map(arr)).toEqual([
      [6, 16],
      [1, 4],
    ]);
  });

  it('differentiates weights only with gradPosition null, and both', () => {
    const w = param([2, 3]);
    const frozen = param([5, 5], false);
    const f = (x: Tensor) => ops.sum(ops.mul(ops.mul(x, w), frozen));
    const x = tensor([1, 1], 'float32');
    const [, gw] = ops.valueAndGrad(f, null, [w, frozen])(x);
    expect(gw.map(arr)).toEqual([
      [5, 5],
      [0, 0],
    ]);
    const [, single] = ops.valueAndGrad(f, null, w)(x);
    expect(arr(single)).toEqual([5, 5]);
    const [, mixed] = ops.valueAndGrad(f, 0, [w])(x);
    const [gx, gws] = mixed;
    expect(arr(gx)).toEqual([10, 15]);
    expect(gws.map(arr)).toEqual([[5, 5]]);
  });

  it('refuses gradPosition and weights both null, and bad arguments', () => {
    expect(() => ops.valueAndGrad((x: Tensor) => x, null)).toThrow(
      "For 'valueAndGrad', `gradPosition` and `weights` can not be None at the same time.",
    );
    expect(() => ops.valueAndGrad((x: Tensor) => x, 2)(tensor([1], 'float32'))).toThrow(/gradPosition 2 is out of range/);
    expect(() => ops.valueAndGrad((x: number) => tensor([x], 'float32'))(3 as never)).toThrow(
      /argument 0 \(gradPosition\) must be a Tensor/,
    );
    expect(() => ops.valueAndGrad((() => 3) as never)(tensor([1], 'float32'))).toThrow(/fn must return a Tensor/);
  });

  it('hasAux: only the first output is differentiated; aux comes back as is', () => {
    const f = (x: Tensor) => [ops.sum(ops.square(x)), ops.mul(x, 10)] as const;
    const x = tensor([1, 2], 'float32');
    const [value, g] = ops.valueAndGrad(f, 0, undefined, { hasAux: true })(x);
    expect(value.map(arr)).toEqual([[5], [10, 20]]);
    expect(arr(g)).toEqual([2, 4]);
    const [g2, aux] = ops.grad(f, 0, undefined, { hasAux: true })(x);
    expect(arr(g2)).toEqual([2, 4]);
    expect(aux.map(arr)).toEqual([[10, 20]]);
  });

  it('a non-scalar output is differentiated as its sum; unused and int inputs get zeros', () => {
    const x = tensor([1, 2, 3], 'float32');
    const unused = tensor([7, 7], 'float32');
    const n = tensor([1, 2]);
    const g = ops.grad((a: Tensor, _b: Tensor, _c: Tensor) => ops.mul(a, a), [0, 1, 2])(x, unused, n);
    expect(g.map(arr)).toEqual([
      [2, 4, 6],
      [0, 0],
      [0, 0],
    ]);
    expect(g[2]?.dtype).toBe('int32');
  });

  it('accumulates a tensor used twice and stops at stopGradient', () => {
    const x = tensor([3], 'float32');
    expect(arr(ops.grad((a: Tensor) => ops.add(ops.mul(a, a), a))(x))).toEqual([7]);
    expect(arr(ops.grad((a: Tensor) => ops.mul(ops.stopGradient(a), a))(x))).toEqual([3]);
  });

  it('supports second derivatives by nesting', () => {
    const x = tensor([2], 'float32');
    const d1 = (a: Tensor) => ops.grad((b: Tensor) => ops.mul(ops.mul(b, b), b))(a); // 3x²
    expect(arr(ops.grad(d1)(x))).toEqual([12]); // 6x
  });

  it('detects an in-place write to a tensor the gradient needs', () => {
    const x = tensor([1, 2], 'float32');
    const f = (a: Tensor) => {
      const y = ops.mul(a, a);
      ops.assign(a, tensor([5, 5], 'float32'));
      return ops.sum(y);
    };
    expect(() => ops.grad(f)(x)).toThrow(/was modified in place/);
  });

  it('differentiates through an in-place write to an intermediate (old uses see the old value)', () => {
    const x = tensor([1, 2, 3], 'float32');
    // c = 2x; s = sum(c²) uses the old c; then c[1] = 10·x[0] and t = sum(c · [1, 1, 1]).
    const f = (a: Tensor) => {
      const c = ops.mul(a, 2);
      const s = ops.sum(ops.square(c));
      c.setItem(1, ops.mul(a.getItem(0), 10));
      return ops.add(s, ops.sum(c));
    };
    const [value, dx] = ops.valueAndGrad(f)(x);
    // s = 4(1 + 4 + 9) = 56; c = [2, 10, 6] → 18; ds/dx = 8x = [8, 16, 24]; d(sum c)/dx = [2 + 10, 0, 2].
    expect(arr(value)).toEqual([74]);
    expect(arr(dx)).toEqual([20, 16, 26]);
  });

  it('names a plugin primitive without a rule, then uses the one registered for it', () => {
    // A plugin primitive: y = 3x, computed by the CPU backend's Binary kernel.
    const kernelFunc = (backend: unknown, [x]: [TensorInfo], _attrs: unknown) => {
      const b = backend as {
        values: (t: TensorInfo) => Float32Array;
        output: (v: Float32Array, s: readonly number[], d: 'float32') => TensorInfo;
      };
      return b.output(
        b.values(x).map((v) => 3 * v),
        x.shape,
        'float32',
      );
    };
    registerKernel({ name: 'Triple' as never, backendName: 'cpu', kernelFunc: kernelFunc as never });
    const triple = (x: Tensor) => runKernel('Triple' as never, [x] as never, {} as never);
    const x = tensor([1, 2], 'float32');
    expect(() => ops.grad(triple)(x)).toThrow(
      "No gradient is defined for primitive 'Triple'; register one with registerGradient('Triple', rule).",
    );
    ops.registerGradient('Triple' as never, (dy) => [ops.mul(dy, 3)]);
    expect(arr(ops.grad(triple)(x))).toEqual([3, 3]);
    expect(() => ops.registerGradient('Triple' as never, () => [])).toThrow("A gradient rule for 'Triple' is already registered.");
  });

  it("tells rules which inputs want a gradient, and the core rules skip the others' work", () => {
    // A plugin primitive y = a·b whose rule records what it was told.
    const kernelFunc = (backend: unknown, [a, b]: [TensorInfo, TensorInfo], _attrs: unknown) => {
      const k = backend as {
        values: (t: TensorInfo) => Float32Array;
        output: (v: Float32Array, s: readonly number[], d: 'float32') => TensorInfo;
      };
      const bv = k.values(b);
      return k.output(
        k.values(a).map((v, i) => v * (bv[i] as number)),
        a.shape,
        'float32',
      );
    };
    registerKernel({ name: 'ProbeMul' as never, backendName: 'cpu', kernelFunc: kernelFunc as never });
    const told: (readonly boolean[] | undefined)[] = [];
    ops.registerGradient('ProbeMul' as never, (dy, node) => {
      told.push(node.needs);
      const [a, b] = node.inputs as [Tensor, Tensor];
      return [ops.wants(node, 0) ? ops.mul(dy, b) : undefined, ops.wants(node, 1) ? ops.mul(dy, a) : undefined];
    });
    const probe = (a: Tensor, b: Tensor) => runKernel('ProbeMul' as never, [a, b] as never, {} as never) as Tensor;
    const w = param([2, 3]);
    const x = tensor([5, 7], 'float32');
    const [, [gw]] = ops.valueAndGrad((v: Tensor) => ops.sum(probe(v, w)), null, [w])(x);
    expect(arr(gw)).toEqual([5, 7]);
    expect(told).toEqual([[false, true]]);
    expect(ops.wants({}, 0)).toBe(true);

    // Core rules: the unwanted side is undefined, the wanted one as computed in full.
    const a = ops.reshape(tensor([1, 2, 3, 4, 5, 6], 'float32'), [2, 3]);
    const b = ops.reshape(tensor([1, -1, 2, 0.5, 3, -2], 'float32'), [3, 2]);
    const dy = ops.reshape(tensor([1, 2, 3, 4], 'float32'), [2, 2]);
    const mm = gradientOf('MatMul') as GradFunc;
    const node = { inputs: [a, b], output: ops.matmul(a, b), attrs: { transposeA: false, transposeB: false } };
    const full = mm(dy, node);
    const onlyB = mm(dy, { ...node, needs: [false, true] });
    expect(onlyB[0]).toBeUndefined();
    expect(arr(onlyB[1])).toEqual(arr(full[1]));
    const onlyA = mm(dy, { ...node, needs: [true, false] });
    expect(onlyA[1]).toBeUndefined();
    expect(arr(onlyA[0])).toEqual(arr(full[0]));
    const bin = gradientOf('Binary') as GradFunc;
    const bias = tensor([1, 2], 'float32');
    const added = bin(dy, { inputs: [dy, bias], output: ops.add(dy, bias), attrs: { op: 'mul' }, needs: [false, true] });
    expect(added[0]).toBeUndefined();
    expect(arr(added[1])).toEqual([1 * 1 + 3 * 3, 2 * 2 + 4 * 4]);
  });

  it('keeps memory flat over many steps (no tape leaks)', () => {
    const w = param([0.5, -0.5]);
    const step = ops.valueAndGrad((x: Tensor) => ops.sum(ops.tanh(ops.mul(x, w))), null, [w]);
    const x = tensor([1, 2], 'float32');
    const run = () => {
      const [v, g] = step(x);
      v.dispose();
      for (const t of g) t.dispose();
    };
    run();
    const before = memory();
    for (let i = 0; i < 200; i++) run();
    expect(memory().numTensors).toBe(before.numTensors);
    expect(memory().numBytes).toBe(before.numBytes);
    // Inner tidies and op temporaries inside fn are fine too.
    const f = ops.grad((a: Tensor) => tidy(() => ops.sum(ops.exp(ops.mul(a, 2)))));
    const g = f(x);
    expect(arr(g).map((v) => Math.round(v * 1000) / 1000)).toEqual(
      [2 * Math.exp(2), 2 * Math.exp(4)].map((v) => Math.round(Math.fround(v) * 1000) / 1000),
    );
  });
});
