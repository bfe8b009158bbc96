import { cpu } from '@mindts/backend-cpu';
import { initializer } from '@mindts/initializer';
import { listBackends, registerBackend, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Parameter } from './parameter.js';
import { ParameterTuple } from './parameterTuple.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

describe('ParameterTuple', () => {
  it('holds Parameters, allows repeats of one object, refuses others', () => {
    const a = new Parameter(1, 'a');
    const t = new ParameterTuple([a, a]);
    expect(t.length).toBe(2);
    expect(t[0]).toBe(a);
    expect(Object.isFrozen(t)).toBe(true);
    expect(String(new ParameterTuple([a]))).toBe('(Parameter (name=a, shape=[], dtype=Int32, requires_grad=True),)');
    expect(() => new ParameterTuple([a, tensor([1]) as never])).toThrow(
      "For ParameterTuple initialization, ParameterTuple input should be 'Parameter' collection, but got a Tensor at index 1.",
    );
    expect(() => new ParameterTuple(3 as never)).toThrow('ParameterTuple input should be an iterable of Parameters, but got 3.');
  });

  it('refuses two different Parameters with one name', () => {
    const a = new Parameter(1, 'w');
    const b = new Parameter(2, 'w');
    expect(() => new ParameterTuple([a, b])).toThrow(
      "The value Parameter (name=w, shape=[], dtype=Int32, requires_grad=True) , its name 'w' already exists. Please set a unique name for the parameter.",
    );
  });

  it('clones with a prefix and an init', () => {
    const x = new Parameter(
      tensor([
        [0, 1, 2],
        [3, 4, 5],
      ]),
      'x',
    );
    const y = new Parameter(initializer('ones', [1, 2, 3], 'float32'), 'y');
    const z = new Parameter(2, 'z', { dtype: 'float32' });
    const params = new ParameterTuple([x, y, z]);
    const copy = params.clone('params_copy');
    expect(copy).toBeInstanceOf(ParameterTuple);
    expect(copy.map((p) => p.name)).toEqual(['params_copy.x', 'params_copy.y', 'params_copy.z']);
    expect(params.map((p) => p.name)).toEqual(['x', 'y', 'z']);
    expect(copy[1]?.arraySync()).toEqual([
      [
        [1, 1, 1],
        [1, 1, 1],
      ],
    ]);
    const moments = params.clone('moments', 'zeros');
    expect(moments[0]?.arraySync()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(moments[2]?.arraySync()).toBe(0);
    expect(() => params.clone('bad prefix')).toThrow(
      "For 'ParameterTuple.clone', the argument 'prefix' should match '^\\w+[0-9a-zA-Z_.]*$', but got \"bad prefix\".",
    );
  });
});
