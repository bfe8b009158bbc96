import { cpu } from '@mindts/backend-cpu';
import { initializer } from '@mindts/initializer';
import { listBackends, memory, registerBackend, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Parameter } from './parameter.js';
import { ParameterTuple } from './parameterTuple.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

describe('Parameter arguments', () => {
  it('refuses unknown options, non-object options and extra arguments', () => {
    const t = tensor([1, 2], 'float32');
    expect(() => new Parameter(t, 'w', { requires_grad: false } as never)).toThrow(
      "unknown option 'requires_grad' for Parameter; did you mean 'requiresGrad'?",
    );
    expect(() => new Parameter(t, 'w', null as never)).toThrow(TypeError);
    expect(() => new Parameter(t, 'w', 'x' as never)).toThrow(
      'For \'Parameter\', the options must be an object or undefined, but got "x".',
    );
    expect(() => new (Parameter as never as new (...a: unknown[]) => unknown)(t, 'w', {}, true)).toThrow(
      'Parameter takes at most 3 arguments, but got 4.',
    );
    const p = new Parameter(t, 'w');
    expect(() => p.setData(t, { slice_shape: true } as never)).toThrow(
      "unknown option 'slice_shape' for Parameter.setData; did you mean 'sliceShape'?",
    );
    expect(() => p.setData(t, { sliceShape: 1 } as never)).toThrow(/'sliceShape' must be bool/);
    expect(() => (p.clone as (...a: unknown[]) => unknown)('zeros', 'extra')).toThrow(
      'Parameter.clone takes at most 1 argument, but got 2.',
    );
  });

  it('a failed constructor leaks nothing', () => {
    const t = tensor([1, 2], 'float32');
    const lazy = initializer('ones', [2]);
    const before = memory();
    expect(() => new Parameter(t, 123 as never)).toThrow(TypeError);
    expect(() => new Parameter(t, 'w', { requiresGrad: 'yes' as never })).toThrow(TypeError);
    expect(() => new Parameter([1, 2], 'w', { dtype: 'float99' as never })).toThrow(TypeError);
    expect(() => new Parameter(t, 'w'.repeat(2000))).toThrow(RangeError);
    expect(() => new Parameter(lazy, 5 as never)).toThrow(TypeError);
    expect(memory().numTensors).toBe(before.numTensors);
    expect(memory().numBytes).toBe(before.numBytes);
    expect(lazy.isDisposed).toBe(false);
  });

  it('a refused setData changes nothing', () => {
    const p = new Parameter(tensor([1, 2], 'float32'), 'w');
    const before = memory().numTensors;
    expect(() => p.setData(tensor([1, 2, 3], 'float32'))).toThrow(RangeError);
    expect(() => p.setData(tensor([1, 2], 'float64'))).toThrow(TypeError);
    expect(Array.from(p.dataSync())).toEqual([1, 2]);
    // The two refused inputs are the only new tensors.
    expect(memory().numTensors).toBe(before + 2);
  });

  it('a ParameterTuple clone that fails part-way frees the clones it made', () => {
    const a = new Parameter(tensor([1], 'float32'), 'a');
    const b = new Parameter(tensor([2], 'float32'), 'b'.repeat(1020));
    const tuple = new ParameterTuple([a, b]);
    const before = memory();
    // 'prefix.' + b's name is too long: a's clone was already made.
    expect(() => tuple.clone('prefix', 'zeros')).toThrow(RangeError);
    expect(memory().numTensors).toBe(before.numTensors);
    expect(memory().numBytes).toBe(before.numBytes);
  });
});

describe('a disposed Tensor as data', () => {
  it('is refused before the Parameter is made, leaking nothing', () => {
    const t = tensor([1, 2]);
    t.dispose();
    const before = memory().numTensors;
    expect(() => new Parameter(t, 'w')).toThrow('Parameter data must be a live Tensor, but got a disposed Tensor.');
    expect(memory().numTensors).toBe(before);
  });
});
