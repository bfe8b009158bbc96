import { cpu } from '@mindts/backend-cpu';
import { listBackends, memory, registerBackend, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Cell } from '../cell.js';
import { nn } from '../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

/** y = x0 − x1. */
const diff = () => new nn.Dense(2, 1, { weightInit: tensor([[1, -1]], 'float32'), biasInit: 0 });
const dense = () => new nn.Dense(2, 2);
const names = (cell: Cell) => [...cell.getParameters()].map((p) => p.name);

describe('nn.SequentialCell', () => {
  it('runs its Cells in order', () => {
    const x = tensor([[1, 3]], 'float32');
    // relu(1 − 3) = 0, but relu first gives 1 − 3 = −2.
    expect(new nn.SequentialCell([diff(), new nn.ReLU()]).call(x).arraySync()).toEqual([[0]]);
    expect(new nn.SequentialCell(new nn.ReLU(), diff()).call(x).arraySync()).toEqual([[-2]]);
    expect(new nn.SequentialCell().call(x)).toBe(x);
  });

  it('frees intermediate results', () => {
    const seq = new nn.SequentialCell([dense(), new nn.ReLU(), dense(), new nn.Tanh()]);
    const x = tensor([[1, 2]], 'float32');
    seq.call(x).dispose(); // materialises the lazy Parameters
    const before = memory().numTensors;
    const y = seq.call(x);
    expect(memory().numTensors).toBe(before + 1);
    y.dispose();
  });

  it('names children and Parameters by index, as MindSpore', () => {
    const seq = new nn.SequentialCell([dense(), new nn.ReLU(), dense()]);
    expect(names(seq)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(seq.length).toBe(3);
    expect(seq[1]).toBeInstanceOf(nn.ReLU);
    expect(seq.at(-1)).toBe(seq[2]);
    expect([...seq].map((c) => c.constructor.name)).toEqual(['Dense', 'ReLU', 'Dense']);
    expect(names(new nn.SequentialCell(dense()))).toEqual(['0.weight', '0.bias']);
    expect(String(new nn.SequentialCell([dense(), new nn.ReLU()]))).toBe(
      'SequentialCell(\n  (0): Dense(input_channels=2, output_channels=2, has_bias=True)\n  (1): ReLU()\n)',
    );
  });

  it('names children by key when built from a Map or an object', () => {
    const fromMap = new nn.SequentialCell(
      new Map<string, Cell>([
        ['fc', dense()],
        ['act', new nn.ReLU()],
      ]),
    );
    expect(names(fromMap)).toEqual(['fc.weight', 'fc.bias']);
    expect(fromMap.at(1)).toBeInstanceOf(nn.ReLU);
    const fromObject = new nn.SequentialCell({ fc: dense(), act: new nn.ReLU() });
    expect([...fromObject.nameCells().keys()]).toEqual(['fc', 'act']);
    expect((fromObject as unknown as Record<string, Cell>).fc).toBeInstanceOf(nn.Dense);
  });

  it('appends, inserts and replaces with the names following, also inside a parent', () => {
    class Net extends Cell {
      body = new nn.SequentialCell([dense(), new nn.ReLU()]);
    }
    const net = new Net();
    expect(names(net)).toEqual(['body.0.weight', 'body.0.bias']);
    net.body.append(dense());
    expect(names(net)).toEqual(['body.0.weight', 'body.0.bias', 'body.2.weight', 'body.2.bias']);
    const first = dense();
    net.body.insert(0, first);
    expect(names(net)).toEqual(['body.0.weight', 'body.0.bias', 'body.1.weight', 'body.1.bias', 'body.3.weight', 'body.3.bias']);
    expect(net.body[0]).toBe(first);
    expect(net.body[2]).toBeInstanceOf(nn.ReLU);
    const replacement = dense();
    net.body[2] = replacement;
    expect(replacement.weight.name).toBe('body.2.weight');
    expect(net.body.at(2)).toBe(replacement);
    net.setTrain();
    expect([...net.body].every((c) => c.training)).toBe(true);
  });

  it('refuses bad arguments', () => {
    expect(() => new nn.SequentialCell(5 as never)).toThrow(
      new TypeError("For 'SequentialCell', the 'args[0]' must be Cell, Array, Map or object of Cells, but got number."),
    );
    expect(() => new nn.SequentialCell([dense(), 3 as never])).toThrow(
      "For 'SequentialCell', each cell must be subclass of Cell, but got number.",
    );
    const seq = new nn.SequentialCell([dense(), new nn.ReLU()]);
    expect(() => seq.at(2)).toThrow(
      new RangeError("For 'SequentialCell', the value of 'index' must be a number in range [-2, 2), but got 2."),
    );
    expect(() => seq.at(0.5)).toThrow(new TypeError("For 'SequentialCell', the type of 'index' must be int, but got number."));
    expect(() => seq.insert(3, dense())).toThrow(
      "For 'SequentialCell', the value of 'index' must be a number in range [-2, 2], but got 3.",
    );
    expect(() => seq.append({} as never)).toThrow("For 'SequentialCell', each cell must be subclass of Cell, but got Object.");
  });
});
