import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpu } from '@mindts/backend-cpu';
import { nn } from '@mindts/cell';
import type { Parameter } from '@mindts/parameter';
import { listBackends, registerBackend, setSeed, tensor } from '@mindts/tensor';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Accuracy } from '../metrics/accuracy.js';
import { Model } from '../model/model.js';
import { Callback, type HookName } from './callback.js';
import { CheckpointConfig } from './checkpointConfig.js';
import { EarlyStopping } from './earlyStopping.js';
import { History } from './history.js';
import { LossMonitor } from './lossMonitor.js';
import { ModelCheckpoint } from './modelCheckpoint.js';
import { ReduceLROnPlateau } from './reduceLROnPlateau.js';
import { type CallbackParams, RunContext } from './runContext.js';
import { TimeMonitor } from './timeMonitor.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const dir = mkdtempSync(join(tmpdir(), 'mindts-callbacks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A 2-class problem a Dense layer learns: two batches of four points. */
function setup(lr = 0.5) {
  setSeed(3);
  const net = new nn.Dense(2, 2);
  const opt = new nn.SGD(net.trainableParams(), { learningRate: lr });
  const model = new Model(net, { lossFn: new nn.CrossEntropyLoss(), optimizer: opt, metrics: { acc: new Accuracy() } });
  const x = tensor(
    [
      [1, 0],
      [0, 1],
      [2, 0],
      [0, 2],
    ],
    'float32',
  );
  const y = tensor([0, 1, 0, 1], 'int32');
  const data = [
    [x, y],
    [x, y],
  ];
  return { net, opt, model, data };
}

class Recorder extends Callback {
  readonly calls: string[] = [];
  constructor(readonly stopAt?: { hook: HookName; step: number }) {
    super();
    const hooks: HookName[] = [
      'onTrainBegin',
      'onTrainEpochBegin',
      'onTrainStepBegin',
      'onTrainStepEnd',
      'onTrainEpochEnd',
      'onTrainEnd',
      'onEvalBegin',
      'onEvalEpochBegin',
      'onEvalStepBegin',
      'onEvalStepEnd',
      'onEvalEpochEnd',
      'onEvalEnd',
    ];
    for (const hook of hooks) {
      this[hook] = (ctx: RunContext) => {
        const p = ctx.originalArgs();
        this.calls.push(`${hook} ${p.curEpochNum}/${p.curStepNum}`);
        if (this.stopAt?.hook === hook && p.curStepNum === this.stopAt.step) ctx.requestStop();
      };
    }
  }
}

describe('the callback hooks', () => {
  it('run in MindSpore order in train, and fit evaluates before onTrainEpochEnd', async () => {
    const { model, data } = setup();
    const rec = new Recorder();
    await model.train(1, data, { callbacks: [rec] });
    expect(rec.calls).toEqual([
      'onTrainBegin 0/0',
      'onTrainEpochBegin 1/0',
      'onTrainStepBegin 1/1',
      'onTrainStepEnd 1/1',
      'onTrainStepBegin 1/2',
      'onTrainStepEnd 1/2',
      'onTrainEpochEnd 1/2',
      'onTrainEnd 1/2',
    ]);
    const fitRec = new Recorder();
    await model.fit(2, data, [data[0]!], { callbacks: [fitRec], validFrequency: 2 });
    expect(fitRec.calls.slice(7)).toEqual([
      'onTrainEpochBegin 2/2',
      'onTrainStepBegin 2/3',
      'onTrainStepEnd 2/3',
      'onTrainStepBegin 2/4',
      'onTrainStepEnd 2/4',
      'onEvalBegin 1/0',
      'onEvalEpochBegin 1/0',
      'onEvalStepBegin 1/1',
      'onEvalStepEnd 1/1',
      'onEvalEpochEnd 1/1',
      'onEvalEnd 1/1',
      'onTrainEpochEnd 2/4',
      'onTrainEnd 2/4',
    ]);
    expect(fitRec.calls.slice(0, 7)).not.toContain('onEvalBegin 1/0');
  });

  it('requestStop ends the epoch after that step, then onTrainEpochEnd and onTrainEnd run', async () => {
    const { model, data } = setup();
    const rec = new Recorder({ hook: 'onTrainStepEnd', step: 1 });
    await model.train(3, data, { callbacks: [rec] });
    expect(rec.calls).toEqual([
      'onTrainBegin 0/0',
      'onTrainEpochBegin 1/0',
      'onTrainStepBegin 1/1',
      'onTrainStepEnd 1/1',
      'onTrainEpochEnd 1/1',
      'onTrainEnd 1/1',
    ]);
  });

  it('the legacy aliases (stepEnd, …) cover training and evaluation, as in MindSpore', async () => {
    const { model, data } = setup();
    const modes: string[] = [];
    class Legacy extends Callback {
      override stepEnd(ctx: RunContext) {
        modes.push(ctx.originalArgs().mode);
      }
    }
    await model.fit(1, data, [data[0]!], { callbacks: new Legacy() });
    expect(modes).toEqual(['train', 'train', 'eval']);
    await expect(model.train(1, data, { callbacks: [{}] as never })).rejects.toThrow(/callbacks\[0\] must be a Callback/);
  });
});

