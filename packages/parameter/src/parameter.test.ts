import { cpu } from '@mindts/backend-cpu';
import { initializer } from '@mindts/initializer';
import * as ops from '@mindts/ops';
import { arange, listBackends, memory, registerBackend, setSeed, slice, tensor, tidy } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Parameter } from './parameter.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

describe('Parameter construction', () => {
  it('copies a Tensor', () => {
    const t = tensor([1, 2, 3], 'float32');
    const p = new Parameter(t, 'w');
    t.setItem(0, 9);
    expect(Array.from(p.dataSync())).toEqual([1, 2, 3]);
    expect(p.dtype).toBe('float32');
    expect(p).toBeInstanceOf(Parameter);
  });

  it('infers dtypes from numbers and arrays like MindSpore', () => {
    expect(new Parameter(5).dtype).toBe('int32');
    expect(new Parameter(2.5).dtype).toBe('float32');
    expect(new Parameter(2, 'z', { dtype: 'float32' }).dtype).toBe('float32');
    expect(new Parameter(5).shape).toEqual([]);
    expect(new Parameter([1, 2]).dtype).toBe('int32');
    expect(new Parameter([[0.5]]).shape).toEqual([1, 1]);
    expect(new Parameter(new Float32Array([1, 2])).dtype).toBe('float32');
  });

  it('rejects booleans and other types', () => {
    expect(() => new Parameter(true as never)).toThrow('Parameter data can not be `bool`.');
    expect(() => new Parameter('x' as never)).toThrow(
      "The type of the argument 'input' must be in ['Tensor', 'number', 'Array', 'TypedArray']. But got type string.",
    );
    expect(() => new Parameter(1, 'x', { dtype: 'float' as never })).toThrow(/Parameter dtype must be one of/);
  });

  it('stays lazy on an initializer tensor until first use', () => {
    setSeed(3);
    const init = initializer('normal', [5, 3]);
    const p = new Parameter(init, 'w');
    expect(p.isLazy).toBe(true);
    expect(p.initData()).toBe(p);
    expect(p.isLazy).toBe(false);
    setSeed(3);
    const again = initializer('normal', [5, 3]);
    expect(Array.from(p.dataSync())).toEqual(Array.from(again.dataSync()));
  });

  it('consumes the initializer tensor: no second copy, and building inside tidy works', () => {
    const before = memory();
    const p = tidy(() => new Parameter(initializer('ones', [1000]), 'w'));
    p.initData();
    expect(memory().numTensors).toBe(before.numTensors + 1);
    expect(memory().numBytes).toBe(before.numBytes + 4000);
    expect(Array.from(p.dataSync().slice(0, 2))).toEqual([1, 1]);
    const half = new Parameter(initializer('ones', [2]), 'h', { dtype: 'float16' });
    expect(half.dtype).toBe('float16');
    expect(Array.from(half.dataSync())).toEqual([1, 1]);
  });

  it('negative dims in an initializer shape are an error', () => {
    expect(() => new Parameter(initializer('zeros', [2, -1]))).toThrow(/shape/);
  });

  it('is not freed by tidy', () => {
    const p = tidy(() => {
      const q = new Parameter(tensor([1, 2], 'float32'), 'q');
      ops.add(q, 1);
      return undefined;
    });
    expect(p).toBeUndefined();
    const before = memory().numTensors;
    let kept: Parameter | undefined;
    tidy(() => {
      kept = new Parameter([1, 2], 'kept');
    });
    expect(kept?.isDisposed).toBe(false);
    expect(memory().numTensors).toBe(before + 1);
  });
});

