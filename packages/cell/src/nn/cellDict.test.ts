import { cpu } from '@mindts/backend-cpu';
import { listBackends, ones, registerBackend, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Cell, nn } from '../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const names = (cell: Cell) => [...cell.parametersAndNames()].map(([n, p]) => [n, p.name]);

describe('nn.CellDict', () => {
  it('holds Cells by key in insertion order, named by their keys', () => {
    const dict = new nn.CellDict({
      conv: new nn.Conv2d(3, 4, 3),
      relu: new nn.ReLU(),
      pool: new nn.MaxPool2d({ kernelSize: 2, stride: 2 }),
    });
    expect(dict.length).toBe(3);
    expect(dict.keys()).toEqual(['conv', 'relu', 'pool']);
    expect([...dict]).toEqual(['conv', 'relu', 'pool']); // iterating yields the keys, as Python
    expect(dict.values().map((c) => c.constructor.name)).toEqual(['Conv2d', 'ReLU', 'MaxPool2d']);
    expect(dict.items().map(([k]) => k)).toEqual(['conv', 'relu', 'pool']);
    expect(names(dict)).toEqual([['conv.weight', 'conv.weight']]);
    expect(dict.has('relu')).toBe(true);
    expect(dict.get('relu')).toBeInstanceOf(nn.ReLU);
    expect((dict as unknown as Record<string, Cell>).conv).toBe(dict.get('conv'));
    let x: Tensor = ones([1, 3, 6, 6]);
    for (const cell of dict.values()) x = cell.call(x) as Tensor;
    expect(x.shape).toEqual([1, 4, 3, 3]); // Conv2d pads 'same' by default
  });

  it('is built from a Map, pairs or another CellDict, and prints its children', () => {
    const fromMap = new nn.CellDict(new Map<string, Cell>([['b', new nn.Dense(2, 2)]]));
    const fromPairs = new nn.CellDict([
      ['a', new nn.ReLU()],
      ['d', new nn.Dense(2, 1)],
    ]);
    fromMap.update(fromPairs);
    expect(fromMap.keys()).toEqual(['b', 'a', 'd']);
    expect(names(fromMap).map(([n]) => n)).toEqual(['b.weight', 'b.bias', 'd.weight', 'd.bias']);
    expect(new nn.CellDict().length).toBe(0);
    expect(String(new nn.CellDict({ act: new nn.ReLU() }))).toBe('CellDict(\n  (act): ReLU()\n)');
  });

  it('sets, replaces in place, deletes, pops and clears', () => {
    const dict = new nn.CellDict({ a: new nn.ReLU(), b: new nn.Tanh() });
    const dense = new nn.Dense(2, 3);
    dict.set('c', dense);
    expect(dense.weight.name).toBe('c.weight');
    dict.set('a', new nn.Sigmoid()); // replaced where it was
    expect(dict.keys()).toEqual(['a', 'b', 'c']);
    expect(dict.get('a')).toBeInstanceOf(nn.Sigmoid);
    dict.delete('b');
    expect(dict.keys()).toEqual(['a', 'c']);
    expect('b' in dict).toBe(false);
    expect(dict.pop('c')).toBe(dense);
    expect(names(dict)).toEqual([]);
    dict.clear();
    expect(dict.length).toBe(0);
    expect(() => dict.get('a')).toThrow(`For 'CellDict', the key "a" is not in the CellDict (keys: []).`);
    expect(() => dict.delete('zz')).toThrow(`For 'CellDict', the key "zz" is not in the CellDict (keys: []).`);
    expect(() => dict.pop('zz')).toThrow('is not in the CellDict');
  });

  it("takes its parent's path inside a network, and keeps names with autoPrefix false", () => {
    class Net extends Cell {
      blocks = new nn.CellDict({ fc: new nn.Dense(2, 2) });
    }
    const net = new Net();
    expect(names(net).map(([, n]) => n)).toEqual(['blocks.fc.weight', 'blocks.fc.bias']);
    net.blocks.set('out', new nn.Dense(2, 1));
    expect(names(net).map(([, n]) => n)).toEqual(['blocks.fc.weight', 'blocks.fc.bias', 'blocks.out.weight', 'blocks.out.bias']);
    const dense = new nn.Dense(2, 2);
    new nn.CellDict({ fc: dense }, { autoPrefix: false });
    expect(dense.weight.name).toBe('weight');
  });

  it("refuses bad keys and cells with MindSpore's messages, changing nothing", () => {
    const dict = new nn.CellDict({ a: new nn.Dense(2, 2) });
    const fresh = new nn.Dense(2, 2);
    const bad: [string, unknown][] = [
      ['b', fresh],
      ['get', new nn.ReLU()],
    ];
    expect(() => dict.update(bad as never)).toThrow(
      "For 'CellDict', the key can not be same with the attributes of Cell, but got key get.",
    );
    expect(dict.keys()).toEqual(['a']);
    expect(fresh.weight.name).toBe('weight'); // not renamed: nothing was inserted
    expect(() => dict.set(1 as never, new nn.ReLU())).toThrow("For 'CellDict', the type of key should be string but got number.");
    expect(() => dict.set('a.b', new nn.ReLU())).toThrow(`For 'CellDict', key can not contain ".", but got key a.b`);
    expect(() => dict.set('', new nn.ReLU())).toThrow(`For 'CellDict', key can not be empty string "", but got key `);
    expect(() => dict.set('training', new nn.ReLU())).toThrow('the key can not be same with the attributes of Cell');
    expect(() => dict.set('x', null as never)).toThrow("For 'CellDict', cell can not be None.");
    expect(() => dict.set('x', tensor([1]) as never)).toThrow("For 'CellDict', the type of cell should be Cell, but got Tensor.");
    expect(() => dict.set('x', new nn.CellList())).toThrow(
      "For 'CellDict', the type of cell can not be CellDict, CellList or SequentialCell, but got CellList.",
    );
    expect(() => dict.update(3 as never)).toThrow('CellDict.update() should be called with an iterable of key-value pairs, but got number');
    expect(() => dict.update([['a']] as never)).toThrow('CellDict update sequence element #0, length should be 2; but has length 1');
    expect(() => dict.update([5] as never)).toThrow('CellDict update sequence element #0 should be Iterable; but got number');
    expect(() => new nn.CellDict({}, { auto_prefix: false } as never)).toThrow(
      "unknown option 'auto_prefix' for CellDict; did you mean 'autoPrefix'?",
    );
    expect(dict.keys()).toEqual(['a']);
  });

  it('refuses two Parameters with one name (autoPrefix false), inserting nothing', () => {
    const dict = new nn.CellDict({ a: new nn.Dense(2, 2) }, { autoPrefix: false });
    const clash = new nn.Dense(2, 2);
    expect(() => dict.update([['z', clash]])).toThrow("its name 'weight' already exists. Please set a unique name for the parameter.");
    expect(dict.keys()).toEqual(['a']);
    expect(dict.has('z')).toBe(false);
    expect('z' in dict).toBe(false);
    expect(clash.weight.name).toBe('weight');
  });

  it('has no computation of its own', () => {
    expect(() => (new nn.CellDict() as Cell).call()).toThrow("For 'CellDict', the method 'construct' is not defined");
  });
});
