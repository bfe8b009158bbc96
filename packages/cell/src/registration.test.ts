import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { Parameter } from '@mindts/parameter';
import { listBackends, registerBackend, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Cell } from './cell.js';
import { nn } from './index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const f32 = (values: number[]) => tensor(values, 'float32');
const names = (cell: Cell) => [...cell.parametersAndNames()].map(([path, p]) => `${path}=${p.name}`);

describe('registration of Parameters and Cells', () => {
  it('registers class fields and renames default-named Parameters to the property name', () => {
    class Net extends Cell {
      w = new Parameter(f32([1, 2]));
      named = new Parameter(f32([3]), 'custom');
      dense = new nn.Dense(2, 3);
    }
    const net = new Net();
    expect(names(net)).toEqual(['w=w', 'named=custom', 'dense.weight=dense.weight', 'dense.bias=dense.bias']);
    expect(net.w).toBeInstanceOf(Parameter);
    expect(net.dense).toBeInstanceOf(nn.Dense);
    expect([...net.nameCells().keys()]).toEqual(['dense']);
  });

  it("is reachable as nn.Cell, as MindSpore's `class Net(nn.Cell)` writes it", () => {
    expect(nn.Cell).toBe(Cell);
    class Net extends nn.Cell {
      dense = new nn.Dense(2, 1);
    }
    expect(names(new Net())).toEqual(['dense.weight=dense.weight', 'dense.bias=dense.bias']);
  });

  it('registers assignments in the constructor the same way', () => {
    class Net extends Cell {
      w: Parameter;
      dense: nn.Dense;
      constructor() {
        super();
        this.w = new Parameter(f32([1, 2]));
        this.dense = new nn.Dense(2, 3);
      }
    }
    expect(names(new Net())).toEqual(['w=w', 'dense.weight=dense.weight', 'dense.bias=dense.bias']);
  });

  it('prefixes nested Cells with their path', () => {
    class Body extends Cell {
      dense = new nn.Dense(2, 2);
    }
    class Net extends Cell {
      body = new Body();
    }
    class Top extends Cell {
      net = new Net();
    }
    expect(names(new Net())).toEqual(['body.dense.weight=body.dense.weight', 'body.dense.bias=body.dense.bias']);
    expect(names(new Top())[0]).toBe('net.body.dense.weight=net.body.dense.weight');
  });

  it('leaves child names alone with autoPrefix: false, until an auto-prefixing parent renames them', () => {
    class Wrapper extends Cell {
      net = new nn.Dense(2, 2);
      constructor() {
        super({ autoPrefix: false });
      }
    }
    const wrapper = new Wrapper();
    // Paths still show the tree; the Parameters keep their own names.
    expect(names(wrapper)).toEqual(['net.weight=weight', 'net.bias=bias']);
    class Top extends Cell {
      train = wrapper;
    }
    expect(names(new Top())).toEqual(['train.net.weight=train.net.weight', 'train.net.bias=train.net.bias']);
    expect(() => new Cell({ autoPrefix: 'no' as never })).toThrow(
      "For 'Cell', the argument 'autoPrefix' must be a boolean, but got string.",
    );
  });

  it('sets the data of a Parameter property when a Tensor is assigned', () => {
    class Net extends Cell {
      w = new Parameter(f32([1, 2, 3]));
    }
    const net = new Net();
    const w = net.w;
    (net as { w: unknown }).w = tensor([4, 5, 6]);
    expect(net.w).toBe(w);
    expect(net.w.dtype).toBe('float32');
    expect(Array.from(net.w.dataSync())).toEqual([4, 5, 6]);
    expect(() => {
      (net as { w: unknown }).w = f32([1]);
    }).toThrow('Can not change the shape of Parameter which has been initialized. Current shape is [3], and incoming is [1].');
  });

  it("refuses other values on Parameter and Cell properties with MindSpore's messages", () => {
    class Net extends Cell {
      w = new Parameter(f32([1]));
      dense = new nn.Dense(1, 1);
    }
    const net = new Net() as unknown as Record<string, unknown>;
    expect(() => {
      net.dense = 5;
    }).toThrow(new TypeError("Sub cell 'dense' already exists in network, can not assign this type: 'number' as a cell."));
    expect(() => {
      net.w = 'x';
    }).toThrow(new TypeError("Parameter 'w' already exists in network, can not assign this type: 'string' as a parameter."));
    expect(() => {
      net.dense = new Parameter(f32([1]));
    }).toThrow(
      "For 'insertParamToCell', the dense parameter already exists in the network. Cannot insert another parameter with the same name.",
    );
    expect(() => {
      net.w = new nn.ReLU();
    }).toThrow(
      "For 'insertChildToCell', the w child cell already exists in the network. Cannot insert another child cell with the same name.",
    );
    expect(() => {
      net.call = new Parameter(f32([1]));
    }).toThrow("For 'Net', a Parameter cannot be registered as 'call': it would shadow the Cell method 'call'. Choose another name.");
    expect(() => {
      net['a.b'] = new Parameter(f32([1]));
    }).toThrow(`For 'insertParamToCell', the argument 'paramName' should not contain ".".`);
    expect(() => {
      net['a.b'] = new nn.ReLU();
    }).toThrow("For 'insertChildToCell', the parameter 'childName' can not be None and can not contain '.'.");
    // A refused assignment leaves the Cell as it was.
    expect(net.dense).toBeInstanceOf(nn.Dense);
    expect(names(net as unknown as Cell)).toEqual(['w=w', 'dense.weight=dense.weight', 'dense.bias=dense.bias']);
  });

  it('refuses two different Parameters with one name, naming both, and rolls back', () => {
    class Net extends Cell {
      a = new Parameter(f32([1]), 'x');
    }
    const net = new Net() as Net & { b?: Parameter };
    const b = new Parameter(f32([2]), 'x');
    expect(() => {
      net.b = b;
    }).toThrow(
      "The value of b is Parameter (name=x, shape=[1], dtype=Float32, requires_grad=True), its name 'x' already exists. " +
        "Please set a unique name for the parameter. The other Parameter named 'x' is at 'a'.",
    );
    expect(net.b).toBeUndefined();
    expect(names(net)).toEqual(['a=x']);

    class Flat extends Cell {
      d1 = new nn.Dense(1, 1);
      d2 = new nn.Dense(1, 1);
      constructor() {
        super({ autoPrefix: false });
      }
    }
    expect(() => new Flat()).toThrow(
      "The value of d2.weight is Parameter (name=weight, shape=[1, 1], dtype=Float32, requires_grad=True), its name 'weight' already exists.",
    );
  });

  it('unsets Parameter and Cell properties with null, and delete unregisters', () => {
    class Net extends Cell {
      w: Parameter | null = new Parameter(f32([1]));
      dense: nn.Dense | null = new nn.Dense(1, 1);
      relu = new nn.ReLU();
    }
    const net = new Net();
    net.w = null;
    net.dense = null;
    expect(net.w).toBeNull();
    expect(names(net)).toEqual([]);
    expect([...net.cellsAndNames()].map(([n]) => n)).toEqual(['', 'relu']);
    expect(String(net)).toBe('Net(\n  (dense): null\n  (relu): ReLU()\n)');
    delete (net as { relu?: unknown }).relu;
    expect([...net.nameCells().keys()]).toEqual([]);
    // The key is free for anything now.
    (net as unknown as Record<string, unknown>).relu = 3;
    expect((net as unknown as Record<string, unknown>).relu).toBe(3);
  });

  it('counts a shared Parameter once and keeps its first name', () => {
    const p = new Parameter(f32([1]));
    class Net extends Cell {
      a = p;
      b = p;
    }
    const net = new Net();
    expect(names(net)).toEqual(['a=a']);
    expect(net.b).toBe(p);
  });

  it('keeps plain values, accessors and private fields working through the Proxy', () => {
    class Net extends Cell {
      #secret = 41;
      scale = 2;
      get secret() {
        return this.#secret + 1;
      }
      override construct(x: Tensor) {
        return ops.mul(x, this.scale);
      }
    }
    const net = new Net();
    expect(net.secret).toBe(42);
    expect(Object.keys(new Cell())).toEqual([]);
    expect(Object.keys(net)).toEqual(['scale']);
    net.training = true;
    expect(net.training).toBe(true);
    expect(() => {
      net.training = 1 as never;
    }).toThrow("For 'Cell', the argument 'training' must be a boolean, but got number.");
    expect(net.call(f32([1, 2])).arraySync()).toEqual([2, 4]);
  });

  it("routes fields and assignments named like Cell's accessors through them", () => {
    // TypeScript refuses a field over an accessor (TS2610); plain JavaScript gets these runtime rules.
    class Trained extends Cell {
      // @ts-expect-error TS2610
      override training = true;
    }
    const t = new Trained();
    expect(t.training).toBe(true);
    expect(Object.keys(t)).toEqual([]);
    t.setTrain(false);
    expect(t.training).toBe(false);
    class Phased extends Cell {
      // @ts-expect-error TS2610
      override phase = 'x';
    }
    expect(() => new Phased()).toThrow(new TypeError("For 'Phased', the property 'phase' is read-only."));
    expect(() => {
      (new Cell() as { phase: string }).phase = 'train';
    }).toThrow("For 'Cell', the property 'phase' is read-only.");
  });

  it('refuses to run a Cell without construct', () => {
    class Empty extends Cell {}
    expect(() => new Cell().call()).toThrow("For 'Cell', the method 'construct' is not defined.");
    expect(() => new Empty().call()).toThrow(
      "For 'Empty', the method 'construct' is not defined. Subclasses of Cell implement construct(...inputs); call(...inputs) runs it.",
    );
  });
});
