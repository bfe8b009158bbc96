/**
 * NumPy's `str(array)` (array2string with its defaults: precision 8, `maxprec` float mode,
 * threshold 1000, edge items 3, line width 75), which is what MindSpore users see from
 * `print(t.asnumpy())`.
 */
import { type DType, isFloat } from './dtype.js';
import { checkValues } from './format.js';
import { sizeOf } from './shape.js';

const PRECISION = 8;
const THRESHOLD = 1000;
const EDGE = 3;
const LINE_WIDTH = 75;

/** Shortest decimal digits that read back as `x` in `dtype` (float16/32 are not float64). */
function shortest(x: number, dtype: DType): string {
  if (dtype === 'float64') return String(x);
  const bits = dtype === 'float16' ? 5 : 9;
  const same =
    dtype === 'float16'
      ? (a: number, b: number) => Math.abs(a - b) <= Math.abs(b) * 2 ** -12
      : (a: number, b: number) => Math.fround(a) === b;
  for (let p = 1; p < bits; p++) {
    const s = x.toPrecision(p);
    if (same(Number(s), x)) return s;
  }
  return x.toPrecision(bits);
}

/** Splits a decimal string into sign, digits and a decimal exponent: value = 0.d1d2… × 10^exp. */
function decompose(s: string): { neg: boolean; digits: string; exp: number } {
  const neg = s.startsWith('-');
  const body = neg ? s.slice(1) : s;
  const [mant = '', e = '0'] = body.split(/e/i);
  const [ip = '', fp = ''] = mant.split('.');
  let digits = (ip + fp).replace(/^0+/, '');
  const lead = (ip + fp).length - (ip + fp).replace(/^0+/, '').length;
  const exp = ip.length + Number(e) - lead;
  digits = digits.replace(/0+$/, '');
  return { neg, digits: digits || '0', exp: digits ? exp : 1 };
}

/** Positional digits of x, shortest-unique, at most PRECISION fractional digits, trailing zeros trimmed ('1.'). */
function positional(x: number, dtype: DType): [string, string] {
  let { neg, digits, exp } = decompose(shortest(x, dtype));
  if (digits.length - exp > PRECISION) ({ neg, digits, exp } = decompose(Math.abs(x).toFixed(PRECISION)));
  const int = exp > 0 ? digits.slice(0, exp).padEnd(exp, '0') : '0';
  const frac = exp >= 0 ? digits.slice(exp) : '0'.repeat(-exp) + digits;
  return [(neg && x !== 0 ? '-' : '') + int, frac.replace(/0+$/, '')];
}

/** Scientific digits of x: mantissa fraction digits and exponent, shortest-unique, at most PRECISION fractional digits. */
function scientific(x: number, dtype: DType): { int: string; frac: string; exp: number } {
  let { neg, digits, exp } = decompose(shortest(x, dtype));
  if (digits.length - 1 > PRECISION) ({ neg, digits, exp } = decompose(Math.abs(x).toExponential(PRECISION)));
  if (digits === '0') return { int: neg ? '-0' : '0', frac: '', exp: 0 };
  return { int: (neg ? '-' : '') + (digits[0] as string), frac: digits.slice(1), exp: exp - 1 };
}

