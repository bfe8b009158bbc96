/**
 * `nn.TrainOneStepCell`, after mindspore/python/mindspore/nn/wrap/cell_wrapper.py (MindSpore
 * master, mindspore-ai/mindspore_test@03f63883c2bc0971c91265c4443411c5160b869e): `autoPrefix:
 * false`; the gradients are taken with respect to `optimizer.parameters` (MindSpore's
 * `self.weights`), so they line up with the optimizer's order; `sens` scales them. Distributed
 * gradient reduction, `return_grad` and graceful exit are not supported.
 */
import * as ops from '@mindts/ops';
import type { ParameterTuple } from '@mindts/parameter';
import { checkArity, Tensor, tidy } from '@mindts/tensor';
import { StepResults } from '@mindts/tensor/backend';
import { Cell } from '../../cell.js';
import { isCell, typeName } from '../../cellState.js';
import { Optimizer } from '../optim/optimizer.js';

/** The step's gradient function: `[[scaled loss, loss], weight gradients]`. */
type GradFn = (...inputs: unknown[]) => [[Tensor, Tensor], Tensor[]];

/**
 * One training step per call: runs `network` (a Cell returning the loss, such as
 * {@link WithLossCell}) on the inputs, differentiates the loss with respect to the optimizer's
 * parameters with `ops.valueAndGrad`, applies the optimizer and returns the loss (MindSpore
 * `nn.TrainOneStepCell`). `sens` (default 1, not 0) multiplies the gradients. Called outside
 * `tidy`, the loss it returns lives until its next call (`keep()` it to hold it longer), so a
 * plain loop needs no `dispose`.
 * @example
 * const train = new nn.TrainOneStepCell(new nn.WithLossCell(net, new nn.CrossEntropyLoss()), new nn.Adam(net.trainableParams()));
 * for (let step = 0; step < 100; step++) console.log(train.call(x, labels).item());
 */
export class TrainOneStepCell extends Cell {
  network: Cell;
  optimizer: Optimizer;
  /** The optimizer's parameters, differentiated each step (MindSpore `weights`). */
  readonly weights: ParameterTuple;
  readonly sens: number;
  readonly #gradFn: GradFn;
  readonly #results = new StepResults();

  constructor(network: Cell, optimizer: Optimizer, sens = 1) {
    checkArity(arguments.length, 3, 'TrainOneStepCell');
    super({ autoPrefix: false });
    if (!isCell(network)) throw new TypeError(`For 'TrainOneStepCell', the 'network' must be a Cell, but got ${typeName(network)}.`);
    if (!(optimizer instanceof Optimizer)) {
      throw new TypeError(`For 'TrainOneStepCell', the 'optimizer' must be an nn.Optimizer, but got ${typeName(optimizer)}.`);
    }
    if (typeof sens !== 'number' || Number.isNaN(sens))
      throw new TypeError(`For 'TrainOneStepCell', the 'sens' must be a number, but got ${typeName(sens)}.`);
    if (sens === 0) throw new RangeError("The input argument of 'sens' can not be 0.");
    this.network = network;
    this.optimizer = optimizer;
    this.weights = optimizer.parameters;
    this.sens = sens;
    const forward = (...inputs: unknown[]): [Tensor, Tensor] => {
      const loss = network.call(...inputs) as Tensor;
      if (!(loss instanceof Tensor))
        throw new TypeError(`For 'TrainOneStepCell', the network must return the loss Tensor, but got ${typeName(loss)}.`);
      // The first output is differentiated; the loss itself comes back as the auxiliary output.
      return [sens === 1 ? loss : ops.mul(loss, sens), loss];
    };
    this.#gradFn = ops.valueAndGrad(forward, null, this.weights, { hasAux: true });
  }

  override construct(...inputs: unknown[]): Tensor {
    const mark = this.#results.begin();
    const loss = tidy(() => {
      const [outputs, grads] = this.#gradFn(...inputs);
      this.optimizer.call(grads);
      return outputs[1];
    });
    this.#results.end(inputs, loss, mark);
    return loss;
  }
}
