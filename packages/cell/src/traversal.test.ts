import { cpu } from '@mindts/backend-cpu';
import { Parameter } from '@mindts/parameter';
import { listBackends, registerBackend, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Cell } from './cell.js';
import { nn } from './index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const f32 = (values: number[]) => tensor(values, 'float32');

class Block extends Cell {
  dense = new nn.Dense(2, 2);
  bn = new nn.BatchNorm1d(2);
}

class Net extends Cell {
  w = new Parameter(f32([1]));
  body = new Block();
  head = new nn.Dense(2, 1);
}

describe('traversal', () => {
  it('lists cells with their paths, depth first, each Cell once', () => {
    const shared = new nn.ReLU();
    class Twice extends Cell {
      a = shared;
      b = shared;
      block = new Block();
    }
    const net = new Twice();
    expect([...net.cellsAndNames()].map(([n, c]) => `${n}:${c.constructor.name}`)).toEqual([
      ':Twice',
      'a:ReLU',
      'block:Block',
      'block.dense:Dense',
      'block.bn:BatchNorm1d',
    ]);
    expect([...net.cellsAndNames(undefined, 'net')].map(([n]) => n)).toEqual([
      'net',
      'net.a',
      'net.block',
      'net.block.dense',
      'net.block.bn',
    ]);
    expect([...net.nameCells().keys()]).toEqual(['a', 'block']);
    expect([...net.cells()]).toEqual([shared, net.block]);
  });

  it('yields every Parameter once with its path, honouring expand and namePrefix', () => {
    const net = new Net();
    const all = [...net.parametersAndNames()].map(([n]) => n);
    expect(all).toEqual([
      'w',
      'body.dense.weight',
      'body.dense.bias',
      'body.bn.moving_mean',
      'body.bn.moving_variance',
      'body.bn.gamma',
      'body.bn.beta',
      'head.weight',
      'head.bias',
    ]);
    expect([...net.parametersAndNames('', false)].map(([n]) => n)).toEqual(['w']);
    expect([...net.parametersAndNames('net')].map(([n]) => n).slice(0, 2)).toEqual(['net.w', 'net.body.dense.weight']);
    expect([...net.getParameters()].map((p) => p.name)).toEqual(all);
    expect([...net.getParameters(false)]).toEqual([net.w]);
    expect(net.getParameters()[Symbol.iterator]).toBeTypeOf('function');
  });

  it('de-duplicates Parameters shared between Cells', () => {
    const tied = new nn.Dense(2, 2);
    class Tied extends Cell {
      enc = tied;
      dec = new nn.Dense(2, 2, { hasBias: false });
      constructor() {
        super();
        this.dec.weight = this.enc.weight;
      }
    }
    const net = new Tied();
    const params = [...net.parametersAndNames()];
    expect(params.map(([n]) => n)).toEqual(['enc.weight', 'enc.bias']);
    expect(net.trainableParams()).toHaveLength(2);
  });

  it('splits trainable and untrainable Parameters, with recurse', () => {
    const net = new Net();
    expect(net.trainableParams().map((p) => p.name)).toEqual([
      'w',
      'body.dense.weight',
      'body.dense.bias',
      'body.bn.gamma',
      'body.bn.beta',
      'head.weight',
      'head.bias',
    ]);
    expect(net.untrainableParams().map((p) => p.name)).toEqual(['body.bn.moving_mean', 'body.bn.moving_variance']);
    expect(net.trainableParams(false).map((p) => p.name)).toEqual(['w']);
    expect(net.untrainableParams(false)).toEqual([]);
  });

  it('maps Parameters by name', () => {
    const net = new Net();
    const dict = net.parametersDict();
    expect(dict).toBeInstanceOf(Map);
    expect([...dict.keys()].slice(0, 3)).toEqual(['w', 'body.dense.weight', 'body.dense.bias']);
    expect(dict.get('head.bias')).toBe(net.head.bias);
    expect([...net.parametersDict(false).keys()]).toEqual(['w']);
  });
});

