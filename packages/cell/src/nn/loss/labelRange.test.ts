import { cpu } from '@mindts/backend-cpu';
import { listBackends, registerBackend, tensor } from '@mindts/tensor';
import { setTraceHooks, type TraceHooks } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const logits = () =>
  tensor(
    [
      [1, 2, 3],
      [0, 1, 0],
    ],
    'float32',
  );

describe('class-index labels outside [0, C)', () => {
  it('CrossEntropyLoss: a RangeError naming the label and the class count', () => {
    const loss = new nn.CrossEntropyLoss();
    expect(() => loss.call(logits(), tensor([0, 7], 'int32'))).toThrow(
      "For 'CrossEntropyLoss', the label 7 (at flat index 1 of 'labels') is out of range: with 3 classes a label must be in [0, 3) or equal 'ignoreIndex' (-100).",
    );
    expect(() => loss.call(logits(), tensor([-1, 0], 'int32'))).toThrow(/the label -1 .* with 3 classes/);
    expect(() => loss.call(tensor([1, 2, 3], 'float32'), tensor(3, 'int32'))).toThrow(/the label 3/);
    // -1 is fine when it is the ignored index, and so is -100 by default.
    expect(() => new nn.CrossEntropyLoss({ ignoreIndex: -1 }).call(logits(), tensor([-1, 2], 'int32'))).not.toThrow();
    expect(() => loss.call(logits(), tensor([-100, 2], 'int32'))).not.toThrow();
  });

  it('sparse SoftmaxCrossEntropyWithLogits: the same', () => {
    const loss = new nn.SoftmaxCrossEntropyWithLogits({ sparse: true });
    expect(() => loss.call(logits(), tensor([7, 0], 'int32'))).toThrow(
      "For 'SoftmaxCrossEntropyWithLogits', the label 7 (at flat index 0 of 'labels') is out of range: with 3 classes a label must be in [0, 3).",
    );
    expect(() => loss.call(logits(), tensor([0, -1], 'int32'))).toThrow(RangeError);
    expect(Array.from(loss.call(logits(), tensor([2, 1], 'int32')).dataSync())[0]).toBeCloseTo(0.4076, 4);
  });

  it('is skipped under tracing (jit), where labels cannot be read', () => {
    const loss = new nn.CrossEntropyLoss();
    const x = logits();
    const y = tensor([0, 7], 'int32');
    // What jit's tracer does with a read: refuse it.
    const tracer: TraceHooks = {
      created() {},
      kernel() {},
      adopt() {},
      read() {
        throw new Error('read while tracing');
      },
      randomKey() {},
    };
    const prev = setTraceHooks(tracer);
    try {
      expect(() => loss.call(x, y)).not.toThrow();
    } finally {
      setTraceHooks(prev);
    }
  });
});
