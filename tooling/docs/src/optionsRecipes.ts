/**
 * The recipes of the options walks (optionsWalk.test.ts): how to call each public callable that
 * takes an options object with `o` in its options position, every other argument valid; the
 * inputs they make (freed after each call); and the callables not walked, with the reason.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpu } from '../../../packages/backend-cpu/src/index.js';
import { gpujs } from '../../../packages/backend-gpujs/src/index.js';
import { wasm } from '../../../packages/backend-wasm/src/index.js';
import { amp, Cell, nn } from '../../../packages/cell/src/index.js';
import {
  decodeCkpt,
  encodeCkpt,
  loadCheckpoint,
  loadParamIntoNet,
  memoryIO,
  saveCheckpoint,
} from '../../../packages/checkpoint/src/index.js';
import { GeneratorDataset, MnistDataset, NumpySlicesDataset } from '../../../packages/dataset/src/index.js';
import { batches, loadMnist, loadWords, wordBatches } from '../../../packages/datasets/src/index.js';
import * as init from '../../../packages/initializer/src/index.js';
import { jit } from '../../../packages/jit/src/index.js';
import { exportOnnx, toOnnx } from '../../../packages/onnx/src/index.js';
import * as ops from '../../../packages/ops/src/index.js';
import { checkGradients } from '../../../packages/ops/src/testing/index.js';
import { Parameter } from '../../../packages/parameter/src/index.js';
import { MishDense, Rademacher, registerPluginExample } from '../../../packages/plugin-example/src/index.js';
import { rand, randn, type Tensor, tensor } from '../../../packages/tensor/src/index.js';
import * as train from '../../../packages/train/src/index.js';
/** Why a callable with an options parameter is not walked. */
export const EXEMPT: Record<string, string> = {
  '@mindts/tensor checkOptions': 'the checker itself: its argument is the options of another function',
  '@mindts/checkpoint CheckpointError': "an Error subclass: its options are the platform's ErrorOptions ({ cause })",
  '@mindts/jit JitError': "an Error subclass: its options are the platform's ErrorOptions ({ cause })",
  '@mindts/onnx OnnxExportError': "an Error subclass: its options are the platform's ErrorOptions ({ cause })",
  '@mindts/ops/testing describeConformance': 'registers vitest suites; its options are checked by its own test file',
  '@mindts/jit/testing replayResults': 'a test helper over a jitted function; covered by jit tests',
  '@mindts/ops/testing checkCase': 'a test helper; covered by the conformance suite',
  '@mindts/backend-wasm loadKernels': 'asynchronous module loading; wasm() validates the same options first',
  '@mindts/checkpoint indexedDBIO': 'IndexedDB exists only in browsers; its options are checked in indexedDBIO.test.ts',
  'mindts useDefaultBackends': 'covered in packages/mindts defaultBackends.test.ts',
};

/** Inputs the recipes make, disposed after each call so that only what the call itself leaked counts. */
export const made: { dispose(): void }[] = [];
const T = (values: Parameters<typeof tensor>[0], dtype: 'float32' | 'int32' = 'float32'): Tensor => {
  const t = tensor(values, dtype);
  made.push(t);
  return t;
};
const x2 = () =>
  T([
    [1, 2],
    [3, 4],
  ]);
/** A Cell a recipe made (its Parameters are freed with the other inputs). */
const cell = <C extends { dispose(): void }>(c: C): C => {
  made.push(c);
  return c;
};
const params = () => {
  const p = new Parameter(T([1, 2]), 'w');
  made.push(p);
  return [p];
};

