import { cpu } from '@mindts/backend-cpu';
import { Cell, nn } from '@mindts/cell';
import { Parameter } from '@mindts/parameter';
import { fromValues, listBackends, memory, registerBackend, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { CheckpointError } from './errors.js';
import { memoryIO } from './io.js';
import { loadCheckpoint } from './loadCheckpoint.js';
import { loadParamIntoNet } from './loadParamIntoNet.js';
import { saveCheckpoint } from './saveCheckpoint.js';

const vals = (t: unknown) => Array.from((t as Tensor).dataSync());

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

/** conv (weight, bias) first, then dense (weight, bias). */
class Net extends Cell {
  conv = new nn.Conv2d(1, 2, 3, { hasBias: true });
  dense = new nn.Dense(4, 3);
  override construct(x: Tensor) {
    return x;
  }
}

const snapshot = (net: Cell) => new Map([...net.parametersAndNames()].map(([, p]) => [p.name, [p.dtype, [...p.shape], vals(p)]]));
const param = (values: number[] | number[][], name: string, dtype: 'float32' | 'float16' | 'float64' | 'int32' = 'float32') =>
  new Parameter(tensor(values, dtype), name);

/** A dict in which conv.* (first in the net) would load, and `bad` breaks dense.weight. */
function dictWith(bad: Parameter, biasDtype: 'float16' | 'float32' = 'float16'): Record<string, Parameter> {
  return {
    'conv.weight': new Parameter(fromValues(new Array(18).fill(0.5), [2, 1, 3, 3], 'float32'), 'conv.weight'),
    'conv.bias': param([1, 2], 'conv.bias', biasDtype), // float16: cast without strictLoad
    'dense.weight': bad,
    'dense.bias': param([1, 2, 3], 'dense.bias'),
  };
}

describe('loadParamIntoNet is atomic', () => {
  it.each([false, true])('a shape mismatch raises as MindSpore does, and nothing changes (strictLoad %s)', (strictLoad) => {
    const net = new Net();
    const dict = dictWith(param([[1, 2]], 'dense.weight'), strictLoad ? 'float32' : 'float16');
    const before = snapshot(net);
    const mem = memory();
    expect(() => loadParamIntoNet(net, dict, { strictLoad })).toThrow(CheckpointError);
    expect(() => loadParamIntoNet(net, dict, { strictLoad })).toThrow(
      "For 'loadParamIntoNet', dense.weight in the argument 'net' should have the same shape as dense.weight in the argument 'parameterDict'. But got its shape [3, 4] in the argument 'net' and shape [1, 2] in the argument 'parameterDict'.",
    );
    expect(snapshot(net)).toEqual(before);
    expect(memory().numTensors).toBe(mem.numTensors);
    expect(memory().numBytes).toBe(mem.numBytes);
  });

  it('strictLoad: a dtype that differs raises and nothing changes; without it, same-kind dtypes are cast and reported', () => {
    const net = new Net();
    const dict = dictWith(param(new Array(3).fill([1, 2, 3, 4]), 'dense.weight', 'float64'));
    const before = snapshot(net);
    const mem = memory();
    expect(() => loadParamIntoNet(net, dict, { strictLoad: true })).toThrow(
      /conv.bias in the argument 'net' should have the same type as conv.bias in the argument 'parameterDict', but got its type float32 in the argument 'net' and type float16/,
    );
    expect(snapshot(net)).toEqual(before);
    expect([memory().numTensors, memory().numBytes]).toEqual([mem.numTensors, mem.numBytes]);
    const [paramNotLoad, ckptNotLoad, converted] = loadParamIntoNet(net, dict);
    expect([paramNotLoad, ckptNotLoad]).toEqual([[], []]);
    expect(converted).toEqual([
      { name: 'conv.bias', expected: { shape: [2], dtype: 'float32' }, got: { shape: [2], dtype: 'float16' } },
      { name: 'dense.weight', expected: { shape: [3, 4], dtype: 'float32' }, got: { shape: [3, 4], dtype: 'float64' } },
    ]);
    expect(net.dense.weight.dtype).toBe('float32');
    expect(vals(net.dense.weight)).toEqual(new Array(3).fill([1, 2, 3, 4]).flat());
    expect(vals(net.conv.bias)).toEqual([1, 2]);
    expect(vals(net.conv.weight)).toEqual(new Array(18).fill(0.5));
    // Only the new values stay: the loaded parameters took over the tensors it made.
    expect(memory().numTensors).toBe(mem.numTensors);
  });

  it('an int entry for a float parameter is an error in both modes, as in MindSpore', () => {
    const net = new Net();
    const before = snapshot(net);
    const dict = dictWith(new Parameter(fromValues(new Array(12).fill(1), [3, 4], 'int32'), 'dense.weight'), 'float32');
    for (const strictLoad of [false, true]) {
      expect(() => loadParamIntoNet(net, dict, { strictLoad })).toThrow(
        /should have the same type .* type float32 in the argument 'net' and type int32/,
      );
    }
    expect(snapshot(net)).toEqual(before);
  });

  it("extra trailing 1s in the checkpoint's shape are dropped (MindSpore's GE layout)", () => {
    const net = new Net();
    const dict = { 'dense.bias': new Parameter(fromValues([4, 5, 6], [3, 1, 1], 'float32'), 'dense.bias') };
    loadParamIntoNet(net, dict);
    expect(net.dense.bias?.shape).toEqual([3]);
    expect(vals(net.dense.bias)).toEqual([4, 5, 6]);
  });
});

describe('names', () => {
  it('a parameter named toString or __proto__ is looked up as an own key only', () => {
    const net = new Net();
    net.insertParamToCell('a', new Parameter(tensor([1], 'float32'), 'toString'));
    net.insertParamToCell('b', new Parameter(tensor([2], 'float32'), '__proto__'));
    expect([...net.parametersAndNames()].map(([, p]) => p.name)).toEqual(expect.arrayContaining(['toString', '__proto__']));
    // A plain object inherits toString and __proto__: they are still missing.
    const [notLoaded, unused] = loadParamIntoNet(net, { 'dense.bias': param([1, 2, 3], 'dense.bias') });
    expect(notLoaded.sort()).toEqual(['__proto__', 'conv.bias', 'conv.weight', 'dense.weight', 'toString']);
    expect(unused).toEqual([]);
    const dict: Record<string, Parameter> = Object.create(null);
    for (const [name, v] of [
      ['toString', 7],
      ['__proto__', 8],
      ['constructor', 9],
    ] as const)
      dict[name] = param([v], name);
    const [notLoaded2, unused2] = loadParamIntoNet(net, dict);
    expect(notLoaded2.sort()).toEqual(['conv.bias', 'conv.weight', 'dense.bias', 'dense.weight']);
    expect(unused2).toEqual(['constructor']);
    const byName = new Map([...net.parametersAndNames()].map(([, p]) => [p.name, p]));
    expect(vals(byName.get('toString'))).toEqual([7]);
    expect(vals(byName.get('__proto__'))).toEqual([8]);
  });

  it('without strictLoad, missing parameters are found under a common prefix (MindSpore _load_dismatch_prefix_params)', async () => {
    const a = new Net();
    const io = memoryIO();
    // Names as a wrapper cell would save them.
    await saveCheckpoint(
      [...a.parametersAndNames()].map(([, p]) => ({ name: `network.${p.name}`, data: p })),
      io,
      { appendDict: { epoch: 1 } },
    );
    const dict = await loadCheckpoint(io);
    const strict = new Net();
    expect(loadParamIntoNet(strict, dict, { strictLoad: true }).slice(0, 2)).toEqual([
      ['conv.weight', 'conv.bias', 'dense.weight', 'dense.bias'],
      ['network.conv.weight', 'network.conv.bias', 'network.dense.weight', 'network.dense.bias', 'epoch'],
    ]);
    const b = new Net();
    expect(loadParamIntoNet(b, dict)).toEqual([[], ['epoch'], []]);
    for (const [name, p] of a.parametersAndNames()) expect(vals(b.parametersDict().get(name)), name).toEqual(vals(p));
  });
});

describe('arguments', () => {
  it('checks options and arguments', () => {
    const net = new Net();
    expect(() => loadParamIntoNet(net, {}, { strict_load: true } as never)).toThrow(
      /unknown option 'strict_load' for loadParamIntoNet; did you mean 'strictLoad'/,
    );
    expect(() => loadParamIntoNet(net, {}, { strictLoad: 1 } as never)).toThrow(/strictLoad must be a boolean/);
    expect(() => loadParamIntoNet({} as never, {})).toThrow(/net must be a Cell/);
    expect(() => (loadParamIntoNet as (...a: unknown[]) => unknown)(net, {}, {}, true)).toThrow(
      'loadParamIntoNet takes at most 3 arguments, but got 4.',
    );
    expect(() => loadParamIntoNet(net, null as never)).toThrow(/parameterDict must be a dict/);
    const before = snapshot(net);
    expect(() => loadParamIntoNet(net, { 'conv.bias': param([1, 2], 'conv.bias'), 'dense.bias': 'text' } as never)).toThrow(
      /parameterDict\['dense.bias'\] must be a Parameter or Tensor to load into 'dense.bias', but got a string/,
    );
    const gone = param([1, 2, 3], 'dense.bias');
    gone.dispose();
    expect(() => loadParamIntoNet(net, { 'conv.bias': param([1, 2], 'conv.bias'), 'dense.bias': gone })).toThrow(/has been disposed/);
    expect(snapshot(net)).toEqual(before);
  });
});
