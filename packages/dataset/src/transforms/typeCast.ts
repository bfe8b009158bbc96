/**
 * `TypeCast`: MindSpore's `transforms.TypeCast`.
 */
import { assertDType, type DType } from '@mindts/tensor';
import { float16Bits, float16Value } from '@mindts/tensor/backend';
import { emptyHost, type HostArray } from '../hostArray.js';
import { TensorOperation } from './tensorOperation.js';

/**
 * Casts a value to `dataType` (MindSpore's `transforms.TypeCast(data_type)`): to an integer type
 * fractions truncate toward zero and values out of range wrap (NumPy's `astype`), to bool nonzero
 * is true, to float16 values round to half precision.
 * @example
 * dataset.map(new transforms.TypeCast('int32'), 'label');
 */
export class TypeCast extends TensorOperation {
  /** The dtype values are cast to. */
  readonly dataType: DType;

  constructor(dataType: DType) {
    super();
    this.dataType = assertDType(dataType, 'TypeCast: dataType');
  }

  protected apply(input: HostArray): HostArray {
    const out = emptyHost(this.dataType, input.shape);
    const src = input.data;
    const dst = out.data;
    if (this.dataType === 'bool') for (let i = 0; i < src.length; i++) dst[i] = src[i] ? 1 : 0;
    else if (this.dataType === 'float16') for (let i = 0; i < src.length; i++) dst[i] = float16Value(float16Bits(src[i] as number));
    else if (this.dataType === 'int64') for (let i = 0; i < src.length; i++) dst[i] = Math.trunc(src[i] as number);
    else (dst as Float64Array).set(src as Float64Array);
    return out;
  }
}