/** A RunContext whose training loss is `loss` at epoch `epoch`. */
function lossContext(net: nn.Dense, opt: nn.Optimizer | null, epoch: number, loss: number): RunContext {
  const params: CallbackParams = {
    mode: 'train',
    network: net,
    optimizer: opt,
    epochNum: 10,
    curEpochNum: epoch,
    curStepNum: epoch,
    batchNum: 1,
    datasetSinkMode: false,
    listCallback: [],
    netOutputs: tensor(loss, 'float32'),
  };
  return new RunContext(params);
}

describe('EarlyStopping', () => {
  it('stops after `patience` epochs without an improvement beyond minDelta', () => {
    const { net } = setup();
    const stop = new EarlyStopping({ monitor: 'loss', patience: 2, minDelta: 0.05 });
    stop.onTrainBegin(lossContext(net, null, 0, 0));
    const losses = [1, 0.5, 0.48, 0.47, 0.3];
    let stoppedAt = 0;
    losses.forEach((loss, i) => {
      const ctx = lossContext(net, null, i + 1, loss);
      stop.onTrainEpochEnd(ctx);
      if (ctx.getStopRequested() && !stoppedAt) stoppedAt = i + 1;
    });
    // 0.48 and 0.47 are within minDelta of 0.5: two epochs without improvement → stop at epoch 4.
    expect(stoppedAt).toBe(4);
    expect(stop.stoppedEpoch).toBe(4);
    expect(stop.best).toBeCloseTo(0.3, 6);
  });

  it('in fit: monitors a metric (max for accuracy in auto mode) and restores the best weights', async () => {
    const { model, data, net } = setup(0.5);
    const weights: number[][] = [];
    class Snap extends Callback {
      override onTrainEpochEnd() {
        weights.push(Array.from(net.weight.dataSync()));
      }
    }
    const stop = new EarlyStopping({ monitor: 'acc', patience: 1, restoreBestWeights: true });
    // Snap runs before EarlyStopping: it records the weights EarlyStopping compares.
    await model.fit(6, data, [data[0]!], { callbacks: [new Snap(), stop] });
    // Accuracy reaches 1 at once and cannot improve: stop after one more epoch, weights of epoch 1.
    expect(stop.best).toBe(1);
    expect(stop.stoppedEpoch).toBe(2);
    expect(Array.from(net.weight.dataSync())).toEqual(weights[0]);
  });

  it('names the choices when the monitor is not there, and checks its options', async () => {
    const { model, data } = setup();
    await expect(model.train(1, data, { callbacks: [new EarlyStopping()] })).rejects.toThrow(
      /Early stopping is conditioned on 'evalLoss', which is not available. Available choices are: loss/,
    );
    expect(() => new EarlyStopping({ mode: 'up' as never })).toThrow(/mode should be 'auto', 'min' or 'max'/);
    expect(() => new EarlyStopping({ min_delta: 1 } as never)).toThrow(/did you mean 'minDelta'/);
  });
});

describe('ReduceLROnPlateau', () => {
  it("multiplies the optimizer's learning_rate Parameter after `patience` epochs without improvement", () => {
    const { net, opt } = setup(0.1);
    const plateau = new ReduceLROnPlateau({ monitor: 'loss', patience: 1, factor: 0.5, minLr: 0.03 });
    const lr = () => (opt.learning_rate as Parameter).dataSync()[0] as number;
    plateau.onTrainBegin(lossContext(net, opt, 0, 0));
    for (const [epoch, loss] of [
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 1],
    ] as const) {
      plateau.onTrainEpochEnd(lossContext(net, opt, epoch, loss));
    }
    // epoch 2: 0.1 → 0.05; epoch 3: 0.05 → max(0.025, 0.03) = 0.03; epoch 4: at minLr, unchanged.
    expect(lr()).toBeCloseTo(0.03, 7);
    expect((opt.learning_rate as Parameter).dtype).toBe('float32');
  });

  it('refuses a learning-rate schedule and a bad factor', () => {
    const net = new nn.Dense(2, 2);
    const opt = new nn.SGD(net.trainableParams(), { learningRate: [0.1, 0.05] });
    expect(() => new ReduceLROnPlateau({ monitor: 'loss' }).onTrainEpochEnd(lossContext(net, opt, 1, 1))).toThrow(
      /does not support dynamic learning rate/,
    );
    expect(() => new ReduceLROnPlateau({ factor: 1 })).toThrow(/'factor' must be in range of \(0.0, 1.0\)/);
  });
});

