/**
 * `map`: applies operations to some columns of every row, replacing them with the outputs.
 */
import { tidy } from '@mindts/tensor';
import { type ColumnValue, type HostArray, isColumnTuple, isHostArray, toHostArray } from '../hostArray.js';
import type { Pipeline } from '../pipeline.js';
import { derivePlan, type TransformPlan, type WorkerSupport } from '../worker/plan.js';
import { isBuiltInTransform, transformPlan } from '../worker/transformPlans.js';
import { Normalize } from '../transforms/normalize.js';
import { Rescale } from '../transforms/rescale.js';
import type { TensorOperation } from '../transforms/tensorOperation.js';

/**
 * One step of `map`: a function of the input columns' values, or an object with `call` (a
 * transform such as `new transforms.TypeCast('int32')`). It returns one value, or several as an
 * array of Tensors, typed arrays or HostArrays (MindSpore's tuple). Tensors it makes are freed
 * after their values are read.
 * @example
 * const double: Operation = (x) => ({ ...x, data: x.data.map((v) => 2 * v) });
 * dataset.map([double, new transforms.TypeCast('float32')], 'data');
 */
export type Operation =
  | ((...inputs: HostArray[]) => ColumnValue | readonly ColumnValue[])
  | {
      /** Runs the operation on the input columns' values. */
      call(...inputs: HostArray[]): ColumnValue | readonly ColumnValue[];
    };

/** Whether `op` is an instance of one of the built-in transforms themselves (not a subclass). */
const builtIn = (op: Operation | undefined): op is TensorOperation => op !== undefined && isBuiltInTransform(op);

/**
 * The operations as steps: each one's own call, except a built-in Rescale followed by a built-in
 * Normalize, which run as one pass (`Normalize.rescaledFrom`, equal to the two in turn). A
 * built-in transform makes no tensors and returns a HostArray, so it skips `tidy` and the output
 * checks.
 */
function steps(operations: readonly Operation[]): ((values: HostArray[]) => HostArray[])[] {
  const out: ((values: HostArray[]) => HostArray[])[] = [];
  for (let k = 0; k < operations.length; k++) {
    const op = operations[k] as Operation;
    const next = operations[k + 1];
    const index = k;
    if (op instanceof Rescale && next instanceof Normalize && builtIn(op) && builtIn(next)) {
      const twice = (values: HostArray[]) => apply(next, apply(op, values, index), index + 1);
      out.push((values) => (values.length === 1 ? [next.rescaledFrom(values[0] as HostArray, op.rescale, op.shift)] : twice(values)));
      k++;
    } else if (builtIn(op)) out.push((values) => (values.length === 1 ? [op.call(values[0] as HostArray)] : apply(op, values, index)));
    else out.push((values) => apply(op, values, index));
  }
  return out;
}

/** Runs one operation on a row's values and returns its outputs as host arrays. */
function apply(op: Operation, inputs: HostArray[], index: number): HostArray[] {
  // A tidy scope frees every Tensor the operation makes, once its outputs are read to the host.
  // The outputs leave through a variable, not as tidy's result: tidy would walk their arrays.
  let result: HostArray[] = [];
  tidy(() => {
    const out = typeof op === 'function' ? op(...inputs) : op.call(...inputs);
    if (isHostArray(out)) result = [out];
    else {
      const values = isColumnTuple(out) ? out : [out as ColumnValue];
      result = values.map((v, k) => toHostArray(v, `map: output ${k} of operation ${index}`));
    }
  });
  return result;
}

/** The pipeline of `map`: `inputs` (column indices) go through `operations` into `outputColumns`. */
export function mapPipeline(
  parent: Pipeline,
  operations: readonly Operation[],
  inputs: readonly number[],
  outputColumns: readonly string[],
): Pipeline {
  const at = Math.min(...inputs);
  const kept = parent.columns.map((_, i) => i).filter((i) => !inputs.includes(i));
  const before = kept.filter((i) => i < at);
  const after = kept.filter((i) => i > at);
  const columns = [...before.map((i) => parent.columns[i] as string), ...outputColumns, ...after.map((i) => parent.columns[i] as string)];
  const plans = operations.map(transformPlan);
  const refused = plans.find((p): p is { reason: string } => 'reason' in p);
  const worker: WorkerSupport = refused
    ? refused
    : derivePlan(parent, (p) => ({ op: 'map', parent: p, transforms: plans as TransformPlan[], inputs, outputColumns }));
  return {
    columns,
    knownSize: () => parent.knownSize(),
    batchSize: parent.batchSize,
    repeatCount: parent.repeatCount,
    worker,
    *rows(epoch) {
      const it = parent.rows(epoch);
      const run = steps(operations);
      for (let r = it.next(); !r.done; r = it.next()) {
        const row = r.value;
        let values = inputs.map((i) => row[i] as HostArray);
        for (const step of run) values = step(values);
        if (values.length !== outputColumns.length) {
          throw new RangeError(
            `map: the operations return ${values.length} value${values.length === 1 ? '' : 's'}, but outputColumns names ${outputColumns.length} (${outputColumns.join(', ')}).`,
          );
        }
        const out: HostArray[] = [];
        for (const i of before) out.push(row[i] as HostArray);
        for (const v of values) out.push(v);
        for (const i of after) out.push(row[i] as HostArray);
        yield out;
      }
    },
  };
}
