/**
 * MindSpore's printed form of a tensor: `Tensor(shape=[2], dtype=Float32, value= [ 1.00000000e+00, …])`.
 */
import { checkArrayLike } from './argChecks.js';
import { assertDType, type DType, dtypeDisplayName, isFloat } from './dtype.js';
import { shapeString, sizeOf, validateShape } from './shape.js';

/** Tensors with more elements than this print with `...` (NumPy's default). */
const THRESHOLD = 1000;
/** Items kept at each edge of an elided axis. */
const EDGE = 3;

function formatFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const [mant, exp] = x.toExponential(8).split('e') as [string, string];
  const e = Number(exp);
  return `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** Shortest decimal that reads back as the same float32 (or float64) value. */
function formatScalarFloat(x: number, dtype: DType): string {
  if (!Number.isFinite(x)) return formatFloat(x);
  if (dtype === 'float64') return String(x);
  for (let p = 1; p <= 9; p++) {
    const s = Number(x.toPrecision(p));
    if (Math.fround(s) === Math.fround(x)) return String(s);
  }
  return String(x);
}

function element(x: number, dtype: DType): string {
  if (dtype === 'bool') return x ? 'True' : 'False';
  return isFloat(dtype) ? formatFloat(x) : String(x);
}

/** The checks `formatTensor` and `formatNumpy` share: values, a valid shape they fill, a dtype. */
export function checkValues(values: ArrayLike<number>, shape: readonly number[], dtype: DType, where: string): void {
  checkArrayLike(values, where, 'values');
  const size = sizeOf(validateShape(shape, `${where}: shape`));
  assertDType(dtype, `${where}: dtype`);
  if (values.length < size) {
    throw new RangeError(`${where}: values must hold the ${size} elements of shape ${shapeString(shape)}, but got ${values.length}.`);
  }
}

/**
 * Formats values as MindSpore prints a Tensor.
 * @example
 * formatTensor(new Int32Array([1, 2]), [2], 'int32'); // 'Tensor(shape=[2], dtype=Int32, value= [1, 2])'
 */
export function formatTensor(values: ArrayLike<number>, shape: readonly number[], dtype: DType): string {
  checkValues(values, shape, dtype, 'formatTensor');
  const head = `Tensor(shape=${shapeString(shape)}, dtype=${dtypeDisplayName(dtype)}, value=`;
  if (shape.length === 0) {
    const x = values[0] as number;
    return `${head} ${isFloat(dtype) ? formatScalarFloat(x, dtype) : element(x, dtype)})`;
  }
  const elide = sizeOf(shape) > THRESHOLD;
  const strs = new Map<number, string>();
  let width = 0;
  const visit = (axis: number, offset: number, stride: number, fn: (flat: number) => void): void => {
    const n = shape[axis] as number;
    const inner = stride / n;
    for (const i of indicesOf(n, elide)) {
      if (i < 0) continue;
      if (axis === shape.length - 1) fn(offset + i);
      else visit(axis + 1, offset + i * inner, inner, fn);
    }
  };
  visit(0, 0, sizeOf(shape), (flat) => {
    const s = element(values[flat] as number, dtype);
    strs.set(flat, s);
    width = Math.max(width, s.length);
  });
  // MindSpore leaves room for a sign in float columns; bools always take 'False''s width (NumPy pads ' True').
  const pad = isFloat(dtype)
    ? Math.max(width, ...[...strs.values()].map((s) => (s.startsWith('-') ? s.length : s.length + 1)))
    : dtype === 'bool'
      ? 5
      : width;
  const render = (axis: number, offset: number, stride: number, indent: string): string => {
    const n = shape[axis] as number;
    const inner = stride / n;
    const parts = indicesOf(n, elide).map((i) => {
      if (i < 0) return '...';
      if (axis === shape.length - 1) return (strs.get(offset + i) as string).padStart(pad);
      return render(axis + 1, offset + i * inner, inner, `${indent} `);
    });
    const sep = axis === shape.length - 1 ? ', ' : `,${'\n'.repeat(Math.max(1, shape.length - axis - 1))}${indent} `;
    return `[${parts.join(sep)}]`;
  };
  const body = render(0, 0, sizeOf(shape), '');
  return `${head}${shape.length > 1 ? '\n' : ' '}${body})`;
}

/** Indices shown along an axis of size n: all, or the edges with -1 marking `...`. */
function indicesOf(n: number, elide: boolean): number[] {
  if (!elide || n <= 2 * EDGE) return Array.from({ length: n }, (_, i) => i);
  return [...Array.from({ length: EDGE }, (_, i) => i), -1, ...Array.from({ length: EDGE }, (_, i) => n - EDGE + i)];
}
