/**
 * `nn.TrainOneStepWithLossScaleCell`, after MindSpore's (mindspore/python/mindspore/nn/wrap/
 * loss_scale.py): the loss is multiplied by the scale before differentiation, the gradients are
 * divided by it after, and a step whose gradients are not all finite is skipped while the scale
 * manager lowers the scale. Distributed gradient reduction is not supported.
 */
import * as ops from '@mindts/ops';
import { Parameter, type ParameterTuple } from '@mindts/parameter';
import { checkArity, Tensor, tensor, tidy } from '@mindts/tensor';
import { allFinite } from '../../amp/allFinite.js';
import { Cell } from '../../cell.js';
import { isCell, typeName } from '../../cellState.js';
import { Optimizer } from '../optim/optimizer.js';
import { DynamicLossScaleUpdateCell, FixedLossScaleUpdateCell } from './lossScaleUpdateCell.js';

/** The step's gradient function: `[[scaled loss, loss], scaled weight gradients]`. */
type GradFn = (...inputs: unknown[]) => [[Tensor, Tensor], Tensor[]];

/**
 * One loss-scaled training step per call (MindSpore `nn.TrainOneStepWithLossScaleCell(network,
 * optimizer, scale_sense)`). `scaleSense` is the scale: a one-element Tensor (fixed; change it
 * with `setSenseScale`) or a manager Cell (`nn.DynamicLossScaleUpdateCell`,
 * `nn.FixedLossScaleUpdateCell`) that updates it after each step. `call(...inputs)` returns
 * `[loss, overflow, scale]`: the loss, whether the gradients overflowed (bool; the optimizer
 * was then not applied) and the scale this step used. Deciding to skip reads the overflow flag
 * (one value), so the step runs eagerly on backends that read synchronously.
 * @example
 * const train = new nn.TrainOneStepWithLossScaleCell(new nn.WithLossCell(net, lossFn), opt, new nn.DynamicLossScaleUpdateCell(2 ** 12, 2, 1000));
 * const [loss, overflow, scale] = train.call(x, y);
 */
export class TrainOneStepWithLossScaleCell extends Cell {
  network: Cell;
  optimizer: Optimizer;
  /** The scale manager, or null for a fixed scale (MindSpore `loss_scaling_manager`). */
  loss_scaling_manager: Cell | null;
  /** The current scale, a float32 scalar Parameter (MindSpore `scale_sense`). */
  scale_sense: Parameter;
  /** The optimizer's parameters, differentiated each step (MindSpore `weights`). */
  readonly weights: ParameterTuple;
  readonly #gradFn: GradFn;

  constructor(network: Cell, optimizer: Optimizer, scaleSense: Tensor | Cell) {
    checkArity(arguments.length, 3, 'TrainOneStepWithLossScaleCell');
    super({ autoPrefix: false });
    const cls = 'TrainOneStepWithLossScaleCell';
    if (!isCell(network)) throw new TypeError(`For '${cls}', the 'network' must be a Cell, but got ${typeName(network)}.`);
    if (!(optimizer instanceof Optimizer))
      throw new TypeError(`For '${cls}', the 'optimizer' must be an nn.Optimizer, but got ${typeName(optimizer)}.`);
    let initial: Tensor;
    if (scaleSense instanceof DynamicLossScaleUpdateCell || scaleSense instanceof FixedLossScaleUpdateCell) {
      this.loss_scaling_manager = scaleSense;
      initial = tensor(scaleSense.getLossScale(), 'float32');
    } else if (scaleSense instanceof Tensor && scaleSense.size === 1 && scaleSense.rank <= 1) {
      this.loss_scaling_manager = null;
      initial = ops.cast(ops.reshape(scaleSense, []), 'float32');
    } else {
      throw new TypeError(
        `For '${cls}', the 'scale_sense' must be a Tensor of shape () or (1,), an nn.DynamicLossScaleUpdateCell or an nn.FixedLossScaleUpdateCell, but got ${typeName(scaleSense)}.`,
      );
    }
    this.network = network;
    this.optimizer = optimizer;
    this.weights = optimizer.parameters;
    this.scale_sense = new Parameter(initial, 'scale_sense', { requiresGrad: false });
    const forward = (...inputs: unknown[]): [Tensor, Tensor] => {
      const loss = network.call(...inputs) as Tensor;
      if (!(loss instanceof Tensor))
        throw new TypeError(`For '${cls}', the network must return the loss Tensor, but got ${typeName(loss)}.`);
      return [ops.mul(loss, ops.cast(this.scale_sense, loss.dtype)), loss];
    };
    this.#gradFn = ops.valueAndGrad(forward, null, this.weights, { hasAux: true });
  }

  /** The scale manager (`loss_scaling_manager`), camelCase. */
  get lossScalingManager(): Cell | null {
    return this.loss_scaling_manager;
  }

  /** The scale Parameter (`scale_sense`), camelCase. */
  get scaleSense(): Parameter {
    return this.scale_sense;
  }

  /** Sets the scale (MindSpore `set_sense_scale`): a one-element Tensor. */
  setSenseScale(sens: Tensor): void {
    checkArity(arguments.length, 1, 'setSenseScale');
    if (!(sens instanceof Tensor) || sens.size !== 1) {
      throw new TypeError(`For 'setSenseScale', the 'sens' must be a one-element Tensor, but got ${typeName(sens)}.`);
    }
    tidy(() => ops.assign(this.scale_sense, ops.cast(ops.reshape(sens, []), 'float32')));
  }

  override construct(...inputs: unknown[]): [Tensor, Tensor<'bool'>, Tensor] {
    const [outputs, scaled] = this.#gradFn(...inputs);
    return tidy(() => {
      const used = ops.mul(this.scale_sense, 1);
      const inverse = ops.reciprocal(used);
      const grads = scaled.map((g) => ops.mul(g, ops.cast(inverse, g.dtype)));
      const overflow = ops.logicalNot(allFinite(grads));
      const manager = this.loss_scaling_manager;
      const skip = manager ? (manager.call(this.scale_sense, overflow) as Tensor) : overflow;
      // Skipped: the unscaled gradients go with the scope; applied: the optimizer frees them.
      if (!skip.dataSync()[0]) this.optimizer.call(grads);
      const loss = ops.mul(outputs[1], 1);
      return [loss, overflow, used] as [Tensor, Tensor<'bool'>, Tensor];
    });
  }
}
