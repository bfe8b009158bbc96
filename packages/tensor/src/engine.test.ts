import { afterEach, describe, expect, it } from 'vitest';
import {
  getBackend,
  getBackendName,
  listBackends,
  ready,
  registerBackend,
  registerKernel,
  removeBackend,
  setBackend,
} from './backendRegistry.js';
import { fill, tensor } from './creation.js';
import type { DType } from './dtype.js';
import type { ElementwiseProgram } from './elementwise.js';
import { type EngineEvent, onEngineEvent, runKernel, setDebug, tensorInfo } from './engine.js';
import { keep, tidy } from './scope.js';
import { memory } from './memory.js';
import type { DataId } from './primitives.js';
import { runElementwise } from './runElementwise.js';
import { endTape, startTape } from './tape.js';
import { Tensor, tensorInit } from './tensor.js';
import { setTraceHooks } from './trace.js';
import { MapBackend, mapFactory, mapKernels } from './testing/mapBackend.js';

const kernels = mapKernels;
const factory = mapFactory;

afterEach(() => {
  for (const name of listBackends()) removeBackend(name);
});

describe('backend registry', () => {
  it('explains how to register when nothing is registered', () => {
    expect(() => getBackend()).toThrow(
      "No backend is registered. Register one first: import { cpu } from '@mindts/backend-cpu'; registerBackend(cpu());",
    );
  });

  it('picks the highest priority and switches with setBackend', async () => {
    registerBackend(factory('low', 1));
    registerBackend(factory('high', 5));
    expect(listBackends()).toEqual(['high', 'low']);
    expect(getBackend().name).toBe('high');
    await setBackend('low');
    expect(getBackendName()).toBe('low');
    await expect(setBackend('nope')).rejects.toThrow("Backend 'nope' is not registered; registered backends: high, low.");
  });

  it('rejects a duplicate name', () => {
    registerBackend(factory('a'));
    expect(() => registerBackend(factory('a'))).toThrow("Backend 'a' is already registered; call removeBackend('a') first to replace it.");
  });

  it('waits for async backends and skips ones that fail', async () => {
    registerBackend(factory('broken', 9, () => Promise.reject(new Error('no adapter'))));
    registerBackend(factory('slow', 5, async () => new MapBackend('slow')));
    expect((await ready()).name).toBe('slow');
    expect(getBackend().name).toBe('slow');
  });

  it('refuses a factory that builds a backend of another name', async () => {
    registerBackend({ ...factory('alias'), create: () => new MapBackend('other') });
    await expect(setBackend('alias')).rejects.toThrow(
      "Backend factory 'alias' created a backend named 'other'; the names must match (pass the name to the backend's constructor).",
    );
  });

  it('says an async backend is still initialising', () => {
    registerBackend(factory('slow', 5, async () => new MapBackend('slow')));
    expect(() => getBackend()).toThrow("Backend 'slow' is still initialising; call `await ready()` before using tensors.");
  });

  it('reports missing and duplicate kernels', () => {
    registerBackend(factory('a'));
    expect(() => runKernel('Unary', [tensor([1])], { op: 'neg' })).toThrow("Kernel 'Unary' is not registered for backend 'a'.");
    expect(() => registerKernel({ name: 'Fill', backendName: 'a', kernelFunc: kernels.Fill! })).toThrow(
      /already registered for backend 'a'/,
    );
  });

  it('moves tensors between backends on use', async () => {
    registerBackend(factory('one', 2));
    registerBackend(factory('two', 1));
    const t = tensor([1, 2, 3]);
    expect(t.backendName).toBe('one');
    await setBackend('two');
    const r = runKernel('Reshape', [t], { shape: [3, 1] });
    expect(t.backendName).toBe('two');
    expect(Array.from(r.dataSync())).toEqual([1, 2, 3]);
  });
});

