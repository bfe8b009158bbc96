import { cpu } from '@mindts/backend-cpu';
import { listBackends, registerBackend, setSeed, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Cell } from '../cell.js';
import { stateOf } from '../cellState.js';
import { amp, nn } from '../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

/** Dense → BatchNorm1d → ReLU → Dense. */
class Net extends Cell {
  fc1 = new nn.Dense(4, 6);
  bn = new nn.BatchNorm1d(6);
  act = new nn.ReLU();
  fc2 = new nn.Dense(6, 3);
  override construct(x: Tensor): Tensor {
    return this.fc2.call(this.act.call(this.bn.call(this.fc1.call(x))));
  }
}

const computeDtypes = (net: Cell) => ({ net: stateOf(net).computeDtype ?? '-', bn: stateOf((net as Net).bn).computeDtype ?? '-' });

function setup() {
  setSeed(3);
  const net = new Net();
  const opt = new nn.SGD(net.trainableParams(), 0.1);
  const x = tensor(
    [
      [0.5, -1, 2, 0.25],
      [1, 0, -0.5, 3],
      [-2, 1, 0.5, 0],
    ],
    'float32',
  );
  const y = tensor([0, 2, 1], 'int32');
  return { net, opt, x, y, loss: new nn.CrossEntropyLoss() };
}

const weights = (net: Net) => [...net.fc1.weight.dataSync(), ...net.fc2.weight.dataSync()];

describe('amp.ampConfig', () => {
  it("maps MindSpore's levels and overrides to a conversion and a loss scale", () => {
    const level = (l: string, o?: amp.AmpConfigOptions) => amp.ampConfig(l, o, 'test').convertLevel;
    expect(['O0', 'O1', 'O2', 'O3'].map((l) => level(l))).toEqual(['O0', 'O1', 'O2', 'O3']);
    expect(level('O2', { keepBatchnormFp32: false })).toBe('O3');
    expect(level('O3', { keepBatchnormFp32: true })).toBe('O2');
    expect(level('O2', { castModelType: 'float32' })).toBe('O0');
    expect(level('O3', { castModelType: 'float32' })).toBe('O0');
    expect(level('O0', { castModelType: 'float16' })).toBe('O3');
    expect(amp.ampConfig('O2', undefined, 'test').lossScaleManager).toBeInstanceOf(amp.DynamicLossScaleManager);
    expect(amp.ampConfig('O2', { lossScaleManager: null }, 'test').lossScaleManager).toBeNull();
    expect(['O0', 'O1', 'O3'].map((l) => amp.ampConfig(l, undefined, 'test').lossScaleManager)).toEqual([null, null, null]);
  });

  it('refuses auto, unknown levels and options, and ill-typed settings', () => {
    expect(() => amp.ampConfig('auto', undefined, 'where')).toThrow(/For 'where', the level 'auto' picks O2 on a GPU and O3 on Ascend/);
    expect(() => amp.ampConfig('O4', undefined, 'where')).toThrow(
      "For 'where', the level must be one of 'O0', 'O1', 'O2', 'O3', 'auto', but got 'O4'.",
    );
    expect(() => amp.ampConfig('O2', { boostLevel: 'O1' }, 'where')).toThrow(/boostLevel/);
    expect(() => amp.ampConfig('O2', { castModelType: 'bfloat16' as never }, 'where')).toThrow(
      `For 'where', the 'castModelType' must be 'float16' or 'float32', but got "bfloat16".`,
    );
    expect(() => amp.ampConfig('O2', { keepBatchnormFp32: 1 as never }, 'where')).toThrow(/'keepBatchnormFp32' must be a bool, but got 1/);
    expect(() => amp.ampConfig('O2', { lossScaleManager: 1024 as never }, 'where')).toThrow(
      /'lossScaleManager' must be an amp.LossScaleManager or null, but got number/,
    );
  });
});

