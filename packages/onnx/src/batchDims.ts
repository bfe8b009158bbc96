/**
 * Which sizes follow the batch: three traces of one network at batch sizes n, n+1 and n+2 must
 * be one graph (same nodes, inputs and attributes but for sizes); each dimension, and each Fill
 * value that changes (a batch size used in index arithmetic), is then read off the first two as
 * `k·batch + c` and must hold at the third.
 */
import type { Graph, Node, OutputTemplate } from '@mindts/jit';
import type { Dim } from './onnxGraph.js';

/** The attribute that holds a size, per primitive (it follows the output's dimensions). */
const SHAPE_ATTRS: Readonly<Record<string, readonly string[]>> = {
  Reshape: ['shape'],
  Fill: ['shape', 'value'],
  BroadcastTo: ['shape'],
  Random: ['shape'],
  StridedSlice: ['size'],
  SliceUpdate: ['size'],
};

function attrsKey(op: string, attrs: unknown): string {
  const drop = SHAPE_ATTRS[op];
  if (!drop || attrs === null || typeof attrs !== 'object') return JSON.stringify(attrs) ?? '';
  return JSON.stringify(Object.fromEntries(Object.entries(attrs as Record<string, unknown>).filter(([k]) => !drop.includes(k))));
}

function templateKey(t: OutputTemplate): string {
  switch (t.kind) {
    case 'value':
      return `%${t.value}`;
    case 'same':
      return 'capture' in t.target ? `capture ${t.target.capture.value}` : `input ${t.target.input}`;
    case 'array':
      return `[${t.items.map(templateKey).join(',')}]`;
    case 'object':
      return `{${t.entries.map(([k, v]) => `${k}:${templateKey(v)}`).join(',')}}`;
    default:
      return JSON.stringify(t.value) ?? String(t.value);
  }
}

/** Why `b` is not the same graph as `a`, or undefined. */
function structureDiffers(a: Graph, b: Graph): string | undefined {
  const changes = 'the traced graph changes with the batch size';
  if (a.values.length !== b.values.length || a.nodes.length !== b.nodes.length || a.inputs.length !== b.inputs.length) return changes;
  if (a.captures.length !== b.captures.length || a.constants.length !== b.constants.length) return changes;
  if (templateKey(a.output) !== templateKey(b.output)) return 'the returned structure changes with the batch size';
  for (let i = 0; i < a.captures.length; i++) {
    if (a.captures[i]?.tensor !== b.captures[i]?.tensor) return 'the network reads different tensors at different batch sizes';
  }
  for (let i = 0; i < a.nodes.length; i++) {
    const x = a.nodes[i] as Node;
    const y = b.nodes[i] as Node;
    if (
      x.op !== y.op ||
      x.output !== y.output ||
      x.inputs.join() !== y.inputs.join() ||
      attrsKey(x.op, x.attrs) !== attrsKey(y.op, y.attrs)
    ) {
      return `the ${x.op} op at step ${i} changes with the batch size`;
    }
  }
  for (const va of a.values) {
    const vb = b.values[va.id] as Graph['values'][number];
    if (va.kind !== vb.kind || va.dtype !== vb.dtype || va.shape.length !== vb.shape.length) return changes;
  }
  return undefined;
}

/** `k·n + c` through (n0, v0) and (n1, v1), if it also passes through (n2, v2) and has integer coefficients. */
function affine(n: readonly number[], v: readonly number[]): Dim | undefined {
  const [n0, n1, n2] = n as [number, number, number];
  const [v0, v1, v2] = v as [number, number, number];
  const k = (v1 - v0) / (n1 - n0);
  const c = v0 - k * n0;
  return Number.isInteger(k) && Number.isInteger(c) && k * n2 + c === v2 ? { k, c } : undefined;
}

/** What {@link batchDims} found: every value's dimensions, and the Fill values that follow the batch. */
export interface BatchDims {
  readonly dims: Map<number, Dim[]>;
  readonly fillValues: Map<number, Dim>;
}

/**
 * The dimensions of `graphs[0]`'s values as functions of the batch size, from three traces at
 * `sizes`; or why the batch size cannot be left open.
 * @example
 * const found = await batchDims([g2, g3, g4], [2, 3, 4]);
 * if (typeof found !== 'string') found.dims.get(0); // [{ k: 1, c: 0 }, { k: 0, c: 784 }]
 */
export async function batchDims(graphs: readonly [Graph, Graph, Graph], sizes: readonly number[]): Promise<BatchDims | string> {
  const [a, ...others] = graphs;
  for (const b of others) {
    const why = structureDiffers(a, b);
    if (why) return why;
  }
  const dims = new Map<number, Dim[]>();
  for (const va of a.values) {
    const row: Dim[] = [];
    for (let i = 0; i < va.shape.length; i++) {
      const d = affine(
        sizes,
        graphs.map((g) => g.values[va.id]?.shape[i] as number),
      );
      if (!d) return 'a size grows faster than the batch size';
      row.push(d);
    }
    dims.set(va.id, row);
  }
  const fillValues = new Map<number, Dim>();
  a.nodes.forEach((node, i) => {
    if (node.op !== 'Fill') return;
    const values = graphs.map((g) => ((g.nodes[i] as Node).attrs as { value: number }).value);
    if (values[0] === values[1] && values[0] === values[2]) return;
    const d = affine(sizes, values);
    // Recorded as NaN when not a whole affine function: reported below.
    fillValues.set(node.output, d ?? { k: Number.NaN, c: Number.NaN });
  });
  if ([...fillValues.values()].some((d) => Number.isNaN(d.k))) return 'a value computed from the batch size is not a whole multiple of it';
  for (let i = 0; i < a.constants.length; i++) {
    const data = await Promise.all(graphs.map((g) => (g.constants[i] as Graph['constants'][number]).tensor.data()));
    const [first, ...rest] = data as unknown as [ArrayLike<number>, ...ArrayLike<number>[]];
    for (const other of rest) {
      if (other.length !== first.length || Array.prototype.some.call(first, (v: number, j: number) => !Object.is(v, other[j]))) {
        return 'a constant built inside the network changes with the batch size';
      }
    }
  }
  return { dims, fillValues };
}