describe('LossMonitor, TimeMonitor, History', () => {
  it('print MindSpore lines and record per epoch', async () => {
    const { model, data } = setup();
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    const history = new History();
    try {
      await model.fit(2, data, [data[0]!], { callbacks: [new LossMonitor(), new TimeMonitor(), history] });
    } finally {
      log.mockRestore();
    }
    expect(printed.filter((l) => l.startsWith('epoch: '))).toHaveLength(4);
    expect(printed).toHaveLength(6);
    expect(printed[0]).toMatch(/^epoch: 1 step: 1, loss is 0\.\d+$/);
    expect(printed[2]).toMatch(/^epoch time: \d+\.\d{3} ms, per step time: \d+\.\d{3} ms$/);
    expect(printed[4]).toMatch(/^epoch: 2 step: 2, loss is /);
    expect(history.epoch.epoch).toEqual([1, 2]);
    expect(history.history.netOutput).toHaveLength(2);
    expect(history.history.acc).toEqual([1, 1]);
    expect(history.history.evalLoss).toHaveLength(2);
    expect(() => new LossMonitor(-1)).toThrow(/'perPrintTimes' must be int and >= 0/);
  });

  it('LossMonitor stops training on a NaN loss', async () => {
    const { model } = setup();
    const x = tensor([[Number.NaN, 0]], 'float32');
    const y = tensor([0], 'int32');
    await expect(model.train(1, [[x, y]], { callbacks: [new LossMonitor()] })).rejects.toThrow(
      /epoch: 1 step: 1\. Invalid loss, terminating training/,
    );
  });
});

describe('ModelCheckpoint', () => {
  it('keeps the newest keepCheckpointMax files and picks a new prefix when files of it exist', async () => {
    const { model, data } = setup();
    const folder = join(dir, 'keep');
    const first = new ModelCheckpoint('net', folder, new CheckpointConfig({ keepCheckpointMax: 3 }));
    await model.train(3, data, { callbacks: [first] });
    expect(readdirSync(folder).sort()).toEqual(['net-2_2.ckpt', 'net-3_1.ckpt', 'net-3_2.ckpt']);
    writeFileSync(join(folder, 'notes.txt'), 'not a checkpoint');
    const second = new ModelCheckpoint('net', folder, new CheckpointConfig({ saveCheckpointSteps: 10, keepCheckpointMax: 1 }));
    await model.train(1, data, { callbacks: [second] });
    // Saved once, at the end (step 2 < 10), under MindSpore's next free prefix.
    expect(second.latestCkptFileName).toBe(join(folder, 'net_1-1_2.ckpt'));
    expect(readdirSync(folder).filter((f) => f.startsWith('net_1'))).toEqual(['net_1-1_2.ckpt']);
    expect(readdirSync(folder)).toContain('net-3_2.ckpt');
  });

  it('checks its arguments', () => {
    expect(() => new ModelCheckpoint('a/b')).toThrow(/does not contain '\/'/);
    expect(() => new ModelCheckpoint('net', dir, {} as never)).toThrow(/should be 'CheckpointConfig'/);
    expect(() => new CheckpointConfig({ saveCheckpointSteps: 0, keepCheckpointMax: 0 })).toThrow(/can't be all None or 0/);
    expect(() => new CheckpointConfig({ asyncSave: true } as never)).toThrow(/unknown option 'asyncSave'/);
    expect(() => new CheckpointConfig({ appendInfo: ['epoch'] as never })).toThrow(/'epochNum', 'stepNum' or a dict/);
  });
});

describe('RunContext', () => {
  it('holds the params and the stop request', () => {
    const ctx = new RunContext({ curEpochNum: 4 } as CallbackParams);
    expect(ctx.originalArgs().curEpochNum).toBe(4);
    expect(ctx.getStopRequested()).toBe(false);
    ctx.requestStop();
    expect(ctx.getStopRequested()).toBe(true);
    expect(() => new RunContext(null as never)).toThrow(/should be dict type/);
  });
});
