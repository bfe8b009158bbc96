import { afterEach, describe, expect, it } from 'vitest';
import type { Backend, BackendFactory } from './backendTypes.js';
import { listBackends, registerBackend, removeBackend } from './backendRegistry.js';
import { tensor } from './creation.js';
import type { Values } from './dtype.js';
import type { ElementwiseProgram } from './elementwise.js';
import type { DataId } from './primitives.js';
import { runElementwise } from './runElementwise.js';
import { endTape, startTape } from './tape.js';
import { setTraceHooks } from './trace.js';

/** A host backend whose programs add their two inputs (the only program these tests compile). */
class AddingBackend implements Backend {
  readonly store = new Map<DataId, Values>();
  compiles = 0;
  runs = 0;
  constructor(
    readonly name: string,
    readonly declines = false,
  ) {}
  write(values: Values): DataId {
    const id = {};
    this.store.set(id, values);
    return id;
  }
  async read(id: DataId): Promise<Values> {
    return this.readSync(id);
  }
  readSync(id: DataId): Values {
    return this.store.get(id) as Values;
  }
  disposeData(id: DataId): void {
    this.store.delete(id);
  }
  memory() {
    return { bytes: 0, buffers: this.store.size };
  }
  compileElementwise(program: ElementwiseProgram) {
    this.compiles++;
    if (this.declines) return undefined;
    return (inputs: readonly { dataId: DataId }[]) => {
      this.runs++;
      const [a, b] = inputs.map((t) => this.readSync(t.dataId) as Float32Array);
      return {
        dataId: this.write((a as Float32Array).map((v, i) => v + (b as Float32Array)[i]!)),
        shape: program.shape,
        dtype: 'float32' as const,
      };
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

function use(backend: AddingBackend): AddingBackend {
  const factory: BackendFactory = { name: backend.name, priority: 1, create: () => backend, kernels: {} };
  registerBackend(factory);
  return backend;
}

afterEach(() => {
  for (const name of listBackends()) removeBackend(name);
});

describe('runElementwise', () => {
  it('runs the program as one compiled kernel, compiled once per program and backend', () => {
    const backend = use(new AddingBackend('adding'));
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

  it('runs the primitives instead while a tape records, while jit traces, and where the backend declines', () => {
    const backend = use(new AddingBackend('declining', true));
    const [a, b] = [tensor([1, 2], 'float32'), tensor([10, 20], 'float32')];
    const stepwise = () => tensor([-1, -1], 'float32');
    expect(Array.from(runElementwise(ADD, [a, b], stepwise).dataSync())).toEqual([-1, -1]);
    runElementwise(ADD, [a, b], stepwise);
    expect(backend.compiles).toBe(1);

    removeBackend('declining');
    const adding = use(new AddingBackend('adding'));
    const tape = startTape([a]);
    try {
      expect(Array.from(runElementwise(ADD, [a, b], stepwise).dataSync())).toEqual([-1, -1]);
    } finally {
      endTape(tape);
    }
    const prev = setTraceHooks({ created() {}, kernel() {}, adopt() {}, read() {}, randomKey() {} });
    try {
      expect(Array.from(runElementwise(ADD, [a, b], stepwise).dataSync())).toEqual([-1, -1]);
    } finally {
      setTraceHooks(prev);
    }
    expect(adding.compiles).toBe(0);
    expect(Array.from(runElementwise(ADD, [a, b], stepwise).dataSync())).toEqual([11, 22]);
  });
});
