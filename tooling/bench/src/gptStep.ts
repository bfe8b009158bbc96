/**
 * The language-model training-step row (issue 21): one step of the example app's character-level
 * GPT (`train --model gpt`: token + learned position embeddings, pre-norm causal self-attention
 * layers with a GELU feed-forward, a final LayerNorm and a Dense head) on a batch of real English
 * words. mindts runs the app's own code (`CharGPT`, `trainStepFor` with `languageSetup`: cross-entropy
 * over the labelled positions, AdamW with its warm-up/cosine schedule; `--jit` compiles the whole
 * step); tfjs runs the same model written in tfjs ops, as a tfjs user writes it, from mindts's
 * initial weights copied over, with Adam plus AdamW's decoupled weight decay at a constant rate
 * (tfjs has no AdamW and no schedule; only the first step's loss is compared across libraries).
 */
import type { Cell, nn } from '@mindts/cell';
import { loadWords } from '@mindts/datasets';
import { CharGPT, GPT_CONFIG, type GPTConfig } from '@mindts/example/train/languageModels';
import { languageSetup, trainStepFor } from '@mindts/example/train/trainer';
import { fromValues, setSeed, type Tensor } from '@mindts/tensor';
import * as tf from '@tensorflow/tfjs-core';
// Registers tfjs's gradients (see trainStep.ts).
import '@tensorflow/tfjs';
import type { LossStep } from './encoderStep.js';

/**
 * The sizes of one GPT training step: the model, the batch and the peak learning rate.
 * @example
 * const tiny: GptStepConfig = { model: { ...GPT_CONFIG, dModel: 8, nhead: 2, numLayers: 1 }, batch: 2, lr: 1e-2 };
 */
export interface GptStepConfig {
  readonly model: GPTConfig;
  readonly batch: number;
  readonly lr: number;
}

/**
 * The benchmarked step: the app's default GPT (2 layers, dModel 64, 4 heads, context 16) on a
 * batch of 64 words (`train --model gpt`'s batch), AdamW at its peak rate 3e-3.
 * @example
 * GPT_STEP.model.contextLength * GPT_STEP.batch; // 1024 tokens a step
 */
export const GPT_STEP = {
  label: `GPT train step (app default: ${GPT_CONFIG.numLayers} layers, d ${GPT_CONFIG.dModel}, ${GPT_CONFIG.nhead} heads, context ${GPT_CONFIG.contextLength}), batch 64 (AdamW)`,
  model: GPT_CONFIG,
  batch: 64,
  lr: 3e-3,
  warmup: 3,
  runs: 15,
} as const;

/** The schedule length `languageSetup` is given: `train --model gpt`'s 2 epochs of 12,000 words in batches of 64. */
const SCHEDULE_STEPS = 2 * Math.ceil(12_000 / 64);

/**
 * A batch of token ids: `inputs` and `targets` int32 `[batch · context]`, targets −100 past a word's end.
 * @example
 * const data: TokenBatch = wordBatch(GPT_STEP);
 */
export interface TokenBatch {
  readonly inputs: Int32Array;
  readonly targets: Int32Array;
}

/**
 * The first `batch` training words of `loadWords` (seed 1) as a {@link TokenBatch} (Node only: the
 * words are read from disk).
 * @example
 * wordBatch(GPT_STEP).inputs.length; // 64 × 16
 */
export function wordBatch(c: GptStepConfig): TokenBatch {
  const words = loadWords({ split: 'train', limit: c.batch, seed: 1, contextLength: c.model.contextLength });
  try {
    return { inputs: Int32Array.from(words.inputs.dataSync()), targets: Int32Array.from(words.targets.dataSync()) };
  } finally {
    words.inputs.dispose();
    words.targets.dispose();
  }
}

/**
 * The app's GPT training step on mindts's active backend, from weights drawn after
 * `setSeed(seed)`, eager or compiled with `jit` (the app's `--jit`). `net` is exposed so tfjs can
 * copy its initial weights.
 * @example
 * const parts = mindtsGptParts(GPT_STEP, false, wordBatch(GPT_STEP)); parts.step().dispose(); parts.dispose();
 */
export function mindtsGptParts(c: GptStepConfig, useJit: boolean, data: TokenBatch, seed = 7): LossStep<Tensor> & { net: CharGPT } {
  setSeed(seed);
  const net = new CharGPT(c.model);
  net.setTrain(true);
  const stepper = trainStepFor(net, c.lr, useJit, languageSetup(net, c.lr, SCHEDULE_STEPS));
  const { inputs, targets } = data;
  const shape = [c.batch, c.model.contextLength];
  const x = fromValues(inputs, shape, 'int32');
  const y = fromValues(targets, shape, 'int32');
  return {
    net,
    step() {
      const [loss, logits] = stepper.step(x, y) as [Tensor, Tensor];
      logits.dispose();
      return loss;
    },
    dispose() {
      stepper.dispose();
      net.dispose();
      x.dispose();
      y.dispose();
    },
  };
}

/** The mindts Parameter at `path` as a tfjs variable, transposed (`[out, in]` → `[in, out]`) with `transpose`. */
function copied(net: Cell, path: string, transpose = false): tf.Variable {
  const p = net.parametersDict().get(path);
  if (!p) throw new Error(`GPT step: mindts's net has no Parameter '${path}'.`);
  const t = tf.tensor(p.dataSync() as Float32Array, [...p.shape], 'float32');
  const v = tf.variable(transpose ? tf.transpose(t) : t);
  if (transpose) t.dispose();
  return v;
}

