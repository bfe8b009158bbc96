/**
 * The two MNIST models of the `train` command: a multi-layer perceptron and a small LeNet-style
 * convolutional network with batch normalization and dropout.
 */
import { Cell, nn } from '@mindts/cell';
import * as ops from '@mindts/ops';
import type { Tensor } from '@mindts/tensor';

/** The models `train --model` accepts. */
export type ModelName = 'mlp' | 'cnn';

/** The model names, for argument checks and help. */
export const MODEL_NAMES: readonly ModelName[] = ['mlp', 'cnn'];

/**
 * A 784-128-10 perceptron with a ReLU hidden layer; takes `[n, 784]` images, returns `[n, 10]` logits.
 * @example
 * mlp().call(images).shape; // [64, 10]
 */
export function mlp(hidden = 128): Cell {
  return new nn.SequentialCell([new nn.Dense(784, hidden, { activation: 'relu' }), new nn.Dense(hidden, 10)]);
}

/**
 * LeNet-style: two 5×5 convolutions (each followed by batch normalization, ReLU and 2×2 max
 * pooling), then a hidden dense layer with dropout. Takes `[n, 784]` images and reshapes them to
 * `[n, 1, 28, 28]`: 28 → conv 24 → pool 12 → conv 8 → pool 4.
 * @example
 * new LeNet().call(images).shape; // [64, 10]
 */
export class LeNet extends Cell {
  features = new nn.SequentialCell([
    new nn.Conv2d(1, 8, 5, { padMode: 'valid' }),
    new nn.BatchNorm2d(8),
    new nn.ReLU(),
    new nn.MaxPool2d({ kernelSize: 2, stride: 2 }),
    new nn.Conv2d(8, 16, 5, { padMode: 'valid' }),
    new nn.BatchNorm2d(16),
    new nn.ReLU(),
    new nn.MaxPool2d({ kernelSize: 2, stride: 2 }),
    new nn.Flatten(),
  ]);
  classifier = new nn.SequentialCell([
    new nn.Dense(16 * 4 * 4, 64, { activation: 'relu' }),
    new nn.Dropout({ p: 0.25 }),
    new nn.Dense(64, 10),
  ]);

  override construct(x: Tensor): Tensor {
    return this.classifier.call(this.features.call(ops.reshape(x, [-1, 1, 28, 28])) as Tensor) as Tensor;
  }
}

/**
 * A new, randomly initialised model by name.
 * @example
 * const net = createModel('cnn');
 */
export function createModel(name: ModelName): Cell {
  return name === 'mlp' ? mlp() : new LeNet();
}