describe('amp.buildTrainNetwork', () => {
  it('O0 is a TrainOneStepCell over WithLossCell(network, lossFn) that trains', () => {
    const { net, opt, x, y, loss } = setup();
    const train = amp.buildTrainNetwork(net, opt, loss);
    expect(train).toBeInstanceOf(nn.TrainOneStepCell);
    expect((train as nn.TrainOneStepCell).sens).toBe(1);
    expect(train.network).toBeInstanceOf(nn.WithLossCell);
    expect(computeDtypes(net)).toEqual({ net: '-', bn: '-' });
    const before = weights(net);
    const first = (train.call(x, y) as Tensor).item();
    for (let i = 0; i < 20; i++) train.call(x, y);
    expect(weights(net)).not.toEqual(before);
    expect((train.call(x, y) as Tensor).item() as number).toBeLessThan(first as number);
  });

  it("O2 converts the network (BatchNorm float32) and adds MindSpore's dynamic loss scale, which skips overflowing steps", () => {
    const { net, opt, x, y, loss } = setup();
    const train = amp.buildTrainNetwork(net, opt, loss, 'O2') as nn.TrainOneStepWithLossScaleCell;
    expect(train).toBeInstanceOf(nn.TrainOneStepWithLossScaleCell);
    expect(train.lossScalingManager).toBeInstanceOf(nn.DynamicLossScaleUpdateCell);
    expect(computeDtypes(net)).toEqual({ net: 'float16', bn: 'float32' });
    expect(train.scaleSense.item()).toBe(2 ** 24);
    // 2**24 times the loss's gradient overflows float16: the step is skipped and the scale halved.
    const before = weights(net);
    const [, overflow, used] = train.call(x, y);
    expect([overflow.item(), used.item(), train.scaleSense.item()]).toEqual([true, 2 ** 24, 2 ** 23]);
    expect(weights(net)).toEqual(before);
    let steps = 1;
    while ((train.call(x, y)[1] as Tensor).item() && steps < 30) steps++;
    expect(steps).toBeLessThan(30);
    expect(weights(net)).not.toEqual(before);
  });

  it('a FixedLossScaleManager without dropping is a TrainOneStepCell whose sens is the scale', () => {
    const { net, x, y, loss } = setup();
    const opt = new nn.SGD(net.trainableParams(), { learningRate: 0.1, lossScale: 1024 });
    const train = amp.buildTrainNetwork(net, opt, loss, 'O2', { lossScaleManager: new amp.FixedLossScaleManager(1024, false) });
    expect(train).toBeInstanceOf(nn.TrainOneStepCell);
    expect((train as nn.TrainOneStepCell).sens).toBe(1024);
    const before = weights(net);
    train.call(x, y);
    expect(weights(net)).not.toEqual(before);
  });

  it('a FixedLossScaleManager that drops overflowing steps keeps its scale', () => {
    const { net, opt, x, y, loss } = setup();
    const train = amp.buildTrainNetwork(net, opt, loss, 'O2', { lossScaleManager: new amp.FixedLossScaleManager(2 ** 24) });
    expect((train as nn.TrainOneStepWithLossScaleCell).lossScalingManager).toBeInstanceOf(nn.FixedLossScaleUpdateCell);
    const before = weights(net);
    const [, overflow, used] = (train as nn.TrainOneStepWithLossScaleCell).call(x, y);
    expect([overflow.item(), used.item()]).toEqual([true, 2 ** 24]);
    expect(weights(net)).toEqual(before);
  });

  it('refuses a non-Cell network, a non-optimizer and a non-Cell loss, naming them', () => {
    const { net, opt } = setup();
    expect(() => amp.buildTrainNetwork({} as never, opt)).toThrow(/For 'buildTrainNetwork', the 'network' must be a Cell, but got Object/);
    expect(() => amp.buildTrainNetwork(net, {} as never)).toThrow(/the 'optimizer' must be an nn.Optimizer, but got Object/);
    expect(() => amp.buildTrainNetwork(net, opt, 'mse' as never)).toThrow(/the 'lossFn' must be a Cell or null, but got/);
    expect(() => amp.buildTrainNetwork(net, opt, null, 'auto')).toThrow(/level 'auto'/);
  });
});
