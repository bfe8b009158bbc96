/**
 * Tracing a network for export, and finding which dimensions follow the batch size: the network
 * is traced (with `jit`'s `lower`, in inference mode) at two batch sizes; where both graphs have
 * the same nodes and attributes, every dimension is an affine function `k·batch + c` of the batch
 * size, read off the two traces. Where they differ (a shape fixed in the code, a loop over the
 * batch), the batch size cannot be left open.
 */
import { type Graph, jit, type OutputTemplate } from '@mindts/jit';
import { Tensor, tensor } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { OnnxExportError } from './errors.js';
import { type Dim, fixed } from './onnxGraph.js';

/**
 * What can be exported: a Cell (its `call`) or a function of tensors.
 * @example
 * const nets: Exportable[] = [new nn.Dense(4, 2), (x: Tensor) => ops.softmax(x)];
 */
export type Exportable = { call(...inputs: never[]): unknown } | ((...inputs: never[]) => unknown);

/** One traced graph; `release` frees the constants it holds. */
export interface TracedGraph {
  readonly graph: Graph;
  /** Every value's dimensions (all fixed unless the batch size is left open). */
  readonly dims: ReadonlyMap<number, readonly Dim[]>;
  release(): void;
}

interface CellLike {
  training: boolean;
  setTrain(mode: boolean): unknown;
  cellsAndNames(): Iterable<[string, CellLike]>;
}

function isCellLike(v: unknown): v is CellLike {
  const c = v as Partial<CellLike> | null;
  return typeof c === 'object' && c !== null && typeof c.setTrain === 'function' && typeof c.cellsAndNames === 'function';
}

/** Runs `body` with `net` (and every Cell in it) in inference mode, restoring each Cell's mode after. */
export function inInferenceMode<T>(net: Exportable, body: () => T): T {
  if (!isCellLike(net)) return body();
  const modes = [...net.cellsAndNames()].map(([, cell]) => [cell, cell.training] as const);
  net.setTrain(false);
  const restore = () => {
    for (const [cell, training] of modes) cell.training = training;
  };
  try {
    const out = body();
    if (out instanceof Promise) return out.finally(restore) as T;
    restore();
    return out;
  } catch (err) {
    restore();
    throw err;
  }
}

function callOf(net: Exportable): (...args: unknown[]) => unknown {
  return typeof net === 'function'
    ? (...args: unknown[]) => (net as (...a: unknown[]) => unknown)(...args)
    : (...args: unknown[]) => (net.call as (...a: unknown[]) => unknown).apply(net, args);
}

/** Traces `net(...args)` into a graph (after dead-code elimination and common subexpressions). */
export function traceGraph(net: Exportable, args: readonly unknown[], name: string): Graph & { release(): void } {
  const f = jit(callOf(net), { name, passes: { fold: false, fuse: false }, codegen: false });
  const { graph } = f.lower(...args);
  if (graph.effects.length > 0) {
    f.clear();
    const targets = graph.effects.map((e) => ('capture' in e.target ? `'${e.target.capture.name}'` : `input ${e.target.input}`));
    throw new OnnxExportError(
      `ONNX export traced a network that writes to ${targets.join(', ')} (an in-place update, e.g. BatchNorm statistics in training mode); an exported model is a pure function of its inputs.`,
    );
  }
  return Object.assign(graph, { release: () => f.clear() });
}

/** `args` with every tensor whose size along `axis` is `from` resized to `to` (rows repeated cyclically). */
function withBatch(args: readonly unknown[], axis: number, from: number, to: number, made: Tensor[]): unknown[] {
  const index = tensor(
    Int32Array.from({ length: to }, (_, i) => i % from),
    'int32',
  );
  made.push(index);
  const walk = (v: unknown, depth: number): unknown => {
    if (v instanceof Tensor) {
      if (v.shape.length <= axis || v.shape[axis] !== from) return v;
      const t = runKernel('Gather', [v, index], { axis });
      made.push(t);
      return t;
    }
    if (depth < 8 && Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    if (depth < 8 && typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, depth + 1)]));
    }
    return v;
  };
  return args.map((a) => walk(a, 0));
}

/** The traced graph with every dimension fixed, as traced. */
export function fixedTrace(net: Exportable, args: readonly unknown[], name: string): TracedGraph {
  const graph = traceGraph(net, args, name);
  const dims = new Map(graph.values.map((v) => [v.id, v.shape.map(fixed)] as const));
  return { graph, dims, release: graph.release };
}

const SHAPE_ATTRS: Readonly<Record<string, string>> = {
  Reshape: 'shape',
  Fill: 'shape',
  BroadcastTo: 'shape',
  Random: 'shape',
  StridedSlice: 'size',
  SliceUpdate: 'size',
};

