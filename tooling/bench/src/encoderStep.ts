/**
 * The Transformer encoder-layer training-step row (issue 16): one Adam step of a post-norm
 * encoder layer (self-attention with a packed in-projection, softmax, out-projection, residual
 * + LayerNorm, ReLU feed-forward, residual + LayerNorm) under a mean-squared-error loss against a
 * seeded target. mindts runs it as a user would (nn.TransformerEncoderLayer, nn.MSELoss,
 * ops.valueAndGrad, nn.Adam); tfjs as a tfjs user writes the same layer in tfjs ops
 * (tf.train.adam().minimize), starting from mindts's initial weights copied over.
 */
import { nn } from '@mindts/cell';
import * as ops from '@mindts/ops';
import { fromValues, setSeed, type Tensor } from '@mindts/tensor';
import * as tf from '@tensorflow/tfjs-core';
// Registers tfjs's gradients (see trainStep.ts).
import '@tensorflow/tfjs';
import { seededValues } from './workloads.js';

/**
 * One side's training step: `step()` takes a step and returns its loss (the caller reads and
 * disposes it).
 * @example
 * const parts: LossStep<Tensor> = mindtsEncoderParts(ENCODER_STEP);
 */
export interface LossStep<T> {
  step(): T;
  dispose(): void;
}

/**
 * The sizes of one encoder step.
 * @example
 * const tiny: EncoderConfig = { batch: 2, seq: 3, dModel: 8, heads: 2, ff: 16, lr: 1e-2 };
 */
export interface EncoderConfig {
  readonly batch: number;
  readonly seq: number;
  readonly dModel: number;
  readonly heads: number;
  readonly ff: number;
  readonly lr: number;
}

/**
 * The benchmarked row: batch 16, sequence 64, dModel 128, 4 heads, feed-forward 512, Adam.
 * @example
 * ENCODER_STEP.label; // 'Transformer encoder layer train step, batch 16, seq 64, d 128, 4 heads, ff 512 (Adam)'
 */
export const ENCODER_STEP = {
  label: 'Transformer encoder layer train step, batch 16, seq 64, d 128, 4 heads, ff 512 (Adam)',
  batch: 16,
  seq: 64,
  dModel: 128,
  heads: 4,
  ff: 512,
  lr: 1e-3,
  warmup: 3,
  runs: 15,
} as const;

/** The layer's input and target, `[seq, batch, dModel]` (mindts's default layout). */
function encoderData(c: EncoderConfig): { x: Float32Array; target: Float32Array } {
  const n = c.seq * c.batch * c.dModel;
  return { x: seededValues(n, 31), target: seededValues(n, 32) };
}

/**
 * An encoder step on mindts's active backend, from weights drawn after `setSeed(seed)`.
 * `layer` is exposed so tfjs can copy its initial weights.
 * @example
 * const parts = mindtsEncoderParts(ENCODER_STEP); parts.step().dispose(); parts.dispose();
 */
export function mindtsEncoderParts(c: EncoderConfig, seed = 7): LossStep<Tensor> & { layer: nn.TransformerEncoderLayer } {
  setSeed(seed);
  const layer = new nn.TransformerEncoderLayer(c.dModel, c.heads, { dimFeedforward: c.ff, dropout: 0 });
  const loss = new nn.MSELoss();
  const opt = new nn.Adam(layer.trainableParams(), { learningRate: c.lr });
  const { x: xv, target: tv } = encoderData(c);
  const x = fromValues(xv, [c.seq, c.batch, c.dModel], 'float32');
  const target = fromValues(tv, [c.seq, c.batch, c.dModel], 'float32');
  const gradFn = ops.valueAndGrad((a: Tensor, b: Tensor) => loss.call(layer.call(a), b), null, opt.parameters);
  return {
    layer,
    step() {
      const [l, grads] = gradFn(x, target);
      // The optimizer frees the gradients it is handed.
      opt.call(grads);
      return l;
    },
    dispose() {
      const own = new Set(layer.getParameters());
      for (const p of opt.getParameters()) if (!own.has(p)) p.dispose();
      layer.dispose();
      x.dispose();
      target.dispose();
    },
  };
}

/**
 * The initial weights of an encoder layer by Parameter path, read back from any backend (the
 * browser rows read them with `await data()`: gpu.js WebGPU has no synchronous read).
 * @example
 * const weights = await readEncoderWeights(mine.layer); const theirs = tfjsEncoderParts(cfg, weights);
 */
export type EncoderWeights = ReadonlyMap<string, { readonly values: Float32Array; readonly shape: readonly number[] }>;

/**
 * {@link EncoderWeights} of `layer`, read asynchronously.
 * @example
 * const weights = await readEncoderWeights(parts.layer);
 */
