/**
 * Builds the ONNX graph an export writes: fresh value names, nodes, initializers (weights and
 * small constants, shared when equal), and the int64 shape vectors that Reshape, Expand, Slice
 * and ConstantOfShape read — computed at run time from the input's batch size where a
 * dimension depends on it.
 */
import type { DType } from '@mindts/tensor';
import { encodeFloat16 } from '@mindts/tensor/backend';
import { OnnxExportError } from './errors.js';
import type { OnnxAttr, OnnxNode, OnnxTensor } from './onnxProto.js';

/**
 * A dimension as an affine function of the batch size: `k·batch + c` (`k = 0`: a fixed size).
 * @example
 * const rows: Dim = { k: 5, c: 0 }; // 5 rows per example, e.g. [batch·seq, features] after a reshape
 */
export interface Dim {
  readonly k: number;
  readonly c: number;
}

/** A fixed-size dimension. */
export function fixed(c: number): Dim {
  return { k: 0, c };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The little-endian bytes ONNX stores `values` of `dtype` as (bool: one byte an element). */
export function rawBytes(values: ArrayLike<number>, dtype: DType): Uint8Array {
  if (!LITTLE_ENDIAN) throw new OnnxExportError('ONNX export needs a little-endian host (ONNX stores raw data little-endian).');
  let typed: ArrayBufferView;
  switch (dtype) {
    case 'float32':
      typed = Float32Array.from(values);
      break;
    case 'float64':
      typed = Float64Array.from(values);
      break;
    case 'float16':
      typed = encodeFloat16(values);
      break;
    case 'int64':
      typed = BigInt64Array.from(Array.from(values, (v) => BigInt(Math.trunc(v))));
      break;
    case 'int32':
      typed = Int32Array.from(values);
      break;
    case 'int16':
      typed = Int16Array.from(values);
      break;
    case 'int8':
      typed = Int8Array.from(values);
      break;
    case 'bool':
      typed = Uint8Array.from(values, (v) => (v !== 0 ? 1 : 0));
      break;
    default:
      typed = Uint8Array.from(values);
  }
  return new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength);
}

/** Attribute helpers. */
export const attr = {
  int: (value: number | bigint): OnnxAttr => ({ kind: 'int', value }),
  ints: (value: readonly (number | bigint)[]): OnnxAttr => ({ kind: 'ints', value }),
  float: (value: number): OnnxAttr => ({ kind: 'float', value }),
  tensor: (value: OnnxTensor): OnnxAttr => ({ kind: 'tensor', value }),
};

/** The largest and smallest int64, for Slice ends that mean "to the end" / "to the start". */
export const INT64_MAX = 2n ** 63n - 1n;
export const INT64_MIN = -(2n ** 63n);

/**
 * Nodes and initializers of the graph being written.
 * @example
 * const g = new OnnxGraphBuilder({ name: 'input', axis: 0 });
 * const y = g.op('Relu', ['input']);
 */
export class OnnxGraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly used = new Set<string>();
  private readonly shared = new Map<string, string>();
  private batchName: string | undefined;

  /** `batch`: the graph input and axis the batch size is read from (null: every size is fixed). */
  constructor(private readonly batch: { readonly name: string; readonly axis: number } | null) {}

  /** Reserves `name` (a graph input or a Parameter's name), or a variant of it when taken. */
  fresh(name: string): string {
    let out = name;
    for (let i = 1; this.used.has(out); i++) out = `${name}_${i}`;
    this.used.add(out);
    return out;
  }

  /** Adds a node with one output (named `out`, or a fresh name) and returns that name. */
  op(type: string, inputs: readonly string[], attrs: Record<string, OnnxAttr> = {}, out?: string): string {
    const output = out ?? this.fresh(`${type.toLowerCase()}_${this.nodes.length}`);
    this.nodes.push({ op: type, inputs, outputs: [output], name: `${type}_${this.nodes.length}`, attrs });
    return output;
  }

  /** Adds an initializer named after `name` (a variant when taken) and returns its name. */
  initializer(name: string, dtype: DType, dims: readonly number[], raw: Uint8Array): string {
    const unique = this.fresh(name);
    this.initializers.push({ name: unique, dtype, dims: [...dims], raw });
    return unique;
  }

  /** A small constant, shared by every node that needs the same one. */
  constant(values: readonly number[], dtype: DType, dims: readonly number[] = [values.length]): string {
    const key = `${dtype}[${dims}]:${values.join(',')}`;
    let name = this.shared.get(key);
    if (name === undefined) {
      name = this.initializer(`const_${this.shared.size}`, dtype, dims, rawBytes(values, dtype));
      this.shared.set(key, name);
    }
    return name;
  }

  /** An int64 vector constant (values may be bigints: the int64 limits). */
  int64s(values: readonly (number | bigint)[]): string {
    const key = `int64s:${values.join(',')}`;
    let name = this.shared.get(key);
    if (name === undefined) {
      const typed = BigInt64Array.from(values, (v) => BigInt(v));
      name = this.initializer(`const_${this.shared.size}`, 'int64', [values.length], new Uint8Array(typed.buffer));
      this.shared.set(key, name);
    }
    return name;
  }

  /** The batch size at run time, as an int64 tensor of shape [1]. */
  batchSize(): string {
    if (!this.batch) throw new OnnxExportError('internal: a batch-dependent size in a graph exported with fixed sizes');
    this.batchName ??= this.op('Shape', [this.batch.name], { start: attr.int(this.batch.axis), end: attr.int(this.batch.axis + 1) });
    return this.batchName;
  }

  /** An int64 vector of `dims`: a constant when every one is fixed, else computed from the batch size. */
  vector(dims: readonly Dim[]): string {
    if (dims.every((d) => d.k === 0)) return this.int64s(dims.map((d) => d.c));
    const key = `vector:${dims.map((d) => `${d.k}b+${d.c}`).join(',')}`;
    const known = this.shared.get(key);
    if (known !== undefined) return known;
    const parts: string[] = [];
    for (const d of dims) {
      if (d.k === 0) {
        parts.push(this.int64s([d.c]));
        continue;
      }
      let v = this.batchSize();
      if (d.k !== 1) v = this.op('Mul', [v, this.int64s([d.k])]);
      if (d.c !== 0) v = this.op('Add', [v, this.int64s([d.c])]);
      parts.push(v);
    }
    const name = parts.length === 1 ? (parts[0] as string) : this.op('Concat', parts, { axis: attr.int(0) });
    this.shared.set(key, name);
    return name;
  }
}