/** How to call each one with `o` in its options position (every other argument valid). */
export const RECIPES: Record<string, (o: unknown) => unknown> = {
  '@mindts/backend-cpu compileHostElementwise': (o) => cpu(o as never),
  '@mindts/backend-cpu cpu': (o) => cpu(o as never),
  '@mindts/backend-gpujs gpujs': (o) => gpujs(o as never),
  '@mindts/backend-wasm wasm': (o) => wasm(o as never),
  '@mindts/cell Cell': (o) => new (class extends Cell {})(o as never),
  '@mindts/cell amp.ampConfig': (o) => amp.ampConfig('O2', o, 'ampConfig'),
  '@mindts/cell amp.buildTrainNetwork': (o) => {
    const net = cell(new nn.Dense(2, 2));
    return amp.buildTrainNetwork(net, cell(new nn.SGD(net.trainableParams())), null, 'O0', o as never);
  },
  '@mindts/cell nn.Cell': (o) => new (class extends nn.Cell {})(o as never),
  '@mindts/cell nn.Adam': (o) => new nn.Adam(params(), o as never),
  '@mindts/cell nn.AdamW': (o) => new nn.AdamW(params(), o as never),
  '@mindts/cell nn.SGD': (o) => new nn.SGD(params(), o as never),
  '@mindts/cell nn.Momentum': (o) => new nn.Momentum(params(), 0.1, 0.9, o as never),
  '@mindts/cell nn.AvgPool2d': (o) => new nn.AvgPool2d(o as never),
  '@mindts/cell nn.MaxPool2d': (o) => new nn.MaxPool2d(o as never),
  '@mindts/cell nn.BatchNorm1d': (o) => new nn.BatchNorm1d(2, o as never),
  '@mindts/cell nn.BatchNorm2d': (o) => new nn.BatchNorm2d(2, o as never),
  '@mindts/cell nn.BCEWithLogitsLoss': (o) => new nn.BCEWithLogitsLoss(o as never),
  '@mindts/cell nn.CrossEntropyLoss': (o) => new nn.CrossEntropyLoss(o as never),
  '@mindts/cell nn.L1Loss': (o) => new nn.L1Loss(o as never),
  '@mindts/cell nn.MSELoss': (o) => new nn.MSELoss(o as never),
  '@mindts/cell nn.SmoothL1Loss': (o) => new nn.SmoothL1Loss(o as never),
  '@mindts/cell nn.SoftmaxCrossEntropyWithLogits': (o) => new nn.SoftmaxCrossEntropyWithLogits(o as never),
  '@mindts/cell nn.CellList': (o) => new nn.CellList([], o as never),
  '@mindts/cell nn.Conv2d': (o) => new nn.Conv2d(1, 2, 3, o as never),
  '@mindts/cell nn.Dense': (o) => new nn.Dense(3, 2, o as never),
  '@mindts/cell nn.Dropout': (o) => new nn.Dropout(o as never),
  '@mindts/cell nn.Flatten': (o) => new nn.Flatten(o as never),
  '@mindts/cell nn.GELU': (o) => new nn.GELU(o as never),
  '@mindts/cell nn.ReLU': (o) => new nn.ReLU(o as never),
  '@mindts/cell nn.Sigmoid': (o) => new nn.Sigmoid(o as never),
  '@mindts/cell nn.Tanh': (o) => new nn.Tanh(o as never),
  '@mindts/cell nn.Softmax': (o) => new nn.Softmax(o as never),
  '@mindts/checkpoint loadCheckpoint': async (o) => {
    const io = memoryIO();
    await saveCheckpoint([{ name: 'w', data: T([1]) }], io);
    return await loadCheckpoint(io, o as never);
  },
  '@mindts/checkpoint saveCheckpoint': (o) => saveCheckpoint([{ name: 'w', data: T([1]) }], memoryIO(), o as never),
  '@mindts/checkpoint loadParamIntoNet': (o) => loadParamIntoNet(cell(new nn.Dense(1, 1)), {}, o as never),
  '@mindts/checkpoint encodeCkpt': (o) => encodeCkpt([], o as never),
  '@mindts/checkpoint decodeCkpt': (o) => decodeCkpt(encodeCkpt([]), 'memory', o as never),
  '@mindts/dataset GeneratorDataset': (o) => new GeneratorDataset([[1]], ['a'], o as never),
  '@mindts/dataset MnistDataset': (o) => new MnistDataset(o as never),
  '@mindts/dataset NumpySlicesDataset': (o) => new NumpySlicesDataset([1, 2], o as never),
  '@mindts/datasets batches': (o) => batches(x2(), T([0, 1], 'int32'), 1, o as never),
  '@mindts/datasets loadMnist': (o) => loadMnist(o as never),
  '@mindts/datasets loadWords': (o) => loadWords({ limit: 4, ...(o as object) }),
  '@mindts/datasets wordBatches': (o) => {
    const words = loadWords({ limit: 4 });
    made.push(words.inputs, words.targets);
    return wordBatches(words, 2, o as never);
  },
  '@mindts/initializer Constant': (o) => new init.Constant(1, o as never),
  '@mindts/initializer Dirac': (o) => new init.Dirac(o as never),
  '@mindts/initializer HeNormal': (o) => new init.HeNormal(o as never),
  '@mindts/initializer HeUniform': (o) => new init.HeUniform(o as never),
  '@mindts/initializer Identity': (o) => new init.Identity(o as never),
  '@mindts/initializer Normal': (o) => new init.Normal(o as never),
  '@mindts/initializer One': (o) => new init.One(o as never),
  '@mindts/initializer Orthogonal': (o) => new init.Orthogonal(o as never),
  '@mindts/initializer Sparse': (o) => new init.Sparse({ sparsity: 0.5, ...(o as object) }),
  '@mindts/initializer TruncatedNormal': (o) => new init.TruncatedNormal(o as never),
  '@mindts/initializer Uniform': (o) => new init.Uniform(o as never),
  '@mindts/initializer VarianceScaling': (o) => new init.VarianceScaling(o as never),
  '@mindts/initializer XavierNormal': (o) => new init.XavierNormal(o as never),
  '@mindts/initializer XavierUniform': (o) => new init.XavierUniform(o as never),
  '@mindts/initializer Zero': (o) => new init.Zero(o as never),
  '@mindts/jit jit': (o) => jit((a: Tensor) => ops.add(a, 1), o as never),
  '@mindts/onnx toOnnx': (o) => toOnnx((a: Tensor) => ops.relu(a), [x2()], o as never),
  // The unknown key is refused before anything is traced or written.
  '@mindts/onnx exportOnnx': (o) =>
    exportOnnx((a: Tensor) => ops.relu(a), x2(), { fileName: join(tmpdir(), 'mindts-options-walk'), ...(o as object) }),
  '@mindts/ops avgPool2d': (o) =>
    ops.avgPool2d(
      T([
        [
          [
            [1, 2],
            [3, 4],
          ],
        ],
      ]),
      1,
      o as never,
    ),
  '@mindts/ops maxPool2d': (o) =>
    ops.maxPool2d(
      T([
        [
          [
            [1, 2],
            [3, 4],
          ],
        ],
      ]),
      1,
      o as never,
    ),
  '@mindts/ops conv2d': (o) =>
    ops.conv2d(
      T([
        [
          [
            [1, 2],
            [3, 4],
          ],
        ],
      ]),
      T([[[[1]]]]),
      o as never,
    ),
  '@mindts/ops dropout': (o) => ops.dropout(x2(), 0.5, o as never),
  '@mindts/ops flatten': (o) => ops.flatten(x2(), o as never),
  '@mindts/ops gelu': (o) => ops.gelu(x2(), o as never),
  '@mindts/ops matmul': (o) => ops.matmul(x2(), x2(), o as never),
  '@mindts/ops grad': (o) => ops.grad((a: Tensor) => ops.sum(a), 0, null, o as never),
  '@mindts/ops valueAndGrad': (o) => ops.valueAndGrad((a: Tensor) => ops.sum(a), 0, null, o as never),
  '@mindts/ops/testing checkGradients': (o) => checkGradients((a: Tensor) => ops.sum(a), [x2()], o as never),
  '@mindts/parameter Parameter': (o) => new Parameter(T([1]), 'p', o as never),
  '@mindts/plugin-example MishDense': (o) => cell(new MishDense(2, 2, o as never)),
  '@mindts/plugin-example Rademacher': (o) => new Rademacher(o as never),
  '@mindts/plugin-example registerPluginExample': (o) => registerPluginExample(o as never),
  '@mindts/cell nn.Adagrad': (o) => new nn.Adagrad(params(), o as never),
  '@mindts/cell nn.RMSProp': (o) => new nn.RMSProp(params(), o as never),
  '@mindts/cell nn.CellDict': (o) => new nn.CellDict(null, o as never),
  '@mindts/cell nn.Conv1d': (o) => new nn.Conv1d(1, 2, 3, o as never),
  '@mindts/cell nn.Conv2dTranspose': (o) => new nn.Conv2dTranspose(1, 2, 3, o as never),
  '@mindts/cell nn.Dropout2d': (o) => new nn.Dropout2d(o as never),
  '@mindts/cell nn.ELU': (o) => new nn.ELU(o as never),
  '@mindts/cell nn.Embedding': (o) => new nn.Embedding(4, 2, o as never),
  '@mindts/cell nn.GroupNorm': (o) => new nn.GroupNorm(2, 4, o as never),
  '@mindts/cell nn.LayerNorm': (o) => new nn.LayerNorm([4], o as never),
  '@mindts/cell nn.LeakyReLU': (o) => new nn.LeakyReLU(o as never),
  '@mindts/cell nn.LogSoftmax': (o) => new nn.LogSoftmax(o as never),
  '@mindts/cell nn.PReLU': (o) => new nn.PReLU(o as never),
  '@mindts/cell nn.Softplus': (o) => new nn.Softplus(o as never),
  '@mindts/cell nn.Identity': (o) => new nn.Identity(o as never),
  '@mindts/cell nn.ReLU6': (o) => new nn.ReLU6(o as never),
  '@mindts/cell nn.SiLU': (o) => new nn.SiLU(o as never),
  '@mindts/cell nn.RNN': (o) => new nn.RNN(2, 3, o as never),
  '@mindts/cell nn.LSTM': (o) => new nn.LSTM(2, 3, o as never),
  '@mindts/cell nn.GRU': (o) => new nn.GRU(2, 3, o as never),
  '@mindts/cell nn.RNNCell': (o) => new nn.RNNCell(2, 3, o as never),
  '@mindts/cell nn.LSTMCell': (o) => new nn.LSTMCell(2, 3, o as never),
  '@mindts/cell nn.GRUCell': (o) => new nn.GRUCell(2, 3, o as never),
  '@mindts/cell nn.MultiheadAttention': (o) => new nn.MultiheadAttention(4, 2, o as never),
  '@mindts/cell nn.TransformerEncoderLayer': (o) => new nn.TransformerEncoderLayer(4, 2, o as never),
  '@mindts/cell nn.TransformerDecoderLayer': (o) => new nn.TransformerDecoderLayer(4, 2, o as never),
  '@mindts/cell nn.TransformerEncoder': (o) =>
    new nn.TransformerEncoder(cell(new nn.TransformerEncoderLayer(4, 2, { dimFeedforward: 8 })), 1, o as never),
  '@mindts/cell nn.TransformerDecoder': (o) =>
    new nn.TransformerDecoder(cell(new nn.TransformerDecoderLayer(4, 2, { dimFeedforward: 8 })), 1, o as never),
  '@mindts/cell nn.Transformer': (o) => new nn.Transformer(o as never),
  '@mindts/ops arange': (o) => ops.arange(0, 3, 1, o as never),
  '@mindts/ops full': (o) => ops.full([2], 1, o as never),
  '@mindts/ops fullLike': (o) => ops.fullLike(x2(), 1, o as never),
  '@mindts/ops onesLike': (o) => ops.onesLike(x2(), o as never),
  '@mindts/ops zerosLike': (o) => ops.zerosLike(x2(), o as never),
  '@mindts/ops sort': (o) => ops.sort(x2(), o as never),
  '@mindts/ops argsort': (o) => ops.argsort(x2(), o as never),
  '@mindts/ops topk': (o) => ops.topk(x2(), 1, o as never),
  '@mindts/ops cumsum': (o) => ops.cumsum(x2(), 0, o as never),
  '@mindts/ops cumprod': (o) => ops.cumprod(x2(), 0, o as never),
  '@mindts/ops pad': (o) => ops.pad(x2(), [1, 1], o as never),
  '@mindts/ops interpolate': (o) =>
    ops.interpolate(
      T([
        [
          [
            [1, 2],
            [3, 4],
          ],
        ],
      ]),
      { size: [4, 4], ...(o as object) },
    ),
  '@mindts/ops multinomial': (o) => ops.multinomial(T([0.5, 0.5]), 1, o as never),
  '@mindts/ops tensorScatterElements': (o) => ops.tensorScatterElements(T([1, 2]), [0], T([5]), o as never),
  '@mindts/ops norm': (o) => ops.norm(x2(), null, null, false, o as never),
  '@mindts/ops conv1d': (o) => ops.conv1d(T([[[1, 2, 3]]]), T([[[1]]]), o as never),
  '@mindts/ops conv2dTranspose': (o) =>
    ops.conv2dTranspose(
      T([
        [
          [
            [1, 2],
            [3, 4],
          ],
        ],
      ]),
      T([[[[1]]]]),
      o as never,
    ),
  '@mindts/ops mseLoss': (o) => ops.mseLoss(x2(), x2(), o as never),
  '@mindts/ops l1Loss': (o) => ops.l1Loss(x2(), x2(), o as never),
  '@mindts/ops smoothL1Loss': (o) => ops.smoothL1Loss(x2(), x2(), o as never),
  '@mindts/ops binaryCrossEntropyWithLogits': (o) => ops.binaryCrossEntropyWithLogits(x2(), x2(), o as never),
  '@mindts/ops crossEntropy': (o) => ops.crossEntropy(x2(), T([0, 1], 'int32'), o as never),
  '@mindts/ops nllLoss': (o) => ops.nllLoss(x2(), T([0, 1], 'int32'), o as never),
  '@mindts/ops vjp': (o) => ops.vjp((a: Tensor) => ops.mul(a, 2), x2(), o as never),
  '@mindts/ops jvp': (o) => ops.jvp((a: Tensor) => ops.mul(a, 2), x2(), x2(), o as never),
  '@mindts/train CheckpointConfig': (o) => new train.CheckpointConfig(o as never),
  '@mindts/train ConfusionMatrix': (o) => new train.ConfusionMatrix(2, o as never),
  '@mindts/train EarlyStopping': (o) => new train.EarlyStopping(o as never),
  '@mindts/train Model': (o) => new train.Model(new nn.ReLU(), o as never),
  '@mindts/train ReduceLROnPlateau': (o) => new train.ReduceLROnPlateau(o as never),
  '@mindts/tensor rand': (o) => rand([2], o as never),
  '@mindts/tensor randn': (o) => randn([2], o as never),
};
