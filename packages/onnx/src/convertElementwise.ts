/**
 * ONNX translations of the elementwise primitives: Unary, Binary, Where and Cast. Where ONNX
 * (opset 17) has no operator of the same meaning, the translation composes a few (GELU in its
 * exact erf form, `rsqrt`, `expm1`, NumPy's floor division and modulo).
 */
import type { BinaryOp, UnaryOp } from '@mindts/tensor/backend';
import { type ConvertContext, type Converter, isFloat, unsupported } from './convertContext.js';
import { attr } from './onnxGraph.js';
import { ONNX_DTYPE } from './onnxProto.js';

/** Unary ops that are one ONNX operator of the same name and meaning. */
const SAME_UNARY: Partial<Record<UnaryOp, string>> = {
  neg: 'Neg',
  abs: 'Abs',
  sign: 'Sign',
  exp: 'Exp',
  log: 'Log',
  sqrt: 'Sqrt',
  reciprocal: 'Reciprocal',
  sin: 'Sin',
  cos: 'Cos',
  tan: 'Tan',
  tanh: 'Tanh',
  sigmoid: 'Sigmoid',
  relu: 'Relu',
  softplus: 'Softplus',
  erf: 'Erf',
  logicalNot: 'Not',
};

/** Binary ops that are one ONNX operator (on non-bool inputs). */
const SAME_BINARY: Partial<Record<BinaryOp, string>> = {
  add: 'Add',
  sub: 'Sub',
  mul: 'Mul',
  div: 'Div',
  pow: 'Pow',
  maximum: 'Max',
  minimum: 'Min',
  equal: 'Equal',
  less: 'Less',
  lessEqual: 'LessOrEqual',
  greater: 'Greater',
  greaterEqual: 'GreaterOrEqual',
};

/** On bool inputs, the arithmetic ops are logic. */
const BOOL_BINARY: Partial<Record<BinaryOp, string>> = { add: 'Or', mul: 'And', maximum: 'Or', minimum: 'And' };

const LOGICAL: Partial<Record<BinaryOp, string>> = { logicalAnd: 'And', logicalOr: 'Or', logicalXor: 'Xor' };

function unary(c: ConvertContext): undefined {
  const op = (c.node.attrs as { op: UnaryOp }).op;
  const { g, out } = c;
  const x = c.inputs[0] as string;
  const dtype = c.dtype(0);
  const one = () => g.constant([1], dtype, []);
  const same = SAME_UNARY[op];
  if (same) {
    g.op(same, [x], {}, out);
    return;
  }
  switch (op) {
    case 'floor':
    case 'ceil':
    case 'round':
      // Integers are already whole; ONNX's Round rounds half to even, as mindts does.
      g.op(isFloat(dtype) ? { floor: 'Floor', ceil: 'Ceil', round: 'Round' }[op] : 'Identity', [x], {}, out);
      return;
    case 'expm1':
      g.op('Sub', [g.op('Exp', [x]), one()], {}, out);
      return;
    case 'log1p':
      g.op('Log', [g.op('Add', [x, one()])], {}, out);
      return;
    case 'rsqrt':
      g.op('Reciprocal', [g.op('Sqrt', [x])], {}, out);
      return;
    case 'square':
      g.op('Mul', [x, x], {}, out);
      return;
    case 'gelu': {
      // The exact GELU, 0.5·x·(1 + erf(x/√2)) (opset 17 has no Gelu operator).
      const erf = g.op('Erf', [g.op('Mul', [x, g.constant([Math.SQRT1_2], dtype, [])])]);
      g.op('Mul', [g.op('Mul', [x, g.constant([0.5], dtype, [])]), g.op('Add', [erf, one()])], {}, out);
      return;
    }
    case 'isNaN':
      if (isFloat(dtype)) g.op('IsNaN', [x], {}, out);
      else g.op('Not', [g.op('Equal', [x, x])], {}, out);
      return;
    case 'isFinite': {
      if (!isFloat(dtype)) {
        g.op('Equal', [x, x], {}, out);
        return;
      }
      // IsInf takes float32 and float64 only.
      const wide = dtype === 'float16' ? g.op('Cast', [x], { to: attr.int(ONNX_DTYPE.float32) }) : x;
      g.op('Not', [g.op('Or', [g.op('IsNaN', [wide]), g.op('IsInf', [wide])])], {}, out);
      return;
    }
    default:
      throw unsupported(c.node);
  }
}

function binary(c: ConvertContext): undefined {
  const op = (c.node.attrs as { op: BinaryOp }).op;
  const { g, out } = c;
  const [a, b] = c.inputs as [string, string];
  const dtype = c.dtype(0);
  if (dtype === 'bool' && BOOL_BINARY[op]) {
    g.op(BOOL_BINARY[op] as string, [a, b], {}, out);
    return;
  }
  const logical = LOGICAL[op];
  if (logical) {
    const asBool = (v: string) => (dtype === 'bool' ? v : g.op('Cast', [v], { to: attr.int(ONNX_DTYPE.bool) }));
    g.op(logical, [asBool(a), asBool(b)], {}, out);
    return;
  }
  const same = SAME_BINARY[op];
  if (same) {
    g.op(same, [a, b], {}, out);
    return;
  }
  switch (op) {
    case 'notEqual':
      g.op('Not', [g.op('Equal', [a, b])], {}, out);
      return;
    case 'floorDiv':
      if (isFloat(dtype)) g.op('Floor', [g.op('Div', [a, b])], {}, out);
      // a − mod(a, b) is a multiple of b, so the truncating Div is exact.
      else g.op('Div', [g.op('Sub', [a, g.op('Mod', [a, b], { fmod: attr.int(0) })]), b], {}, out);
      return;
    case 'mod':
      // NumPy's modulo: the remainder takes the divisor's sign.
      if (isFloat(dtype)) g.op('Sub', [a, g.op('Mul', [g.op('Floor', [g.op('Div', [a, b])]), b])], {}, out);
      else g.op('Mod', [a, b], { fmod: attr.int(0) }, out);
      return;
    default:
      throw unsupported(c.node);
  }
}

/**
 * The elementwise primitives' translations, by primitive name.
 * @example
 * ELEMENTWISE_CONVERTERS.Unary?.(context); // writes Relu, Exp, … for the node in `context`
 */
export const ELEMENTWISE_CONVERTERS: Readonly<Record<string, Converter>> = {
  Unary: unary,
  Binary: binary,
  Where: (c) => void c.g.op('Where', c.inputs, {}, c.out),
  Cast: (c) => void c.g.op('Cast', c.inputs, { to: attr.int(ONNX_DTYPE[c.outDType]) }, c.out),
};