describe('insertParamToCell and insertChildToCell', () => {
  it('inserts a Parameter, which takes the key as its default name', () => {
    const relu = new nn.ReLU();
    relu.insertParamToCell('bias', new Parameter(f32([1, 2, 3])));
    expect((relu as unknown as Record<string, Parameter>).bias?.name).toBe('bias');
    relu.insertParamToCell('moments.w', new Parameter(f32([0]), 'moments.w'), false);
    expect([...relu.parametersAndNames()].map(([n]) => n)).toEqual(['bias', 'moments.w']);
    relu.insertParamToCell('empty', null);
    expect((relu as unknown as Record<string, unknown>).empty).toBeNull();
  });

  it("refuses bad Parameter insertions with MindSpore's messages", () => {
    const cell = new nn.ReLU();
    const p = () => new Parameter(f32([1]));
    expect(() => cell.insertParamToCell('', p())).toThrow("For 'insertParamToCell', the argument 'paramName' should not be None.");
    expect(() => cell.insertParamToCell('a.b', p())).toThrow(`For 'insertParamToCell', the argument 'paramName' should not contain ".".`);
    expect(() => cell.insertParamToCell('construct', p())).toThrow(
      "For 'ReLU', a Parameter cannot be registered as 'construct': it would shadow the Cell method 'construct'. Choose another name.",
    );
    expect(() => cell.insertParamToCell('x', f32([1]) as never)).toThrow(
      new TypeError("For 'insertParamToCell', the argument 'param' must be 'Parameter' if not None, but got Tensor."),
    );
    cell.insertParamToCell('x', new Parameter(f32([1]), 'dup'));
    expect(() => cell.insertParamToCell('y', new Parameter(f32([1]), 'dup'))).toThrow("its name 'dup' already exists.");
    expect((cell as unknown as Record<string, unknown>).y).toBeUndefined();
  });

  it('inserts a child without renaming it, and refuses bad children', () => {
    const relu = new nn.ReLU();
    const dense = new nn.Dense(2, 2);
    relu.insertChildToCell('child', dense);
    expect((relu as unknown as Record<string, unknown>).child).toBe(dense);
    expect([...relu.parametersAndNames()].map(([n, p]) => `${n}=${p.name}`)).toEqual(['child.weight=weight', 'child.bias=bias']);
    expect(String(relu)).toBe('ReLU(\n  (child): Dense(input_channels=2, output_channels=2, has_bias=True)\n)');
    expect(() => relu.insertChildToCell(3 as never, dense)).toThrow(
      new TypeError("For 'insertChildToCell', the type of parameter 'childName' must be str, but got number."),
    );
    expect(() => relu.insertChildToCell('a.b', dense)).toThrow(
      "For 'insertChildToCell', the parameter 'childName' can not be None and can not contain '.'.",
    );
    expect(() => relu.insertChildToCell('call', dense)).toThrow(
      "For 'ReLU', a Cell cannot be registered as 'call': it would shadow the Cell method 'call'. Choose another name.",
    );
    expect(() => relu.insertChildToCell('other', {} as never)).toThrow(
      new TypeError("For 'insertChildToCell', the argument 'childCell' must be 'Cell' if not None, but got type Object."),
    );
  });
});

describe('updateParametersName', () => {
  it('renames every Parameter to prefix + path, or only own ones without recurse', () => {
    const net = new Net();
    net.updateParametersName('model.');
    expect([...net.getParameters()].map((p) => p.name).slice(0, 2)).toEqual(['model.w', 'model.body.dense.weight']);
    net.updateParametersName();
    expect(net.body.dense.weight.name).toBe('body.dense.weight');
    net.updateParametersName('top.', false);
    expect(net.w.name).toBe('top.w');
    expect(net.body.dense.weight.name).toBe('body.dense.weight');
    expect(() => net.updateParametersName('bad prefix')).toThrow(
      new RangeError(`For 'updateParametersName', the argument 'prefix' must be '' or match '^\\w+[0-9a-zA-Z_.]*$', but got "bad prefix".`),
    );
  });

  it('checkNames reports duplicates made by hand', () => {
    const net = new Net();
    net.head.weight.name = 'w';
    expect(() => net.checkNames()).toThrow(
      "The value of head.weight is Parameter (name=w, shape=[1, 2], dtype=Float32, requires_grad=True), its name 'w' already exists.",
    );
  });
});

describe('training mode', () => {
  it('starts in inference mode and setTrain switches the whole tree', () => {
    const net = new Net();
    expect(net.training).toBe(false);
    expect(net.body.bn.training).toBe(false);
    expect(net.phase).toBe('train');
    expect(net.setTrain()).toBe(net);
    expect([...net.cellsAndNames()].every(([, c]) => c.training)).toBe(true);
    net.setTrain(false);
    expect(net.phase).toBe('predict');
    expect([...net.cellsAndNames()].some(([, c]) => c.training)).toBe(false);
    net.body.training = true;
    expect(net.body.training).toBe(true);
    expect(net.body.dense.training).toBe(false);
    expect(() => net.setTrain('yes' as never)).toThrow("For 'Cell', the argument 'mode' must be a boolean, but got string.");
  });
});

describe('printing and disposal', () => {
  it('prints the Cell tree as MindSpore does', () => {
    expect(String(new nn.ReLU())).toBe('ReLU()');
    class Body extends Cell {
      dense = new nn.Dense(2, 2);
      relu = new nn.ReLU();
    }
    class Tree extends Cell {
      w = new Parameter(f32([1]));
      body = new Body();
      head = new nn.Dense(2, 1, { hasBias: false });
    }
    expect(String(new Tree())).toBe(
      [
        'Tree(',
        '  (body): Body(',
        '    (dense): Dense(input_channels=2, output_channels=2, has_bias=True)',
        '    (relu): ReLU()',
        '  )',
        '  (head): Dense(input_channels=2, output_channels=1)',
        ')',
      ].join('\n'),
    );
    const dense = new nn.Dense(2, 3, { activation: 'relu' });
    expect(String(dense)).toBe(
      'Dense(\n  input_channels=2, output_channels=3, has_bias=True, activation=ReLU()\n  (activation): ReLU()\n)',
    );
    class Custom extends Cell {
      override extendRepr() {
        return 'a=1\nb=2';
      }
    }
    expect(String(new Custom())).toBe('Custom(\n  a=1\n  b=2\n)');
  });

  it('disposes every Parameter of the tree', () => {
    const net = new Net();
    const params = [...net.getParameters()];
    net.dispose();
    expect(params.every((p) => p.isDisposed)).toBe(true);
    {
      using scoped = new nn.Dense(1, 1);
      expect(scoped.weight.isDisposed).toBe(false);
      params.push(scoped.weight);
    }
    expect(params.at(-1)?.isDisposed).toBe(true);
  });
});
