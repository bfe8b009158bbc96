/**
 * `nn`: the layers, used as `import { nn } from '@mindts/cell'; new nn.Dense(3, 4)`.
 */
export { GELU, type GELUOptions, getActivation, ReLU, Sigmoid, Softmax, type SoftmaxOptions, Tanh } from './activation.js';
export { BatchNorm1d, BatchNorm2d, type BatchNormOptions } from './batchNorm.js';
export { CellList } from './cellList.js';
export { Conv2d, type Conv2dOptions, type PadMode } from './conv2d.js';
export { Dense, type DenseOptions } from './dense.js';
export { Dropout, type DropoutOptions } from './dropout.js';
export { Flatten, type FlattenOptions } from './flatten.js';
export { AvgPool2d, type AvgPool2dOptions, MaxPool2d, type Pool2dOptions } from './pooling.js';
export { SequentialCell } from './sequentialCell.js';