describe('memory', () => {
  it('tidy frees intermediates and keeps results and kept tensors', () => {
    registerBackend(factory('m'));
    const before = memory().numTensors;
    let kept: Tensor | undefined;
    const out = tidy(() => {
      fill([2], 1);
      kept = keep(fill([2], 2));
      return { a: fill([3], 3) };
    });
    expect(memory().numTensors).toBe(before + 2);
    expect(out.a.isDisposed).toBe(false);
    expect(kept?.isDisposed).toBe(false);
    out.a.dispose();
    kept?.dispose();
    expect(memory().numTensors).toBe(before);
    expect(memory().backends.m).toEqual({ bytes: 0, buffers: 0 });
  });

  it('async tidy keeps its scope open until the promise settles', async () => {
    registerBackend(factory('m'));
    const before = memory().numTensors;
    const inner: Tensor[] = [];
    const out = await tidy(async () => {
      inner.push(fill([1], 1));
      await new Promise((r) => setTimeout(r, 1));
      inner.push(fill([1], 2));
      return fill([1], 3);
    });
    expect(inner.every((t) => t.isDisposed)).toBe(true);
    expect(out.isDisposed).toBe(false);
    out.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it('tidy disposes on throw', () => {
    registerBackend(factory('m'));
    const before = memory().numTensors;
    expect(() =>
      tidy(() => {
        fill([4], 0);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(memory().numTensors).toBe(before);
  });

  it('using a disposed tensor is a clear error; dispose twice is fine', () => {
    registerBackend(factory('m'));
    const t = fill([2, 3], 1);
    t.dispose();
    t.dispose();
    expect(() => t.dataSync()).toThrow(
      'Tensor has been disposed (shape=[2, 3], dtype=float32); it cannot be used again. Keep it with keep() or create it outside tidy().',
    );
    expect(t.toString()).toBe('Tensor(shape=[2, 3], dtype=Float32, disposed)');
  });

  it('Symbol.dispose frees the tensor', () => {
    registerBackend(factory('m'));
    const t = fill([2], 1);
    t[Symbol.dispose]();
    expect(t.isDisposed).toBe(true);
  });

  it('lazy tensors materialise on first use, once', () => {
    registerBackend(factory('m'));
    let calls = 0;
    const lazy = new Tensor(
      tensorInit({
        backend: undefined,
        dataId: undefined,
        shape: [2],
        dtype: 'float32' as DType,
        lazy: () => {
          calls++;
          return fill([2], 7);
        },
      }),
    );
    expect(lazy.isLazy).toBe(true);
    expect(calls).toBe(0);
    expect(Array.from(lazy.dataSync())).toEqual([7, 7]);
    expect(Array.from(lazy.dataSync())).toEqual([7, 7]);
    expect(calls).toBe(1);
    expect(lazy.isLazy).toBe(false);
    expect(tensorInfo(lazy).shape).toEqual([2]);
    const other = new Tensor(tensorInit({ backend: undefined, dataId: undefined, shape: [1], dtype: 'float32', lazy: () => fill([1], 3) }));
    expect(other.initData()).toBe(other);
    expect(other.isLazy).toBe(false);
  });
});

describe('FinalizationRegistry safety net', () => {
  it('frees a forgotten tensor and reports where it was created', async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    expect(typeof gc).toBe('function'); // vitest runs with --expose-gc
    registerBackend(factory('m'));
    const events: EngineEvent[] = [];
    const off = onEngineEvent((e) => events.push(e));
    setDebug(true);
    const before = memory();
    (() => {
      fill([1000], 1); // created and forgotten, outside any tidy
    })();
    setDebug(false);
    expect(memory().numTensors).toBe(before.numTensors + 1);
    const ours = (e: EngineEvent) => e.type === 'leak' && e.shape[0] === 1000;
    // Collection is not immediate on a busy machine: give it up to about 3 s.
    for (let i = 0; i < 300 && !events.some(ours); i++) {
      gc?.();
      await new Promise((r) => setTimeout(r, 10));
    }
    off();
    const leak = events.find(ours);
    expect(leak).toMatchObject({ type: 'leak', shape: [1000], dtype: 'float32', backend: 'm' });
    expect(leak?.type === 'leak' && leak.stack).toMatch(/engine\.test\.ts/);
    // Other tests' forgotten tensors may be collected too, so the count only has to drop.
    expect(memory().numTensors).toBeLessThanOrEqual(before.numTensors);
    expect(memory().backends.m).toEqual({ bytes: 0, buffers: 0 });
  });

  // A tensor a tidy scope tracks is registered with the registry only when it leaves the scopes
  // alive: each way out must still be caught when the tensor is then forgotten.
  const ways: [string, number, () => void][] = [
    ['returned by the outermost tidy', 1001, () => void tidy(() => tidy(() => fill([1001], 1)))],
    ['kept inside a tidy', 1002, () => tidy(() => void keep(fill([1002], 1)))],
    ['kept inside a nested tidy', 1003, () => tidy(() => tidy(() => void keep(fill([1003], 1))))],
  ];
  it.each(ways)('frees a forgotten tensor %s', async (_, size) => {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!listBackends().includes('m')) registerBackend(factory('m'));
    await setBackend('m');
    const events: EngineEvent[] = [];
    const off = onEngineEvent((e) => events.push(e));
    ways.find((w) => w[1] === size)?.[2]();
    const ours = (e: EngineEvent) => e.type === 'leak' && e.shape[0] === size;
    for (let i = 0; i < 300 && !events.some(ours); i++) {
      gc?.();
      await new Promise((r) => setTimeout(r, 10));
    }
    off();
    expect(events.find(ours)).toMatchObject({ type: 'leak', shape: [size], dtype: 'float32', backend: 'm' });
  });

  it('reports no leak for what a tidy scope disposed', async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!listBackends().includes('m')) registerBackend(factory('m'));
    await setBackend('m');
    const events: EngineEvent[] = [];
    const off = onEngineEvent((e) => events.push(e));
    tidy(() => void fill([1004], 1));
    for (let i = 0; i < 20; i++) {
      gc?.();
      await new Promise((r) => setTimeout(r, 10));
    }
    off();
    expect(events.filter((e) => e.type === 'leak' && e.shape[0] === 1004)).toEqual([]);
  });
});

/** A MapBackend whose programs add their two inputs (the only program these tests compile). */
class AddingBackend extends MapBackend {
  compiles = 0;
  runs = 0;
  constructor(
    name: string,
    readonly declines = false,
  ) {
    super(name);
  }
  compileElementwise(program: ElementwiseProgram) {
    this.compiles++;
    if (this.declines) return undefined;
    return (inputs: readonly { dataId: DataId }[]) => {
      this.runs++;
      const [a, b] = inputs.map((t) => this.readSync(t.dataId) as Float32Array) as [Float32Array, Float32Array];
      return { dataId: this.write(a.map((v, i) => v + (b[i] as number))), shape: program.shape, dtype: 'float32' as const };
    };
  }
}

const ADD: ElementwiseProgram = {
  shape: [2],
  inputs: [
    { shape: [2], dtype: 'float32' },
    { shape: [2], dtype: 'float32' },
  ],
  steps: [{ kind: 'binary', op: 'add', a: { input: 0 }, b: { input: 1 }, inDType: 'float32', dtype: 'float32' }],
};

describe('runElementwise', () => {
  it('runs the program as one compiled kernel, compiled once per program and backend', () => {
    const backend = new AddingBackend('adding');
    registerBackend(factory('adding', 1, () => backend));
    const [a, b] = [tensor([1, 2], 'float32'), tensor([10, 20], 'float32')];
    let stepwise = 0;
    const run = () =>
      runElementwise(ADD, [a, b], () => {
        stepwise++;
        return tensor([0, 0], 'float32');
      });
    const y = run();
    expect(Array.from(y.dataSync())).toEqual([11, 22]);
    expect(y.shape).toEqual([2]);
    run().dispose();
    expect([backend.compiles, backend.runs, stepwise]).toEqual([1, 2, 0]);
  });

  it('runs the primitives instead while a tape records, while jit traces, and where the backend declines', async () => {
    const declining = new AddingBackend('declining', true);
    const adding = new AddingBackend('adding');
    registerBackend(factory('declining', 2, () => declining));
    registerBackend(factory('adding', 1, () => adding));
    const [a, b] = [tensor([1, 2], 'float32'), tensor([10, 20], 'float32')];
    const stepwise = () => tensor([-1, -1], 'float32');
    const valuesOf = (t: Tensor) => Array.from(t.dataSync());
    expect(valuesOf(runElementwise(ADD, [a, b], stepwise))).toEqual([-1, -1]);
    runElementwise(ADD, [a, b], stepwise);
    expect(declining.compiles).toBe(1);

    await setBackend('adding');
    const [c, d] = [tensor([1, 2], 'float32'), tensor([10, 20], 'float32')];
    const tape = startTape([c]);
    try {
      expect(valuesOf(runElementwise(ADD, [c, d], stepwise))).toEqual([-1, -1]);
    } finally {
      endTape(tape);
    }
    const prev = setTraceHooks({ created() {}, kernel() {}, adopt() {}, read() {}, randomKey() {} });
    try {
      expect(valuesOf(runElementwise(ADD, [c, d], stepwise))).toEqual([-1, -1]);
    } finally {
      setTraceHooks(prev);
    }
    expect(adding.compiles).toBe(0);
    expect(valuesOf(runElementwise(ADD, [c, d], stepwise))).toEqual([11, 22]);
  });
});
