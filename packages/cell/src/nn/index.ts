/**
 * `nn`: the layers, losses, optimizers and training wrappers, used as
 * `import { nn } from '@mindts/cell'; new nn.Dense(3, 4)`.
 *
 * Training, the primary way (MindSpore 2.x's functional style): differentiate a plain function
 * with respect to the optimizer's parameters and hand the gradients to the optimizer.
 * ```ts
 * const lossFn = new nn.CrossEntropyLoss();
 * const opt = new nn.Adam(net.trainableParams(), { learningRate: 1e-3 });
 * const gradFn = ops.valueAndGrad((x: Tensor, y: Tensor) => lossFn.call(net.call(x), y), null, opt.parameters);
 * const loss = tidy(() => {
 *   const [l, grads] = gradFn(x, y);
 *   opt.call(grads); // one step, in place
 *   return l;
 * });
 * ```
 * `new nn.TrainOneStepCell(new nn.WithLossCell(net, lossFn), opt).call(x, y)` does the same step.
 * @example
 * import { nn } from '@mindts/cell';
 * const net = new nn.SequentialCell([new nn.Dense(784, 128), new nn.ReLU(), new nn.Dense(128, 10)]);
 * net.call(x); // [batch, 784] → [batch, 10]
 */
// MindSpore's `class Net(nn.Cell)`: the base class is also reachable as `nn.Cell`.
export { Cell } from '../cell.js';
export { GELU, type GELUOptions, getActivation, ReLU, Sigmoid, Softmax, type SoftmaxOptions, Tanh } from './activation.js';
export { AdaptiveAvgPool2d } from './adaptivePooling.js';
export { BatchNorm1d, BatchNorm2d, type BatchNormOptions } from './batchNorm.js';
export { CellList } from './cellList.js';
export { CellDict, type CellDictInput } from './cellDict.js';
export { Conv1d, type Conv1dOptions } from './conv1d.js';
export { Conv2d, type Conv2dOptions, type PadMode } from './conv2d.js';
export { Conv2dTranspose, type Conv2dTransposeOptions } from './conv2dTranspose.js';
export { Dense, type DenseOptions } from './dense.js';
export { Dropout, type DropoutOptions } from './dropout.js';
export { Dropout2d, type Dropout2dOptions } from './dropout2d.js';
export { ELU, type ELUOptions } from './elu.js';
export { Embedding, type EmbeddingOptions } from './embedding.js';
export { GroupNorm, type GroupNormOptions } from './groupNorm.js';
export { LayerNorm, type LayerNormOptions } from './layerNorm.js';
export { MultiheadAttention, type MultiheadAttentionOptions } from './attention/multiheadAttention.js';
export { Transformer, type TransformerOptions } from './transformer/transformer.js';
export { TransformerDecoder } from './transformer/transformerDecoder.js';
export { TransformerDecoderLayer } from './transformer/transformerDecoderLayer.js';
export { TransformerEncoder, type TransformerStackOptions } from './transformer/transformerEncoder.js';
export { TransformerEncoderLayer } from './transformer/transformerEncoderLayer.js';
export type {
  TransformerActivation,
  TransformerDecoderLayerOptions,
  TransformerEncoderLayerOptions,
} from './transformer/transformerLayerOptions.js';
export { Flatten, type FlattenOptions } from './flatten.js';
export { Identity } from './identity.js';
export { LeakyReLU, type LeakyReLUOptions } from './leakyReLU.js';
export { LogSoftmax, type LogSoftmaxOptions } from './logSoftmax.js';
export { AvgPool2d, type AvgPool2dOptions, MaxPool2d, type Pool2dOptions } from './pooling.js';
export { PReLU, type PReLUOptions } from './prelu.js';
export { ReLU6 } from './reLU6.js';
export { SequentialCell } from './sequentialCell.js';
export { SiLU } from './silu.js';
export { Softplus, type SoftplusOptions } from './softplus.js';
export { BCEWithLogitsLoss, type BCEWithLogitsLossOptions } from './loss/bceWithLogitsLoss.js';
export { CrossEntropyLoss, type CrossEntropyLossOptions } from './loss/crossEntropyLoss.js';
export { L1Loss } from './loss/l1Loss.js';
export { LossBase, type LossOptions, type Reduction } from './loss/lossBase.js';
export { MSELoss } from './loss/mseLoss.js';
export { SmoothL1Loss, type SmoothL1LossOptions } from './loss/smoothL1Loss.js';
export { SoftmaxCrossEntropyWithLogits, type SoftmaxCrossEntropyWithLogitsOptions } from './loss/softmaxCrossEntropyWithLogits.js';
export { Adagrad, type AdagradOptions } from './optim/adagrad.js';
export { Adam, type AdamOptions } from './optim/adam.js';
export { AdamW, type AdamWOptions } from './optim/adamW.js';
export type { LearningRate } from './optim/learningRate.js';
export { cosineDecayLR, exponentialDecayLR, type LearningRateSchedule, warmupLR } from './optim/learningRateSchedule.js';
export { Momentum, type MomentumOptions } from './optim/momentum.js';
export { Optimizer, type OptimizerOptions } from './optim/optimizer.js';
export type { OptimizerParams, OrderParamsGroup, ParameterGroup } from './optim/parameterGroups.js';
export { RMSProp, type RMSPropOptions } from './optim/rmsProp.js';
export { SGD, type SGDOptions } from './optim/sgd.js';
export { DynamicLossScaleUpdateCell, FixedLossScaleUpdateCell } from './wrap/lossScaleUpdateCell.js';
export { TrainOneStepCell } from './wrap/trainOneStepCell.js';
export { TrainOneStepWithLossScaleCell } from './wrap/trainOneStepWithLossScaleCell.js';
export { WithLossCell } from './wrap/withLossCell.js';
export { GRU } from './rnn/gru.js';
export { LSTM } from './rnn/lstm.js';
export { RNN, type RNNOptions } from './rnn/rnn.js';
export { RNNBase, type RNNBaseOptions } from './rnn/rnnBase.js';
export { GRUCell, LSTMCell, RNNCell, RNNCellBase, type RNNCellBaseOptions, type RNNCellOptions } from './rnn/rnnCells.js';
