import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { listBackends, memory, randn, registerBackend, setSeed, type Tensor, tensor, tidy } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Cell } from '../../cell.js';
import { nn } from '../../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

class Net extends Cell {
  fc1 = new nn.Dense(4, 8, { activation: 'relu' });
  fc2 = new nn.Dense(8, 3);
  override construct(x: Tensor): Tensor {
    return tidy(() => this.fc2.call(this.fc1.call(x)));
  }
}

/** The loss times `factor`: with a scale near float32's largest, the scaled loss overflows. */
class Amplified extends Cell {
  constructor(
    readonly inner: Cell,
    readonly factor: number,
  ) {
    super({ autoPrefix: false });
  }
  override construct(a: Tensor, b: Tensor): Tensor {
    return tidy(() => ops.mul(this.inner.call(a, b) as Tensor, this.factor));
  }
}

function setup(factor = 1) {
  setSeed(5);
  const net = new Net();
  const loss = new nn.WithLossCell(net, new nn.CrossEntropyLoss());
  const withLoss = factor === 1 ? loss : new Amplified(loss, factor);
  return { net, withLoss, opt: new nn.SGD(net.trainableParams(), 0.1) };
}

const values = (net: Cell) => [...net.getParameters()].flatMap((p) => Array.from(p.dataSync() as Float32Array));
const first = (t: Tensor) => t.dataSync()[0] as number;

let x: Tensor;
let y: Tensor;
beforeAll(() => {
  setSeed(9);
  x = randn([16, 4]);
  y = tensor(
    Array.from({ length: 16 }, (_, i) => i % 3),
    'int32',
  );
});

describe('nn.TrainOneStepWithLossScaleCell', () => {
  it('with a fixed scale, takes the same steps as nn.TrainOneStepCell (the scale is divided back out)', () => {
    const a = setup();
    const plain = new nn.TrainOneStepCell(a.withLoss, a.opt);
    const b = setup();
    const scaled = new nn.TrainOneStepWithLossScaleCell(b.withLoss, b.opt, tensor([1024], 'float32'));
    for (let step = 0; step < 5; step++) {
      const lossA = first(plain.call(x, y));
      const [lossB, overflow, scale] = scaled.call(x, y);
      expect(first(lossB)).toBeCloseTo(lossA, 5);
      expect(first(overflow)).toBe(0);
      expect(first(scale)).toBe(1024);
    }
    const [va, vb] = [values(a.net), values(b.net)];
    expect(Math.max(...va.map((v, i) => Math.abs(v - (vb[i] as number))))).toBeLessThan(1e-5);
  });

  it('skips the update when the scaled gradients overflow, and the dynamic manager lowers the scale until they do not', () => {
    const { net, withLoss, opt } = setup(1000);
    const manager = new nn.DynamicLossScaleUpdateCell(2 ** 127, 2, 1000);
    const train = new nn.TrainOneStepWithLossScaleCell(withLoss, opt, manager);
    expect(train.lossScalingManager).toBe(manager);
    const before = values(net);
    const [, overflow, scale] = train.call(x, y);
    expect(first(overflow)).toBe(1);
    expect(first(scale)).toBe(2 ** 127);
    expect(values(net)).toEqual(before); // not updated
    expect(first(train.scaleSense)).toBe(2 ** 126);
    let steps = 1;
    while (first(train.call(x, y)[1]) === 1) steps++;
    // The first step that did not overflow updated the Parameters.
    expect(values(net)).not.toEqual(before);
    expect(steps).toBeGreaterThan(1);
    expect(first(train.scaleSense)).toBe(2 ** (127 - steps));
  });

  it("grows the scale after scale_window steps without overflow (MindSpore's cur_iter / last_overflow_iter rule)", () => {
    const { withLoss, opt } = setup();
    const train = new nn.TrainOneStepWithLossScaleCell(withLoss, opt, new nn.DynamicLossScaleUpdateCell(4, 2, 2));
    const scales = Array.from({ length: 5 }, () => {
      train.call(x, y);
      return first(train.scaleSense);
    });
    expect(scales).toEqual([4, 8, 8, 16, 16]);
  });

  it('with a fixed manager that always overflows, never updates and keeps its scale; the memory stays flat', () => {
    const { net, withLoss, opt } = setup(1000);
    const train = new nn.TrainOneStepWithLossScaleCell(withLoss, opt, new nn.FixedLossScaleUpdateCell(2 ** 127));
    const before = values(net);
    const run = () => {
      for (const t of train.call(x, y)) t.dispose();
    };
    run();
    const live = memory().numTensors;
    for (let i = 0; i < 4; i++) run();
    expect(memory().numTensors).toBe(live);
    expect(values(net)).toEqual(before);
    expect(first(train.scaleSense)).toBe(2 ** 127);
    train.setSenseScale(tensor(8, 'float32'));
    run();
    expect(values(net)).not.toEqual(before);
  });

  it('checks its arguments', () => {
    const { withLoss, opt } = setup();
    expect(() => new nn.TrainOneStepWithLossScaleCell(withLoss, opt, 1024 as never)).toThrow(
      /'scale_sense' must be a Tensor of shape \(\) or \(1,\), an nn.DynamicLossScaleUpdateCell or an nn.FixedLossScaleUpdateCell/,
    );
    expect(() => new nn.DynamicLossScaleUpdateCell(1024, 2, 0.5)).toThrow(/'scale_window' must be an integer >= 1, but got 0.5/);
    expect(() => new nn.FixedLossScaleUpdateCell(-1)).toThrow(/'loss_scale_value' must be a finite number > 0, but got -1/);
  });
});