export async function readEncoderWeights(layer: nn.TransformerEncoderLayer): Promise<EncoderWeights> {
  const weights = new Map<string, { values: Float32Array; shape: readonly number[] }>();
  for (const [path, p] of layer.parametersDict()) weights.set(path, { values: (await p.data()) as Float32Array, shape: [...p.shape] });
  return weights;
}

/** The weight at `path`: read from `source` now (a layer) or before (a map of weights). */
function weightOf(source: nn.TransformerEncoderLayer | EncoderWeights, path: string) {
  if (!(source instanceof nn.TransformerEncoderLayer)) return source.get(path);
  const p = source.parametersDict().get(path);
  return p && { values: p.dataSync() as Float32Array, shape: [...p.shape] };
}

/** The mindts Parameter at `path` as a tfjs variable, transposed with `transpose`. */
function copied(source: nn.TransformerEncoderLayer | EncoderWeights, path: string, transpose = false): tf.Variable {
  const w = weightOf(source, path);
  if (!w) throw new Error(`encoder step: mindts's layer has no Parameter '${path}'.`);
  const t = tf.tensor(w.values, [...w.shape], 'float32');
  const v = tf.variable(transpose ? tf.transpose(t) : t);
  t.dispose();
  return v;
}

/**
 * The same step in tfjs ops on tfjs's active backend, batch-first as a tfjs user lays it out
 * (the input and target are mindts's, transposed once, untimed; the mean of squares does not
 * depend on the layout), from `layer`'s current weights (read synchronously) or from weights
 * read before ({@link readEncoderWeights}; then `epsilon` is the layer norms' epsilon).
 * @example
 * const mine = mindtsEncoderParts(cfg); const theirs = tfjsEncoderParts(cfg, mine.layer);
 */
export function tfjsEncoderParts(
  c: EncoderConfig,
  layer: nn.TransformerEncoderLayer | EncoderWeights,
  epsilon = 1e-5,
): LossStep<tf.Tensor> {
  const { batch: n, seq: s, dModel: e, heads: h } = c;
  const hd = e / h;
  const eps = layer instanceof nn.TransformerEncoderLayer ? layer.norm1.epsilon : epsilon;
  // Weights stored `[in, out]` so every projection is a plain matMul.
  const inW = copied(layer, 'self_attn.in_proj_weight', true);
  const inB = copied(layer, 'self_attn.in_proj_bias');
  const outW = copied(layer, 'self_attn.out_proj.weight', true);
  const outB = copied(layer, 'self_attn.out_proj.bias');
  const w1 = copied(layer, 'linear1.weight', true);
  const b1 = copied(layer, 'linear1.bias');
  const w2 = copied(layer, 'linear2.weight', true);
  const b2 = copied(layer, 'linear2.bias');
  const g1 = copied(layer, 'norm1.gamma');
  const be1 = copied(layer, 'norm1.beta');
  const g2 = copied(layer, 'norm2.gamma');
  const be2 = copied(layer, 'norm2.beta');
  const vars = [inW, inB, outW, outB, w1, b1, w2, b2, g1, be1, g2, be2];
  const { x: xv, target: tv } = encoderData(c);
  const batchFirst = (v: Float32Array) => tf.tidy(() => tf.reshape(tf.transpose(tf.tensor3d(v, [s, n, e]), [1, 0, 2]), [n * s, e]));
  const x = batchFirst(xv);
  const target = batchFirst(tv);
  const opt = tf.train.adam(c.lr, 0.9, 0.999, 1e-8);
  const layerNorm = (v: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) => {
    const { mean, variance } = tf.moments(v, -1, true);
    return tf.add(tf.mul(tf.mul(tf.sub(v, mean), tf.rsqrt(tf.add(variance, eps))), gamma), beta);
  };
  // [n·s, e] → [n, heads, s, hd]
  const heads = (v: tf.Tensor) => tf.transpose(tf.reshape(v, [n, s, h, hd]), [0, 2, 1, 3]);
  const lossFn = (): tf.Scalar => {
    const [q, k, v] = tf.split(tf.add(tf.matMul(x, inW), inB), 3, 1) as [tf.Tensor, tf.Tensor, tf.Tensor];
    const scores = tf.matMul(heads(tf.div(q, Math.sqrt(hd))), heads(k), false, true);
    const ctx = tf.reshape(tf.transpose(tf.matMul(tf.softmax(scores), heads(v)), [0, 2, 1, 3]), [n * s, e]);
    const x1 = layerNorm(tf.add(x, tf.add(tf.matMul(ctx, outW), outB)), g1, be1);
    const ffOut = tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x1, w1), b1)), w2), b2);
    const y = layerNorm(tf.add(x1, ffOut), g2, be2);
    return tf.mean(tf.square(tf.sub(y, target)));
  };
  return {
    step: () => opt.minimize(lossFn, true, vars) as tf.Scalar,
    dispose() {
      tf.dispose([...vars, x, target]);
      opt.dispose();
    },
  };
}
