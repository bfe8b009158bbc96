/**
 * Elementwise arithmetic of two operands (the `Binary` primitive), with NumPy broadcasting and
 * MindSpore's implicit type conversion (see {@link TensorOrNumber}).
 */
import { checkArity, type DType, isFloat, type Tensor } from '@mindts/tensor';
import { type BinaryOp, broadcastShapes, runKernel } from '@mindts/tensor/backend';
import { checkOperand, disposeTemp, resultDType, type TensorOrNumber, toDType } from './operand.js';

/** Ops with no meaning on two bools (add is OR, mul is AND, maximum/minimum are OR/AND). */
const NO_BOOL: ReadonlySet<BinaryOp> = new Set<BinaryOp>(['sub', 'floorDiv', 'mod', 'pow']);

/** Shape of a Tensor operand, `[]` for a number. */
function shapeOf(x: TensorOrNumber): readonly number[] {
  return typeof x === 'object' ? x.shape : [];
}

/**
 * Checks two operands, checks they broadcast, casts both to `dtype` (or to the promoted dtype,
 * mapped through `computeIn`) and runs the Binary primitive `op`. Shared by comparisons and
 * logical ops.
 */
export function binaryOp(
  op: BinaryOp,
  name: string,
  a: TensorOrNumber,
  b: TensorOrNumber,
  computeIn: (promoted: DType) => DType = (d) => d,
  names: readonly [string, string] = ['input', 'other'],
): Tensor {
  checkOperand(a, name, names[0]);
  checkOperand(b, name, names[1]);
  const dtype = computeIn(resultDType(a, b, name, names));
  if (dtype === 'bool' && NO_BOOL.has(op)) {
    throw new TypeError(`${name}: bool operands are not supported; cast ${names[0]} or ${names[1]} to a numeric dtype first.`);
  }
  try {
    broadcastShapes(shapeOf(a), shapeOf(b));
  } catch (err) {
    throw new Error(`${name}: ${(err as Error).message}`);
  }
  const ta = toDType(a, dtype);
  let tb: Tensor | undefined;
  try {
    tb = toDType(b, dtype);
    return runKernel('Binary', [ta, tb], { op });
  } finally {
    disposeTemp(ta, a);
    if (tb) disposeTemp(tb, b);
  }
}

const toFloat = (d: DType): DType => (isFloat(d) ? d : 'float32');

/**
 * `input + other`, broadcast (two bools give their OR).
 * @example
 * ops.add(tensor([1, 2]), 1); // int32 [2, 3]
 */
export function add(input: TensorOrNumber, other: TensorOrNumber): Tensor {
  checkArity(arguments.length, 2, 'add');
  return binaryOp('add', 'add', input, other);
}

/**
 * `input - other`, broadcast; two bools are refused.
 * @example
 * ops.sub(tensor([1, 2]), tensor([[1], [2]])); // [[0, 1], [-1, 0]]
 */
export function sub(input: TensorOrNumber, other: TensorOrNumber): Tensor {
  checkArity(arguments.length, 2, 'sub');
  return binaryOp('sub', 'sub', input, other);
}

/**
 * `input * other`, broadcast (two bools give their AND).
 * @example
 * ops.mul(x, 2);
 */
export function mul(input: TensorOrNumber, other: TensorOrNumber): Tensor {
  checkArity(arguments.length, 2, 'mul');
  return binaryOp('mul', 'mul', input, other);
}

/**
 * True division `input / other`, broadcast; integer and bool operands divide in float32
 * (MindSpore `ops.div`).
 * @example
 * ops.div(tensor([1, 3]), 2); // float32 [0.5, 1.5]
 */
export function div(input: TensorOrNumber, other: TensorOrNumber): Tensor {
  checkArity(arguments.length, 2, 'div');
  return binaryOp('div', 'div', input, other, toFloat);
}

/**
 * `floor(input / other)`, broadcast; integers stay integers.
 * @example
 * ops.floorDiv(tensor([7, -7]), 2); // int32 [3, -4]
 */
export function floorDiv(input: TensorOrNumber, other: TensorOrNumber): Tensor {
  checkArity(arguments.length, 2, 'floorDiv');
  return binaryOp('floorDiv', 'floorDiv', input, other);
}

/**
 * Remainder with the sign of the divisor (`input - floorDiv(input, other) * other`), broadcast.
 * @example
 * ops.mod(tensor([7, -7]), 3); // int32 [1, 2]
 */
export function mod(input: TensorOrNumber, other: TensorOrNumber): Tensor {
  checkArity(arguments.length, 2, 'mod');
  return binaryOp('mod', 'mod', input, other);
}

/**
 * `input ** exponent`, broadcast.
 * @example
 * ops.pow(tensor([1, 2, 3]), 2); // int32 [1, 4, 9]
 */
export function pow(input: TensorOrNumber, exponent: TensorOrNumber): Tensor {
  checkArity(arguments.length, 2, 'pow');
  return binaryOp('pow', 'pow', input, exponent, undefined, ['input', 'exponent']);
}

/**
 * The larger of `input` and `other` elementwise, broadcast (NaN wins).
 * @example
 * ops.maximum(tensor([1, 5]), 3); // int32 [3, 5]
 */
export function maximum(input: TensorOrNumber, other: TensorOrNumber): Tensor {
  checkArity(arguments.length, 2, 'maximum');
  return binaryOp('maximum', 'maximum', input, other);
}

/**
 * The smaller of `input` and `other` elementwise, broadcast (NaN wins).
 * @example
 * ops.minimum(tensor([1, 5]), 3); // int32 [1, 3]
 */
export function minimum(input: TensorOrNumber, other: TensorOrNumber): Tensor {
  checkArity(arguments.length, 2, 'minimum');
  return binaryOp('minimum', 'minimum', input, other);
}

/**
 * The angle of the point (other, input) in radians, `atan2(input, other)`, broadcast; integer
 * operands compute in float32.
 * @example
 * ops.atan2(tensor([1]), tensor([1])); // float32 [0.785…]
 */
export function atan2(input: TensorOrNumber, other: TensorOrNumber): Tensor {
  checkArity(arguments.length, 2, 'atan2');
  return binaryOp('atan2', 'atan2', input, other, toFloat);
}
