/**
 * The network and the loss function as one Cell, for the loss-scaled training step of `Model`:
 * `call(...columns)` is `lossFn.call(network.call(...all columns but the last), last column)`.
 * `nn.WithLossCell` takes one data column and the label; a Model's dataset may have more.
 */
import { Cell } from '@mindts/cell';
import { type Tensor, tidy } from '@mindts/tensor';

/**
 * MindSpore's `WithLossCell` over any number of data columns (the label last).
 * @example
 * const withLoss = new LossNetwork(net, new nn.CrossEntropyLoss());
 * withLoss.call(images, labels); // the loss
 */
export class LossNetwork extends Cell {
  _backbone: Cell;
  _loss_fn: Cell;

  constructor(backbone: Cell, lossFn: Cell) {
    super({ autoPrefix: false });
    this._backbone = backbone;
    this._loss_fn = lossFn;
  }

  override construct(...columns: Tensor[]): Tensor {
    return tidy(() => this._loss_fn.call(this._backbone.call(...columns.slice(0, -1)), columns[columns.length - 1]) as Tensor);
  }
}
