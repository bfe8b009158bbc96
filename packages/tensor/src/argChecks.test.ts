import { afterEach, describe, expect, it } from 'vitest';
import { listBackends, registerBackend, removeBackend } from './backendRegistry.js';
import { tensor } from './creation.js';
import { runKernel, tensorInfo, wrapInfo } from './engine.js';
import { float16Bits } from './float16.js';
import { formatTensor } from './format.js';
import { memory } from './memory.js';
import { sizeOf } from './shape.js';
import { endTape, isRecording, releaseTape, startTape } from './tape.js';
import type { Tensor } from './tensor.js';
import { mapFactory } from './testing/mapBackend.js';

afterEach(() => {
  for (const name of listBackends()) removeBackend(name);
});

describe('the backend SPI checks its arguments at entry', () => {
  it('startTape refuses a hole or a non-Tensor before any tape goes live, so nothing stays traced', () => {
    registerBackend(mapFactory('map'));
    const before = memory().numTensors;
    const x = tensor([1, 2]);
    // biome-ignore lint/suspicious/noSparseArray: the hole is the bad input
    expect(() => startTape([x, , x] as Tensor[])).toThrow('startTape: sources[1] must be a Tensor, but got undefined.');
    expect(() => startTape(42 as unknown as Tensor[])).toThrow('startTape: sources must be an iterable of Tensors, but got 42.');
    expect(isRecording()).toBe(false);
    x.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it('endTape and releaseTape take only a tape from startTape', () => {
    expect(() => endTape({} as never)).toThrow('endTape: tape must be a Tape from startTape, but got Object.');
    expect(() => releaseTape(null as never)).toThrow('releaseTape: tape must be a Tape from startTape, but got null.');
    const tape = startTape([]);
    endTape(tape);
    releaseTape(tape);
    releaseTape(tape); // a second release does nothing
  });

  it('runKernel names the argument: its name, inputs, attrs and a core primitive’s input count', () => {
    registerBackend(mapFactory('map'));
    const x = tensor([1, 2]);
    expect(() => runKernel(Symbol('Unary') as never, [x], { op: 'neg' })).toThrow(
      'runKernel: name must be a primitive name (a string), but got symbol.',
    );
    expect(() => runKernel('Unary', null as never, { op: 'neg' })).toThrow('runKernel: inputs must be an array of Tensors, but got null.');
    expect(() => runKernel('Unary', [x], null as never)).toThrow(
      "runKernel: attrs must be an object (the primitive's attributes), but got null.",
    );
    expect(() => runKernel('Unary', [] as never, { op: 'neg' })).toThrow(
      "runKernel: inputs of 'Unary' must be 1 Tensor(s), but got an array of length 0.",
    );
    expect(() => runKernel('Reshape', [{} as Tensor], { shape: [2] })).toThrow('runKernel: inputs[0] must be a Tensor, but got Object.');
    x.dispose();
  });

  it('tensorInfo, wrapInfo and the shape and float16 helpers refuse what they cannot use', () => {
    registerBackend(mapFactory('map'));
    const x = tensor([1, 2]);
    expect(() => tensorInfo(x, {} as never)).toThrow(
      'tensorInfo: backend must be a Backend (an object with write, readSync and disposeData), but got Object.',
    );
    expect(() => wrapInfo(null as never, tensorInfo(x).backend)).toThrow(
      'wrapInfo: info must be a TensorInfo { dataId, shape, dtype }, but got null.',
    );
    expect(() => sizeOf(null as never)).toThrow('sizeOf: shape must be an array of numbers, but got null.');
    expect(() => sizeOf(['a'] as never)).toThrow('sizeOf: shape must be an array of numbers, but got Array.');
    expect(() => float16Bits(Symbol('x') as never)).toThrow('float16Bits: value must be a number, but got symbol.');
    expect(() => formatTensor(new Float32Array(1), [2], 'float32')).toThrow(
      'formatTensor: values must hold the 2 elements of shape [2], but got 1.',
    );
    x.dispose();
  });
});
