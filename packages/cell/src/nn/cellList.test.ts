import { cpu } from '@mindts/backend-cpu';
import { listBackends, registerBackend } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Cell } from '../cell.js';
import { nn } from '../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const dense = () => new nn.Dense(2, 2);
const names = (cell: Cell) => [...cell.getParameters()].map((p) => p.name);

describe('nn.CellList', () => {
  it('holds Cells under index keys and renames their Parameters', () => {
    const list = new nn.CellList([dense(), new nn.ReLU()]);
    expect(list.length).toBe(2);
    expect(names(list)).toEqual(['0.weight', '0.bias']);
    expect(list[1]).toBeInstanceOf(nn.ReLU);
    expect(list.at(-2)).toBe(list[0]);
    list.append(dense()).extend([new nn.Tanh(), dense()]);
    expect(names(list)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias', '4.weight', '4.bias']);
    expect([...list].map((c) => c.constructor.name)).toEqual(['Dense', 'ReLU', 'Dense', 'Tanh', 'Dense']);
    expect(String(new nn.CellList([new nn.ReLU()]))).toBe('CellList(\n  (0): ReLU()\n)');
  });

  it('inserts and replaces, keeping the prefix of a parent', () => {
    class Net extends Cell {
      layers = new nn.CellList([dense(), dense()]);
    }
    const net = new Net();
    const first = dense();
    net.layers.insert(0, first);
    expect(names(net)).toEqual([
      'layers.0.weight',
      'layers.0.bias',
      'layers.1.weight',
      'layers.1.bias',
      'layers.2.weight',
      'layers.2.bias',
    ]);
    expect(net.layers[0]).toBe(first);
    net.layers.insert(-1, new nn.ReLU());
    expect([...net.layers].map((c) => c.constructor.name)).toEqual(['Dense', 'Dense', 'ReLU', 'Dense']);
    expect(names(net).slice(-2)).toEqual(['layers.3.weight', 'layers.3.bias']);
    const replacement = dense();
    net.layers[1] = replacement;
    expect(replacement.weight.name).toBe('layers.1.weight');
  });

  it('keeps names with autoPrefix: false and refuses duplicates it would create', () => {
    const list = new nn.CellList([dense()], { autoPrefix: false });
    expect(names(list)).toEqual(['weight', 'bias']);
    expect(() => list.append(dense())).toThrow(
      "The value of 1.weight is Parameter (name=weight, shape=[2, 2], dtype=Float32, requires_grad=True), its name 'weight' already exists.",
    );
    expect(list.length).toBe(1);
  });

  it('refuses bad arguments and running it', () => {
    const list = new nn.CellList();
    expect(list.length).toBe(0);
    expect(() => list.extend(dense() as never)).toThrow(
      new TypeError("For 'CellList', the new cells wanted to append should be instance of list, but got Dense."),
    );
    expect(() => list.append(3 as never)).toThrow("For 'CellList', each cell must be subclass of Cell, but got number.");
    expect(() => list.at(0)).toThrow("For 'CellList', the value of 'index' must be a number in range [0, 0), but got 0.");
    expect(() => list.call()).toThrow(
      "For 'CellList', the method 'construct' is not defined: a CellList holds Cells; call them one by one.",
    );
  });
});

describe('CellList under a bad cells argument', () => {
  it('names it instead of failing inside', () => {
    expect(() => new nn.CellList(null as never)).toThrow('CellList: cells must be an array of Cells, but got null.');
    expect(() => new nn.CellList(3 as never)).toThrow('CellList: cells must be an array of Cells, but got number.');
  });
});
