/**
 * What `Cell.toFloat` (MindSpore `Cell.to_float`) and `amp.autoMixedPrecision` do when a Cell
 * runs: inside `call`, float Tensor inputs are cast to the Cell's compute dtype, and every
 * trainable float Parameter read through a Cell while it runs is used as a cast copy (cast once
 * per call); the Parameter itself keeps its dtype and value (the float32 master weight the
 * optimizer updates). The cast is an op on the gradient tape, so the gradient reaching the
 * Parameter is in the Parameter's own dtype. Parameters without `requiresGrad` (BatchNorm's moving
 * statistics) are not cast: they are updated in place with `ops.assign`, which a copy would
 * silently swallow.
 */
import * as ops from '@mindts/ops';
import { Parameter } from '@mindts/parameter';
import { isFloat, Tensor, tidy } from '@mindts/tensor';
import { type CellState, typeName } from './cellState.js';

/** The float dtypes a Cell can compute in. */
export type ComputeDType = 'float16' | 'float32';

/** The accepted compute dtypes, in the order error messages list them. */
export const COMPUTE_DTYPES: readonly ComputeDType[] = ['float16', 'float32'];

/** One running mixed-precision `call`: its dtype and the Parameters it has cast so far. */
interface Scope {
  readonly dtype: ComputeDType;
  readonly casts: Map<Parameter, Tensor>;
}

const scopes: Scope[] = [];

/**
 * The value a Cell property read gives while a mixed-precision `call` runs: a trainable float
 * Parameter of another dtype becomes its cast copy; anything else is returned as it is.
 */
export function readProperty(value: unknown): unknown {
  const scope = scopes.length === 0 ? undefined : scopes[scopes.length - 1];
  if (scope === undefined || !(value instanceof Parameter)) return value;
  if (!value.requiresGrad || value.dtype === scope.dtype || !isFloat(value.dtype)) return value;
  let cast = scope.casts.get(value);
  if (cast === undefined) {
    cast = ops.cast(value, scope.dtype);
    scope.casts.set(value, cast);
  }
  return cast;
}

/** `x` cast to `dtype` if it is a float Tensor of another dtype (one level into arrays). */
function castFloats(x: unknown, dtype: ComputeDType): unknown {
  if (x instanceof Tensor) return isFloat(x.dtype) && x.dtype !== dtype ? ops.cast(x, dtype) : x;
  if (Array.isArray(x)) return x.map((v) => (v instanceof Tensor ? castFloats(v, dtype) : v));
  return x;
}

/** Checks a compute dtype argument (MindSpore `to_float`'s `dst_type`). */
export function checkComputeDType(dtype: unknown, where: string): ComputeDType {
  if (!COMPUTE_DTYPES.includes(dtype as ComputeDType)) {
    // MindSpore: "For 'to_float', the argument 'dst_type' should be float32, float16 or bfloat16, but got …"
    const shown = typeof dtype === 'string' ? `'${dtype}'` : typeName(dtype);
    throw new TypeError(`For '${where}', the argument 'dstType' should be 'float16' or 'float32', but got ${shown}.`);
  }
  return dtype as ComputeDType;
}

/**
 * Runs `construct` as the Cell's mixed-precision settings say: inputs cast to `computeDtype`,
 * Parameters used in it, outputs cast to `outputDtype`. Intermediates (the casts) are freed;
 * what the gradient tape needs it keeps.
 */
export function runMixed(state: CellState, construct: (...inputs: unknown[]) => unknown, inputs: readonly unknown[]): unknown {
  const { computeDtype, outputDtype } = state;
  return tidy(() => {
    let out: unknown;
    if (computeDtype === undefined) {
      out = construct(...inputs);
    } else {
      const cast = inputs.map((x) => castFloats(x, computeDtype));
      scopes.push({ dtype: computeDtype, casts: new Map() });
      try {
        out = construct(...cast);
      } finally {
        scopes.pop();
      }
    }
    return (outputDtype === undefined ? out : castFloats(out, outputDtype)) as never;
  });
}