/** Builds a formatter for one array's values, as NumPy's FloatingFormat/IntegerFormat/BoolFormat. */
function makeFormatter(values: number[], dtype: DType): (x: number) => string {
  if (dtype === 'bool') {
    // NumPy always pads ' True' to the width of 'False' (except in 0-d arrays).
    return (x) => (x ? ' True' : 'False');
  }
  if (!isFloat(dtype)) {
    const width = Math.max(0, ...values.map((v) => String(v).length));
    return (x) => String(x).padStart(width);
  }
  const finite = values.filter(Number.isFinite);
  const nonzero = finite.filter((v) => v !== 0).map(Math.abs);
  const max = nonzero.length ? Math.max(...nonzero) : 0;
  const min = nonzero.length ? Math.min(...nonzero) : 0;
  const expMode = nonzero.length > 0 && (max >= 1e8 || min < 1e-4 || max / min > 1000);
  const special = (x: number) => (Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf');
  if (expMode) {
    const parts = finite.map((v) => scientific(v, dtype));
    const prec = Math.max(0, ...parts.map((p) => p.frac.length));
    const padLeft = Math.max(...parts.map((p) => p.int.length));
    const expDigits = Math.max(2, ...parts.map((p) => String(Math.abs(p.exp)).length));
    const width = padLeft + 1 + prec + 2 + expDigits;
    return (x) => {
      if (!Number.isFinite(x)) return special(x).padStart(width);
      const p = scientific(x, dtype);
      const e = `e${p.exp < 0 ? '-' : '+'}${String(Math.abs(p.exp)).padStart(expDigits, '0')}`;
      return `${p.int.padStart(padLeft)}.${p.frac.padEnd(prec, '0')}${e}`;
    };
  }
  const parts = finite.map((v) => positional(v, dtype));
  let padLeft = Math.max(0, ...parts.map(([i]) => i.length));
  const padRight = Math.max(0, ...parts.map(([, f]) => f.length));
  if (finite.length !== values.length) {
    const inf = values.some((v) => v === Number.NEGATIVE_INFINITY) ? 4 : 3;
    padLeft = Math.max(padLeft, 3 - (padRight + 1), inf - (padRight + 1));
  }
  return (x) => {
    if (!Number.isFinite(x)) return special(x).padStart(padLeft + 1 + padRight);
    const [i, f] = positional(x, dtype);
    return `${i.padStart(padLeft)}.${f.padEnd(padRight)}`;
  };
}

/**
 * Formats values as NumPy's `str(array)` does.
 * @example
 * formatNumpy(new Float32Array([1, 2.5]), [2], 'float32'); // '[1.  2.5]'
 */
export function formatNumpy(values: ArrayLike<number>, shape: readonly number[], dtype: DType): string {
  checkValues(values, shape, dtype, 'formatNumpy');
  const elide = sizeOf(shape) > THRESHOLD;
  const shown = (n: number): number[] =>
    elide && n > 2 * EDGE ? [0, 1, 2, -1, n - 3, n - 2, n - 1] : Array.from({ length: n }, (_, i) => i);
  const visible: number[] = [];
  const collect = (axis: number, offset: number, stride: number): void => {
    if (axis === shape.length) return void visible.push(values[offset] as number);
    const inner = stride / (shape[axis] as number);
    for (const i of shown(shape[axis] as number)) if (i >= 0) collect(axis + 1, offset + i * inner, inner);
  };
  collect(0, 0, sizeOf(shape));
  const fmt = makeFormatter(visible, dtype);
  if (shape.length === 0) {
    const x = values[0] as number;
    if (!isFloat(dtype)) return dtype === 'bool' ? (x ? 'True' : 'False') : String(x);
    if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
    // A 0-d float prints like the scalar's repr: shortest digits, '2.0' not '2.'.
    const s = Number(shortest(x, dtype));
    return Number.isInteger(s) && Math.abs(s) < 1e16 ? s.toFixed(1) : String(s);
  }
  const render = (axis: number, offset: number, stride: number, indent: string): string => {
    const n = shape[axis] as number;
    const inner = stride / n;
    if (axis === shape.length - 1) {
      const words = shown(n).map((i) => (i < 0 ? '...' : fmt(values[offset + i] as number)));
      const lines: string[] = [];
      let line = '[';
      for (const [k, w] of words.entries()) {
        const piece = k === 0 ? w : ` ${w}`;
        if (k > 0 && line.length + piece.length + 1 > LINE_WIDTH - indent.length) {
          lines.push(line);
          line = ` ${w}`;
        } else line += piece;
      }
      lines.push(`${line}]`);
      return lines.join(`\n${indent}`);
    }
    const rows = shown(n).map((i) => (i < 0 ? '...' : render(axis + 1, offset + i * inner, inner, `${indent} `)));
    return `[${rows.join(`\n${'\n'.repeat(shape.length - axis - 2)}${indent} `)}]`;
  };
  return render(0, 0, sizeOf(shape), '');
}