function attrsKey(op: string, attrs: unknown): string {
  const drop = SHAPE_ATTRS[op];
  if (!drop || attrs === null || typeof attrs !== 'object') return JSON.stringify(attrs) ?? '';
  const { [drop]: _, ...rest } = attrs as Record<string, unknown>;
  return JSON.stringify(rest);
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

/** Why graphs `a` and `b` (traced at batch sizes `na` < `nb`) are not one graph, or their dimensions. */
async function compare(a: Graph, b: Graph, na: number, nb: number): Promise<string | Map<number, Dim[]>> {
  if (a.values.length !== b.values.length || a.nodes.length !== b.nodes.length) return 'the traced graph changes with the batch size';
  if (a.inputs.length !== b.inputs.length || a.captures.length !== b.captures.length || a.constants.length !== b.constants.length) {
    return 'the traced graph changes with the batch size';
  }
  if (templateKey(a.output) !== templateKey(b.output)) return 'the returned structure changes with the batch size';
  for (let i = 0; i < a.captures.length; i++) {
    if (a.captures[i]?.tensor !== b.captures[i]?.tensor) return 'the network reads different tensors at different batch sizes';
  }
  for (let i = 0; i < a.nodes.length; i++) {
    const x = a.nodes[i] as Graph['nodes'][number];
    const y = b.nodes[i] as Graph['nodes'][number];
    if (
      x.op !== y.op ||
      x.output !== y.output ||
      x.inputs.join() !== y.inputs.join() ||
      attrsKey(x.op, x.attrs) !== attrsKey(y.op, y.attrs)
    ) {
      return `the ${x.op} op at step ${i} changes with the batch size`;
    }
  }
  const dims = new Map<number, Dim[]>();
  for (const va of a.values) {
    const vb = b.values[va.id] as Graph['values'][number];
    if (va.kind !== vb.kind || va.dtype !== vb.dtype || va.shape.length !== vb.shape.length)
      return 'the traced graph changes with the batch size';
    dims.set(
      va.id,
      va.shape.map((d, i) => {
        const k = ((vb.shape[i] as number) - d) / (nb - na);
        return { k, c: d - k * na };
      }),
    );
  }
  for (let i = 0; i < a.constants.length; i++) {
    const ca = a.constants[i] as Graph['constants'][number];
    const cb = b.constants[i] as Graph['constants'][number];
    if (ca.tensor.shape.join() !== cb.tensor.shape.join()) return 'a constant built inside the network changes size with the batch size';
    const [da, db] = await Promise.all([ca.tensor.data(), cb.tensor.data()]);
    if (da.some((v, j) => !Object.is(v, db[j]))) return 'a constant built inside the network changes with the batch size';
  }
  return dims;
}

/**
 * Traces `net` with the batch size (the size of `axis` in the first input tensor) left open, or
 * says why it cannot be.
 * @example
 * const traced = await batchTrace(net, [x], 0, 'Net');
 * if (typeof traced === 'string') console.log(`fixed batch: ${traced}`);
 */
export async function batchTrace(net: Exportable, args: readonly unknown[], axis: number, name: string): Promise<TracedGraph | string> {
  const first = findFirstTensor(args);
  if (!first || first.shape.length <= axis) return `the first input has no axis ${axis}`;
  const n = first.shape[axis] as number;
  if (n === 0) return 'the batch is empty';
  // Two sizes of at least 2, so that no batch-sized axis is mistaken for a broadcast one.
  const na = Math.max(n, 2);
  const made: Tensor[] = [];
  let ga: (Graph & { release(): void }) | undefined;
  let gb: (Graph & { release(): void }) | undefined;
  try {
    for (const [size, keep] of [
      [na, true],
      [na + 1, false],
    ] as const) {
      try {
        const traced = traceGraph(net, size === n ? args : withBatch(args, axis, n, size, made), name);
        if (keep) ga = traced;
        else gb = traced;
      } catch (err) {
        // The network runs at its traced size only (the caller's fixed-size trace says so if it does not).
        ga?.release();
        return `at batch size ${size} it fails (${(err as Error).message})`;
      }
    }
    if (!ga || !gb) throw new OnnxExportError('internal: a batch trace is missing');
    const dims = await compare(ga, gb, na, na + 1);
    if (typeof dims === 'string') {
      ga.release();
      return dims;
    }
    const graph = ga;
    return { graph, dims, release: graph.release };
  } catch (err) {
    ga?.release();
    throw err;
  } finally {
    gb?.release();
    for (const t of made) t.dispose();
  }
}

function findFirstTensor(v: unknown, depth = 0): Tensor | undefined {
  if (v instanceof Tensor) return v;
  if (depth > 8) return undefined;
  const items = Array.isArray(v)
    ? v
    : typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype
      ? Object.values(v)
      : [];
  for (const x of items) {
    const t = findFirstTensor(x, depth + 1);
    if (t) return t;
  }
  return undefined;
}
