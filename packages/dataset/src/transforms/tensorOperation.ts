/**
 * The base of every transform: MindSpore's `TensorOperation`, usable in `map` and on its own.
 */
import { type ColumnValue, type HostArray, toHostArray } from '../hostArray.js';

/**
 * A transform of one column value (MindSpore's `TensorOperation`): pass it to `Dataset.map`, or
 * call it on a value (a HostArray, typed array, nested array, number or Tensor) to get a
 * {@link HostArray}. It never changes its input.
 * @example
 * const out = new transforms.Rescale(0.5, 1).call([2, 4]); // { data: Float32Array [2, 3], shape: [2], dtype: 'float32' }
 */
export abstract class TensorOperation {
  /**
   * Applies the transform to `input`.
   * @example
   * new transforms.TypeCast('int32').call(new Float32Array([1.7, -2.2])).data; // Int32Array [1, -2]
   */
  call(input: ColumnValue): HostArray {
    return this.apply(toHostArray(input, `${this.constructor.name}: input`));
  }

  /**
   * The transform on a host array; subclasses implement it.
   * @example
   * class Negate extends TensorOperation {
   *   protected apply(x: HostArray): HostArray {
   *     return { ...x, data: x.data.map((v) => -v) };
   *   }
   * }
   */
  protected abstract apply(input: HostArray): HostArray;
}
