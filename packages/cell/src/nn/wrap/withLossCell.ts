/**
 * `nn.WithLossCell`, after mindspore/python/mindspore/nn/wrap/cell_wrapper.py (MindSpore master,
 * mindspore-ai/mindspore_test@03f63883c2bc0971c91265c4443411c5160b869e): `autoPrefix: false`, so
 * the backbone's parameter names do not change.
 */
import { checkArity, type Tensor, tidy } from '@mindts/tensor';
import { Cell } from '../../cell.js';
import { isCell, typeName } from '../../cellState.js';

/**
 * Wraps a network with a loss: `call(data, label)` returns `lossFn(backbone(data), label)`
 * (MindSpore `nn.WithLossCell`). A backbone of several inputs takes them all, the label last:
 * `call(a, b, label)` is `lossFn(backbone(a, b), label)` (what `Model` trains such networks with).
 * @example
 * const netWithLoss = new nn.WithLossCell(net, new nn.CrossEntropyLoss());
 * const loss = netWithLoss.call(x, labels);
 */
export class WithLossCell extends Cell {
  /** Registered under MindSpore's key `_backbone`. */
  _backbone: Cell;
  /** Registered under MindSpore's key `_loss_fn`. */
  _loss_fn: Cell;

  constructor(backbone: Cell, lossFn: Cell) {
    checkArity(arguments.length, 2, 'WithLossCell');
    super({ autoPrefix: false });
    for (const [name, value] of [
      ['backbone', backbone],
      ['lossFn', lossFn],
    ] as const) {
      if (!isCell(value)) throw new TypeError(`For 'WithLossCell', the '${name}' must be a Cell, but got ${typeName(value)}.`);
    }
    this._backbone = backbone;
    this._loss_fn = lossFn;
  }

  /**
   * The wrapped network (MindSpore `backbone_network`).
   * @example
   * netWithLoss.backboneNetwork === net; // true
   */
  get backboneNetwork(): Cell {
    return this._backbone;
  }

  override construct(...inputs: Tensor[]): Tensor {
    // (data, label) as MindSpore's; with more inputs, every one but the label goes to the backbone.
    const data = inputs.length > 2 ? inputs.slice(0, -1) : inputs.slice(0, 1);
    const label = inputs.length > 2 ? inputs[inputs.length - 1] : inputs[1];
    return tidy(() => this._loss_fn.call(this._backbone.call(...data), label) as Tensor);
  }
}
