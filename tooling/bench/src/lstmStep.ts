/**
 * The LSTM training-step row (issue 16): one Adam step of a one-layer LSTM over a whole sequence
 * under a mean-squared-error loss of its outputs against a seeded target. mindts runs nn.LSTM
 * (gates i, f, g, o, sequence-first); tfjs runs `tf.layers.lstm` (with a sigmoid recurrent
 * activation, MindSpore's, instead of tfjs's default hard sigmoid) applied to the batch-first
 * input and trained with tf.train.adam().minimize, from mindts's initial weights.
 */
import { nn } from '@mindts/cell';
import * as ops from '@mindts/ops';
import { fromValues, setSeed, type Tensor } from '@mindts/tensor';
import * as tfjs from '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import type { LossStep } from './encoderStep.js';
import { seededValues } from './workloads.js';

/**
 * The sizes of one LSTM step.
 * @example
 * const tiny: LstmConfig = { input: 3, hidden: 4, seq: 5, batch: 2, lr: 1e-2 };
 */
export interface LstmConfig {
  readonly input: number;
  readonly hidden: number;
  readonly seq: number;
  readonly batch: number;
  readonly lr: number;
}

/**
 * The benchmarked row: input 64, hidden 128, sequence 32, batch 32, Adam.
 * @example
 * LSTM_STEP.label; // 'LSTM train step, input 64, hidden 128, seq 32, batch 32 (Adam)'
 */
export const LSTM_STEP = {
  label: 'LSTM train step, input 64, hidden 128, seq 32, batch 32 (Adam)',
  input: 64,
  hidden: 128,
  seq: 32,
  batch: 32,
  lr: 1e-3,
  warmup: 3,
  runs: 15,
} as const;

/** The input `[seq, batch, input]` and target `[seq, batch, hidden]` (mindts's default layout). */
function lstmData(c: LstmConfig): { x: Float32Array; target: Float32Array } {
  return { x: seededValues(c.seq * c.batch * c.input, 41), target: seededValues(c.seq * c.batch * c.hidden, 42).map((v) => v / 2) };
}

/**
 * An LSTM step on mindts's active backend, from weights drawn after `setSeed(seed)`; `lstm`
 * is exposed so tfjs can copy its initial weights.
 * @example
 * const parts = mindtsLstmParts(LSTM_STEP); parts.step().dispose(); parts.dispose();
 */
export function mindtsLstmParts(c: LstmConfig, seed = 9): LossStep<Tensor> & { lstm: nn.LSTM } {
  setSeed(seed);
  const lstm = new nn.LSTM(c.input, c.hidden);
  const loss = new nn.MSELoss();
  const opt = new nn.Adam(lstm.trainableParams(), { learningRate: c.lr });
  const { x: xv, target: tv } = lstmData(c);
  const x = fromValues(xv, [c.seq, c.batch, c.input], 'float32');
  const target = fromValues(tv, [c.seq, c.batch, c.hidden], 'float32');
  const gradFn = ops.valueAndGrad((a: Tensor, b: Tensor) => loss.call(lstm.call(a)[0], b), null, opt.parameters);
  return {
    lstm,
    step() {
      const [l, grads] = gradFn(x, target);
      opt.call(grads);
      return l;
    },
    dispose() {
      const own = new Set(lstm.getParameters());
      for (const p of opt.getParameters()) if (!own.has(p)) p.dispose();
      lstm.dispose();
      x.dispose();
      target.dispose();
    },
  };
}

/**
 * The same step with `tf.layers.lstm` on tfjs's active backend, from `lstm`'s current weights:
 * Keras's kernel is `weight_ih_l0ᵀ`, its recurrent kernel `weight_hh_l0ᵀ` and its one bias
 * `bias_ih_l0 + bias_hh_l0` (the same gate order).
 * @example
 * const mine = mindtsLstmParts(cfg); const theirs = tfjsLstmParts(cfg, mine.lstm);
 */
export function tfjsLstmParts(c: LstmConfig, lstm: nn.LSTM): LossStep<tf.Tensor> {
  const params = lstm.parametersDict();
  const value = (name: string) => {
    const p = params.get(name);
    if (!p) throw new Error(`LSTM step: mindts's nn.LSTM has no Parameter '${name}'.`);
    return tf.tensor(p.dataSync() as Float32Array, [...p.shape], 'float32');
  };
  // Zero initial weights: mindts's are copied over them (skips tfjs's slow orthogonal draw, untimed anyway).
  const layer = tfjs.layers.lstm({
    units: c.hidden,
    returnSequences: true,
    recurrentActivation: 'sigmoid',
    kernelInitializer: 'zeros',
    recurrentInitializer: 'zeros',
  });
  const { x: xv, target: tv } = lstmData(c);
  const batchFirst = (v: Float32Array, f: number) => tf.tidy(() => tf.transpose(tf.tensor3d(v, [c.seq, c.batch, f]), [1, 0, 2]));
  const x = batchFirst(xv, c.input);
  const target = batchFirst(tv, c.hidden);
  // The first call builds the layer (creates its weights), as in a tfjs user's first step.
  tf.dispose(layer.apply(x) as tf.Tensor);
  const weights = tf.tidy(() => [
    tf.transpose(value('weight_ih_l0')),
    tf.transpose(value('weight_hh_l0')),
    tf.add(value('bias_ih_l0'), value('bias_hh_l0')),
  ]);
  layer.setWeights(weights);
  tf.dispose(weights);
  const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  const opt = tf.train.adam(c.lr, 0.9, 0.999, 1e-8);
  const lossFn = (): tf.Scalar => tf.mean(tf.square(tf.sub(layer.apply(x) as tf.Tensor, target)));
  return {
    step: () => opt.minimize(lossFn, true, vars) as tf.Scalar,
    dispose() {
      tf.dispose([x, target]);
      layer.dispose();
      opt.dispose();
    },
  };
}
