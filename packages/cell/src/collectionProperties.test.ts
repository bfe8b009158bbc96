import { cpu } from '@mindts/backend-cpu';
import { Parameter, ParameterTuple } from '@mindts/parameter';
import { listBackends, registerBackend, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Cell } from './cell.js';
import { nn } from './index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const f32 = (values: number[]) => tensor(values, 'float32');
const names = (cell: Cell) => [...cell.parametersAndNames()].map(([path, p]) => `${path}=${p.name}`);

describe('ParameterTuple, Parameter arrays and CellList properties', () => {
  it('registers a ParameterTuple, naming default-named items Parameter$N', () => {
    class Net extends Cell {
      w = new Parameter(f32([0]));
      params: ParameterTuple;
      constructor(items: Parameter[]) {
        super();
        this.params = new ParameterTuple(items);
      }
    }
    const x = new Parameter(f32([1]), 'x');
    const anon = new Parameter(f32([2]));
    const net = new Net([x, anon, x]);
    expect(anon.name).toBe('Parameter$1');
    expect(names(net)).toEqual(['w=w', 'x=x', 'Parameter$1=Parameter$1']);
    expect(net.params[2]).toBe(x);
    class Outer extends Cell {
      inner = new Net([new Parameter(f32([3]), 'm')]);
    }
    expect(names(new Outer())).toEqual(['inner.w=inner.w', 'inner.m=inner.m']);
    // An item named like a different registered Parameter is refused.
    const clash = new Parameter(f32([4]), 'w');
    expect(() => new Net([clash])).toThrow(
      "The value (Parameter (name=w, shape=[1], dtype=Float32, requires_grad=True)) , its name 'w' already exists. Please set a unique name for the parameter.",
    );
  });

  it('names the Parameters of a plain array but does not register them (as MindSpore)', () => {
    class Net extends Cell {
      w = new Parameter(f32([0]));
      list: Parameter[] = [new Parameter(f32([1])), new Parameter(f32([2]), 'b')];
    }
    const net = new Net();
    expect(net.list.map((p) => p.name)).toEqual(['Parameter$1', 'b']);
    expect(names(net)).toEqual(['w=w']);
    const netR = net as unknown as Record<string, unknown>;
    const a = net.list[0] as Parameter;
    netR.again = [a, a];
    expect(() => {
      netR.other = [new Parameter(f32([3]), 'b')];
    }).toThrow(
      "The value [Parameter (name=b, shape=[1], dtype=Float32, requires_grad=True)] , its name 'b' already exists. Please set a unique name for the parameter.",
    );
    expect(() => {
      netR.other = [new Parameter(f32([3]), 'w')];
    }).toThrow("its name 'w' already exists.");
    expect(() => {
      netR.late = new Parameter(f32([4]), 'b');
    }).toThrow(
      "its name 'b' already exists. Please set a unique name for the parameter. The other Parameter named 'b' is in an array property.",
    );
    expect(netR.other).toBeUndefined();
  });

  it('registers a CellList property with index paths; a plain array of Cells stays plain', () => {
    class Net extends Cell {
      layers = new nn.CellList([new nn.Dense(2, 2), new nn.ReLU(), new nn.Dense(2, 1)]);
      plain = [new nn.Dense(1, 1)];
    }
    const net = new Net();
    expect(names(net)).toEqual([
      'layers.0.weight=layers.0.weight',
      'layers.0.bias=layers.0.bias',
      'layers.2.weight=layers.2.weight',
      'layers.2.bias=layers.2.bias',
    ]);
    expect(net.layers[1]).toBeInstanceOf(nn.ReLU);
    expect(net.plain[0]?.weight.name).toBe('weight');
  });
});