/**
 * The same GPT step in tfjs ops on tfjs's active backend, from `net`'s current weights: the token
 * embedding as a one-hot matrix product (tfjs-wasm cannot differentiate `tf.gather`), a `[s, s]` −∞ mask above the diagonal added to the attention scores, exact
 * GELU through `tf.erf`, cross-entropy averaged over the positions whose target is not −100, and
 * Adam after a decoupled weight decay of 0.01 (AdamW).
 * @example
 * const mine = mindtsGptParts(GPT_STEP, false, data); const theirs = tfjsGptParts(GPT_STEP, mine.net, data);
 */
export function tfjsGptParts(c: GptStepConfig, net: CharGPT, data: TokenBatch): LossStep<tf.Tensor> {
  const { batch: b, lr } = c;
  const { contextLength: s, dModel: d, nhead: h, numLayers, vocabSize } = c.model;
  const hd = d / h;
  // The layers' norms use layer_norm_eps (1e-5), the final nn.LayerNorm its own default (1e-7).
  const layerEps = (net.layers.at(0) as nn.TransformerEncoderLayer | undefined)?.norm1.epsilon ?? 1e-5;
  const tok = copied(net, 'token_embedding.embedding_table');
  const pos = copied(net, 'position_embedding.embedding_table');
  const layers = Array.from({ length: numLayers }, (_, i) => {
    const at = (name: string, transpose = false) => copied(net, `layers.${i}.${name}`, transpose);
    return {
      inW: at('self_attn.in_proj_weight', true),
      inB: at('self_attn.in_proj_bias'),
      outW: at('self_attn.out_proj.weight', true),
      outB: at('self_attn.out_proj.bias'),
      w1: at('linear1.weight', true),
      b1: at('linear1.bias'),
      w2: at('linear2.weight', true),
      b2: at('linear2.bias'),
      g1: at('norm1.gamma'),
      be1: at('norm1.beta'),
      g2: at('norm2.gamma'),
      be2: at('norm2.beta'),
    };
  });
  const gN = copied(net, 'norm.gamma');
  const bN = copied(net, 'norm.beta');
  const headW = copied(net, 'head.weight', true);
  const headB = copied(net, 'head.bias');
  const vars = [tok, pos, ...layers.flatMap((l) => Object.values(l)), gN, bN, headW, headB];
  const { inputs, targets } = data;
  // The token embedding as a one-hot product: tfjs-wasm has no UnsortedSegmentSum, the gradient of tf.gather.
  const x = tf.tidy(() => tf.oneHot(tf.tensor1d(inputs, 'int32'), vocabSize));
  const labels = tf.tensor1d(targets, 'int32');
  const labelled = tf.tidy(() => tf.cast(tf.greaterEqual(labels, 0), 'float32'));
  const oneHot = tf.tidy(() =>
    tf.mul(
      tf.oneHot(
        tf.tensor1d(
          targets.map((t) => Math.max(t, 0)),
          'int32',
        ),
        vocabSize,
      ),
      tf.expandDims(labelled, 1),
    ),
  );
  const count = tf.tidy(() => tf.sum(labelled));
  // 0 where position i may attend j (j ≤ i), −∞ above the diagonal, as the app's causalMask.
  const mask = tf.tensor2d(
    Float32Array.from({ length: s * s }, (_, k) => (k % s <= Math.floor(k / s) ? 0 : Number.NEGATIVE_INFINITY)),
    [s, s],
  );
  const opt = tf.train.adam(lr, 0.9, 0.999, 1e-8);
  const layerNorm = (v: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, eps = layerEps) => {
    const { mean, variance } = tf.moments(v, -1, true);
    return tf.add(tf.mul(tf.mul(tf.sub(v, mean), tf.rsqrt(tf.add(variance, eps))), gamma), beta);
  };
  const gelu = (v: tf.Tensor) => tf.mul(tf.mul(v, 0.5), tf.add(1, tf.erf(tf.mul(v, Math.SQRT1_2))));
  // [b·s, d] → [b, heads, s, hd]
  const heads = (v: tf.Tensor) => tf.transpose(tf.reshape(v, [b, s, h, hd]), [0, 2, 1, 3]);
  const lossFn = (): tf.Scalar => {
    let y = tf.reshape(tf.add(tf.reshape(tf.matMul(x, tok), [b, s, d]), pos), [b * s, d]);
    for (const l of layers) {
      const a = layerNorm(y, l.g1, l.be1);
      const [q, k, v] = tf.split(tf.add(tf.matMul(a, l.inW), l.inB), 3, 1) as [tf.Tensor, tf.Tensor, tf.Tensor];
      const scores = tf.add(tf.matMul(heads(tf.div(q, Math.sqrt(hd))), heads(k), false, true), mask);
      const ctx = tf.reshape(tf.transpose(tf.matMul(tf.softmax(scores), heads(v)), [0, 2, 1, 3]), [b * s, d]);
      y = tf.add(y, tf.add(tf.matMul(ctx, l.outW), l.outB));
      const f = tf.add(tf.matMul(gelu(tf.add(tf.matMul(layerNorm(y, l.g2, l.be2), l.w1), l.b1)), l.w2), l.b2);
      y = tf.add(y, f);
    }
    const logits = tf.add(tf.matMul(layerNorm(y, gN, bN, net.norm.epsilon), headW), headB);
    return tf.div(tf.neg(tf.sum(tf.mul(tf.logSoftmax(logits), oneHot))), count);
  };
  const decay = 1 - lr * 0.01;
  return {
    step() {
      // AdamW's decoupled weight decay, then Adam's update.
      tf.tidy(() => {
        for (const v of vars) v.assign(tf.mul(v, decay));
      });
      return opt.minimize(lossFn, true, vars) as tf.Scalar;
    },
    dispose() {
      tf.dispose([...vars, x, labels, labelled, oneHot, count, mask]);
      opt.dispose();
    },
  };
}
