/**
 * One evaluation step of `Model`: MindSpore's `WithEvalCell` (the network and the loss function,
 * giving `(loss, outputs, label)`) or the user's `evalNetwork`, then `_update_metrics`.
 */
import type { Cell } from '@mindts/cell';
import { Parameter } from '@mindts/parameter';
import { Tensor, tidy } from '@mindts/tensor';
import { isDisposed, isKept } from '@mindts/tensor/backend';
import { Loss } from '../metrics/loss.js';
import type { Metric } from '../metrics/metric.js';

/** What an evaluation step reads from `Model`. */
export interface EvalParts {
  readonly network: Cell;
  readonly lossFn: Cell | null;
  readonly evalNetwork: Cell | null;
  readonly evalIndexes: readonly [number, number, number] | null;
}

/**
 * Runs the evaluation network on one batch and updates the metrics: with the default network,
 * a `Loss` metric gets the loss and the others `(outputs, label)`; with `evalNetwork`, every
 * metric gets all its outputs, or as `evalIndexes` place them. `lossMetric` (the mean loss of
 * `fit`'s `evalLoss`) gets the loss when there is one. Returns the outputs (new Tensors and the
 * label column), which the caller frees with {@link release}.
 */
export function evalStep(model: EvalParts, cols: Tensor[], metrics: readonly Metric[], lossMetric: Loss | null): Tensor[] {
  return tidy(() => {
    let outputs: Tensor[];
    let indexes: readonly [number, number, number] | null;
    if (model.evalNetwork) {
      const out = model.evalNetwork.call(...cols) as Tensor | Tensor[];
      outputs = Array.isArray(out) ? out : [out];
      indexes = model.evalIndexes;
    } else {
      const label = cols[cols.length - 1] as Tensor;
      const logits = model.network.call(...cols.slice(0, -1)) as Tensor;
      const loss = (model.lossFn as Cell).call(logits, label) as Tensor;
      outputs = [loss, logits, label];
      indexes = [0, 1, 2];
    }
    if (indexes !== null && outputs.length < 3) throw new RangeError(`The length of 'outputs' must be >= 3, but got ${outputs.length}.`);
    for (const metric of metrics) {
      if (indexes === null) metric.updateWith(...outputs);
      else if (metric instanceof Loss) metric.updateWith(outputs[indexes[0]]);
      else metric.updateWith(outputs[indexes[1]], outputs[indexes[2]]);
    }
    if (lossMetric && indexes !== null) lossMetric.update(outputs[indexes[0]]);
    return outputs;
  });
}

/**
 * Frees the Tensors of `outputs` that the step made: not Parameters, not the batch's `columns`,
 * not `keep()`-ed ones, not already freed.
 */
export function release(outputs: unknown, columns: readonly Tensor[]): void {
  const list = outputs instanceof Tensor ? [outputs] : Array.isArray(outputs) ? (outputs.flat(Number.POSITIVE_INFINITY) as unknown[]) : [];
  for (const t of list) {
    if (!(t instanceof Tensor) || t instanceof Parameter || columns.includes(t) || isDisposed(t) || isKept(t)) continue;
    t.dispose();
  }
}