describe('Parameter name and requiresGrad', () => {
  it('applies MindSpore name rules', () => {
    expect(new Parameter(1).name).toBe('Parameter');
    expect(new Parameter(1, '   ').name).toBe('Parameter');
    expect(new Parameter(1, '  w  ').name).toBe('w');
    expect(new Parameter(1, null).name).toBe('Parameter');
    expect(() => new Parameter(1, 'a'.repeat(1025))).toThrow(`The length of the '${'a'.repeat(1025)}' name should be less than 1024.`);
    expect(() => new Parameter(1, 3 as never)).toThrow(
      "The type of the Parameter's name should be 'string' or 'undefined', but got number.",
    );
    const p = new Parameter(1, 'a');
    p.name = 'b';
    expect(p.name).toBe('b');
  });

  it('requiresGrad is boolean only', () => {
    const p = new Parameter(1, 'p', { requiresGrad: false });
    expect(p.requiresGrad).toBe(false);
    p.requiresGrad = true;
    expect(p.requiresGrad).toBe(true);
    expect(() => {
      p.requiresGrad = 1 as never;
    }).toThrow('The argument `requiresGrad` must be bool type, but got number.');
    expect(() => new Parameter(1, 'p', { requiresGrad: 'yes' as never })).toThrow(/must be bool type/);
  });

  it('prints like MindSpore', () => {
    const w = new Parameter(initializer('normal', [5, 3]), 'w');
    expect(`${w}`).toBe('Parameter (name=w, shape=[5, 3], dtype=Float32, requires_grad=True)');
    expect(String(new Parameter(5, 'z', { requiresGrad: false }))).toBe('Parameter (name=z, shape=[], dtype=Int32, requires_grad=False)');
  });
});

describe('Parameter data', () => {
  it('setData checks shape, casts up and refuses wider dtypes', () => {
    const b = new Parameter(tensor([1, 2, 3], 'float32'), 'b');
    expect(b.setData(tensor([3, 4, 5]))).toBe(b); // int32 into float32
    expect(b.dtype).toBe('float32');
    expect(Array.from(b.dataSync())).toEqual([3, 4, 5]);
    expect(() => b.setData(tensor([1, 2]))).toThrow(
      'Can not change the shape of Parameter which has been initialized. Current shape is [3], and incoming is [2].',
    );
    expect(() => b.setData(tensor([1, 2, 3], 'float64'))).toThrow(
      'Incoming Parameter dtype can not be converted to current dtype implicitly. Current dtype is Float32, and incoming is Float64.',
    );
    expect(Array.from(b.dataSync())).toEqual([3, 4, 5]); // a refused write leaves the data alone
    expect(() => b.setData('x' as never)).toThrow('Parameter data must be a Tensor or a number. But with type string.');
  });

  it('setData copies, accepts numbers and sliceShape', () => {
    const b = new Parameter(tensor([1, 2, 3], 'float32'), 'b');
    const src = tensor([7, 8, 9], 'float32');
    b.setData(src);
    src.setItem(0, 0);
    expect(Array.from(b.dataSync())).toEqual([7, 8, 9]);
    b.setData(2);
    expect(Array.from(b.dataSync())).toEqual([2, 2, 2]);
    const i = new Parameter([1, 2], 'i');
    expect(() => i.setData(0.5)).toThrow(/Current dtype is Int32, and incoming is Float32/);
    b.setData(tensor([1, 2], 'float32'), { sliceShape: true });
    expect(b.shape).toEqual([2]);
    expect(b.sliced).toBe(true);
  });

  it('setItem and ops.assign write in place', () => {
    const b = new Parameter(tensor([1, 2, 3], 'float32'), 'b');
    b.setItem(0, 1);
    b.setItem(slice(1), tensor([5, 6]));
    expect(Array.from(b.dataSync())).toEqual([1, 5, 6]);
    expect(ops.assign(b, tensor([7, 8, 9]))).toBe(b);
    expect(Array.from(b.dataSync())).toEqual([7, 8, 9]);
  });

  it('value() is a plain copy and clone() a new Parameter', () => {
    const x = new Parameter(ops.reshape(arange(6), [2, 3]), 'x');
    const v = x.value();
    expect(v).not.toBeInstanceOf(Parameter);
    x.setItem([0, 0], 100);
    expect(v.arraySync()).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    const c = x.clone();
    expect(c).not.toBe(x);
    expect(c.name).toBe('x');
    expect(c.arraySync()).toEqual(x.arraySync());
    const z = x.clone('zeros');
    expect(z.dtype).toBe('int32');
    expect(z.arraySync()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    const live = memory().numTensors;
    x.clone('zeros').dispose();
    expect(memory().numTensors).toBe(live); // no leaked initializer tensor
    const n = new Parameter(tensor([1, 2], 'float32'), 'n', { requiresGrad: false }).clone(3);
    expect(Array.from(n.dataSync())).toEqual([3, 3]);
    expect(n.requiresGrad).toBe(false);
  });
});
