/**
 * Tracing a network for export, and finding which dimensions follow the batch size: the network
 * is traced (with `jit`'s `lower`, in inference mode) at three batch sizes; where the graphs have
 * the same nodes and attributes, every dimension is an affine function `k·batch + c` of the batch
 * size, read off the traces (see batchDims.ts). Where they differ (a shape fixed in the code, a loop over the
 * batch), the batch size cannot be left open.
 */
import { type Graph, jit } from '@mindts/jit';
import { batchDims } from './batchDims.js';
import { Tensor, tensor } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { OnnxExportError } from './errors.js';
import { type Dim, fixed } from './onnxGraph.js';

/**
 * What can be exported: a Cell (its `call`) or a function of tensors.
 * @example
 * const nets: Exportable[] = [new nn.Dense(4, 2), (x: Tensor) => ops.softmax(x)];
 */
export type Exportable =
  | {
      /** Runs the network on its inputs (a Cell's `call`). */
      call(...inputs: never[]): unknown;
    }
  | ((...inputs: never[]) => unknown);

/** One traced graph; `release` frees the constants it holds. */
export interface TracedGraph {
  readonly graph: Graph;
  /** Every value's dimensions (all fixed unless the batch size is left open). */
  readonly dims: ReadonlyMap<number, readonly Dim[]>;
  /** The Fill nodes (by output value) whose fill value follows the batch size. */
  readonly fillValues: ReadonlyMap<number, Dim>;
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
export function traceGraph(net: Exportable, args: readonly unknown[], name: string, cse = true): Graph & { release(): void } {
  const f = jit(callOf(net), { name, passes: { cse, fold: false, fuse: false }, codegen: false });
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
  return { graph, dims, fillValues: new Map(), release: graph.release };
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
  // Sizes of at least 2, so that no batch-sized axis is mistaken for a broadcast one; the third
  // checks that every size read off the first two follows the batch size linearly.
  const na = Math.max(n, 2);
  const sizes = [na, na + 1, na + 2];
  const made: Tensor[] = [];
  const graphs: (Graph & { release(): void })[] = [];
  let kept = false;
  try {
    for (const size of sizes) {
      try {
        // No shared subexpressions here: two values equal at one batch size only (a batch size of 4
        // and a 4 in the model) must not become one node.
        graphs.push(traceGraph(net, size === n ? args : withBatch(args, axis, n, size, made), name, false));
      } catch (err) {
        // The network runs at its traced size only (the caller's fixed-size trace says so if it does not).
        return `at batch size ${size} it fails (${(err as Error).message})`;
      }
    }
    const [ga, gb, gc] = graphs as [Graph & { release(): void }, Graph, Graph];
    const found = await batchDims([ga, gb, gc], sizes);
    if (typeof found === 'string') return found;
    kept = true;
    return { graph: ga, dims: found.dims, fillValues: found.fillValues, release: ga.release };
  } finally {
    for (const [i, g] of graphs.entries()) if (i > 0 || !kept) g.release();
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
