/**
 * `Unary` as a gpu.js kernel: one expression template per op, in float32.
 */
import { unaryFunction } from '@mindts/backend-cpu';
import { BOOL_UNARY_OPS, type KernelFunc, type UnaryOp } from '@mindts/tensor/backend';
import type { GpujsBackend } from '../gpujsBackend.js';
import { elementReads, elementwiseSource, isFiniteFlag, isNaNFlag, shapeKey } from './source.js';

/**
 * erf by Abramowitz & Stegun 7.1.26 (|error| ≤ 1.5e-7, below float32's resolution near 1).
 * Statements leaving `erf(z)` in `e`.
 */
const ERF = (z: string) => `let ez = ${z};
  let ea = Math.abs(ez);
  let et = 1.0 / (1.0 + 0.3275911 * ea);
  let ep = ((((1.061405429 * et - 1.453152027) * et + 1.421413741) * et - 0.284496736) * et + 0.254829592) * et;
  let e = 1.0 - ep * Math.exp(-ea * ea);
  if (ez < 0.0) { e = -e; }`;

/**
 * sin/cos/tan by reduction to r ∈ [−π/4, π/4] (Cody–Waite: π/2 split into three parts whose
 * products with the quadrant k are exact in float32 up to |x| ≈ 1e5) and Cephes' sinf/cosf
 * polynomials: GLSL's built-ins are low-precision approximations on some GPUs and SwiftShader
 * (cos off by 1.4e-4), so every mode computes these the same way. Leaves s = sin(r), c = cos(r)
 * and the quadrant q ∈ {0, 1, 2, 3}.
 */
const TRIG = `let k = Math.floor(v * 0.6366197723675814 + 0.5);
  let r = ((v - k * 1.5703125) - k * 0.00048375129699707031) - k * 7.5497899548918821e-8;
  let q = k - 4.0 * Math.floor(k * 0.25);
  let z = r * r;
  let s = ((-0.00019515295891 * z + 0.0083321608736) * z - 0.16666654611) * z * r + r;
  let c = ((0.00002443315711809948 * z - 0.001388731625493765) * z + 0.04166664568298827) * z * z - 0.5 * z + 1.0;`;

/**
 * Statements computing `y` from `v` per op. expm1/log1p use a Taylor series near 0, where the
 * float32 `exp(v) − 1` would lose the leading digits; round is half-to-even like NumPy.
 */
export const BODY: Record<UnaryOp, string> = {
  neg: 'let y = -v;',
  abs: 'let y = Math.abs(v);',
  sign: 'let y = v;\n  if (v > 0.0) { y = 1.0; }\n  if (v < 0.0) { y = -1.0; }',
  exp: 'let y = Math.exp(v);',
  expm1:
    'let y = Math.exp(v) - 1.0;\n  if (Math.abs(v) < 0.01) { y = v * (1.0 + v * (0.5 + v * (0.16666666666666666 + v * 0.041666666666666664))); }',
  // log(0) is −∞ (some GL implementations return about −88, the log of the smallest float);
  // −1/|v| makes it at run time: WGSL rejects a constant division by zero.
  log: 'let y = Math.log(v);\n  if (v == 0.0) { y = -1.0 / Math.abs(v); }',
  log1p:
    'let y = Math.log(1.0 + v);\n  if (Math.abs(v) < 0.01) { y = v * (1.0 - v * (0.5 - v * (0.3333333333333333 - v * 0.25))); }\n  if (v == -1.0) { y = -1.0 / Math.abs(v + 1.0); }',
  sqrt: 'let y = Math.sqrt(v);',
  rsqrt: 'let y = 1.0 / Math.sqrt(v);',
  square: 'let y = v * v;',
  reciprocal: 'let y = 1.0 / v;',
  sin: `${TRIG}\n  let y = s;\n  if (q == 1.0) { y = c; }\n  if (q == 2.0) { y = -s; }\n  if (q == 3.0) { y = -c; }`,
  cos: `${TRIG}\n  let y = c;\n  if (q == 1.0) { y = -s; }\n  if (q == 2.0) { y = -c; }\n  if (q == 3.0) { y = s; }`,
  tan: `${TRIG}\n  let y = s / c;\n  if (q == 1.0 || q == 3.0) { y = -c / s; }`,
  // Through e^(−2|v|), which cannot overflow (GLSL's tanh gives NaN at |v| = 100 on SwiftShader).
  tanh: 'let t = Math.exp(-2.0 * Math.abs(v));\n  let y = (1.0 - t) / (1.0 + t);\n  if (Math.abs(v) < 0.01) { y = Math.abs(v) * (1.0 - v * v * (0.3333333333333333 - v * v * 0.13333333333333333)); }\n  if (v < 0.0) { y = -y; }',
  sigmoid: 'let y = 0.0;\n  if (v >= 0.0) { y = 1.0 / (1.0 + Math.exp(-v)); } else { let ex = Math.exp(v); y = ex / (1.0 + ex); }',
  // NaN passes through; some GL compilers treat `NaN <= 0` as true, so it is restored explicitly.
  relu: `let y = v;\n  if (v <= 0.0) { y = 0.0; }\n  ${isNaNFlag('v', 'nan')}\n  if (nan > 0.0) { y = v; }`,
  gelu: `${ERF('v * 0.7071067811865476')}\n  let y = 0.5 * v * (1.0 + e);`,
  softplus: 'let y = Math.log(1.0 + Math.exp(-Math.abs(v))) + Math.max(v, 0.0);',
  erf: `${ERF('v')}\n  let y = e;`,
  floor: 'let y = Math.floor(v);',
  ceil: 'let y = Math.ceil(v);',
  round: `let f = Math.floor(v);\n  let d = v - f;\n  let y = f;\n  let odd = f - 2.0 * Math.floor(f * 0.5);\n  if (d > 0.5) { y = f + 1.0; }\n  if (d == 0.5 && odd != 0.0) { y = f + 1.0; }\n  ${isNaNFlag('v', 'nan')}\n  if (nan > 0.0) { y = v; }`,
  logicalNot: 'let y = 0.0;\n  if (v == 0.0) { y = 1.0; }',
  isNaN: `${isNaNFlag('v', 'y')}`,
  isFinite: `${isFiniteFlag('v', 'fin')}\n  let y = fin;`,
};

/**
 * gpu.js kernel of `Unary` for float32 and bool (as 0/1, where the float formula of every op
 * bool accepts maps {0, 1} into itself); other dtypes run on the CPU backend.
 * @example
 * runKernel('Unary', [x], { op: 'gelu' });
 */
export const unary: KernelFunc<'Unary', GpujsBackend> = (backend, inputs, attrs) => {
  const [x] = inputs;
  const { op } = attrs;
  unaryFunction(op, x.dtype); // the CPU backend's checks and errors
  const dtype = BOOL_UNARY_OPS.has(op) ? 'bool' : x.dtype;
  const lanes = backend.lanesFor(x.shape);
  const reads = elementReads(['a'], [x.shape], x.shape, 'this.thread.x', backend.directReads && !lanes);
  return backend.launch('Unary', inputs, attrs, {
    key: `${op}|${x.dtype}|${shapeKey(x.shape)}`,
    shape: x.shape,
    dtype,
    ...(lanes ? { lanes } : {}),
    ...(reads.natives.length ? { natives: reads.natives } : {}),
    // One-wide, `reads` names the element; four-wide, each lane reads its own flat index.
    source: () =>
      elementwiseSource(['a'], (flat) => `let v = ${reads.natives.length ? reads.read[0] : `a[${flat}]`};\n  ${BODY[op]}`, lanes),
  });
};
