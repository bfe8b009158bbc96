/**
 * The optimisation passes, in order: common-subexpression sharing, dead-code elimination,
 * constant folding, fusion of elementwise chains, and reshapes that reuse their input's buffer.
 */
import type { DType } from '@mindts/tensor';
import { type ElementwiseProgram, type ElementwiseRef, type ElementwiseStep, shapesEqual } from '@mindts/tensor/backend';
import { type Effect, escapingValues, type Graph, type Node, type OutputTemplate, type Step, type Value } from './ir.js';

/**
 * Which passes run (all by default).
 * @example
 * jit(fn, { passes: { fuse: false } }); // every elementwise primitive as its own kernel
 */
export interface PassOptions {
  /** Dead-code elimination: drop nodes nothing returned or written depends on. */
  readonly dce?: boolean;
  /** Common-subexpression sharing: one node for identical (op, inputs, attributes). */
  readonly cse?: boolean;
  /** Constant folding: nodes of constants only are computed once, at compile time. */
  readonly fold?: boolean;
  /** Fusion of elementwise chains into one kernel each (where the backend can compile them). */
  readonly fuse?: boolean;
}

/**
 * What the passes made of a graph.
 * @example
 * const { folded, traced, fused } = f.stats().passes!; // what the passes did to the last compiled graph
 */
export interface Plan {
  /** The graph with shared subexpressions merged and dead nodes removed. */
  readonly graph: Graph;
  /** Nodes to run once at compile time (inputs are constants only), in order. */
  readonly folded: readonly Node[];
  /** What runs on every call, in order. */
  readonly steps: readonly Step[];
  readonly counts: {
    readonly traced: number;
    readonly copies: number;
    readonly shared: number;
    readonly dead: number;
    readonly folded: number;
    readonly fused: number;
  };
}

const ELEMENTWISE = new Set(['Unary', 'Binary', 'Where', 'Cast']);
/** dtypes a fused program does not take (no exact host form). */
const UNFUSED_DTYPES = new Set<DType>(['float16', 'int64']);

function mapTemplate(t: OutputTemplate, f: (v: number) => number): OutputTemplate {
  switch (t.kind) {
    case 'value':
      return { kind: 'value', value: f(t.value) };
    case 'array':
      return { kind: 'array', items: t.items.map((i) => mapTemplate(i, f)) };
    case 'object':
      return { kind: 'object', entries: t.entries.map(([k, v]) => [k, mapTemplate(v, f)] as const) };
    default:
      return t;
  }
}

/** Merges nodes with the same op, inputs and attributes (never random draws), and drops copies. */
function shareSubexpressions(graph: Graph): { graph: Graph; shared: number; copies: number } {
  let copies = 0;
  const rep = new Map<number, number>();
  const seen = new Map<string, number>();
  const nodes: Node[] = [];
  const r = (v: number) => rep.get(v) ?? v;
  for (const n of graph.nodes) {
    const inputs = n.inputs.map(r);
    const node = { ...n, inputs };
    const input = graph.values[inputs[0] as number];
    const out = graph.values[n.output] as Value;
    // A copy (Reshape to the same shape, Cast to the same dtype) of an immutable SSA value is that value.
    if (
      input &&
      ((n.op === 'Reshape' && shapesEqual(input.shape, out.shape)) ||
        (n.op === 'Cast' && input.dtype === out.dtype && shapesEqual(input.shape, out.shape)))
    ) {
      rep.set(n.output, inputs[0] as number);
      copies++;
      continue;
    }
    if (n.op === 'Random') {
      nodes.push(node);
      continue;
    }
    const key = `${n.op}|${inputs.join(',')}|${JSON.stringify(n.attrs)}`;
    const prior = seen.get(key);
    if (prior !== undefined) {
      rep.set(n.output, prior);
      continue;
    }
    seen.set(key, n.output);
    nodes.push(node);
  }
  const effects: Effect[] = graph.effects.map((e) => ({ ...e, value: r(e.value) }));
  return {
    graph: { ...graph, nodes, effects, output: mapTemplate(graph.output, r) },
    shared: graph.nodes.length - nodes.length - copies,
    copies,
  };
}

/** Drops nodes whose result nothing returned or written depends on. */
function eliminateDeadCode(graph: Graph): { graph: Graph; dead: number } {
  const live = escapingValues(graph);
  const kept: Node[] = [];
  for (let k = graph.nodes.length - 1; k >= 0; k--) {
    const n = graph.nodes[k] as Node;
    if (!live.has(n.output)) continue;
    for (const v of n.inputs) live.add(v);
    kept.push(n);
  }
  kept.reverse();
  return { graph: { ...graph, nodes: kept }, dead: graph.nodes.length - kept.length };
}

function fusible(n: Node, values: readonly Value[]): boolean {
  if (!ELEMENTWISE.has(n.op)) return false;
  const out = values[n.output] as Value;
  if (UNFUSED_DTYPES.has(out.dtype)) return false;
  return n.inputs.every((v) => !UNFUSED_DTYPES.has((values[v] as Value).dtype));
}

/** The program a fused group of nodes computes; `members` in program order, the last one is the result. */
function programOf(members: readonly Node[], values: readonly Value[]): { program: ElementwiseProgram; inputs: number[] } {
  const stepOf = new Map<number, number>();
  const inputs: number[] = [];
  const ref = (v: number): ElementwiseRef => {
    const s = stepOf.get(v);
    if (s !== undefined) return { step: s };
    let k = inputs.indexOf(v);
    if (k < 0) k = inputs.push(v) - 1;
    return { input: k };
  };
  const dtypeOf = (v: number) => (values[v] as Value).dtype;
  const steps: ElementwiseStep[] = members.map((n, k) => {
    const dtype = dtypeOf(n.output);
    const [a, b, c] = n.inputs as [number, number, number];
    let step: ElementwiseStep;
    const attrs = n.attrs as { op: never; dtype: DType };
    if (n.op === 'Unary') step = { kind: 'unary', op: attrs.op, x: ref(a), inDType: dtypeOf(a), dtype };
    else if (n.op === 'Binary') step = { kind: 'binary', op: attrs.op, a: ref(a), b: ref(b), inDType: dtypeOf(a), dtype };
    else if (n.op === 'Where') step = { kind: 'where', cond: ref(a), a: ref(b), b: ref(c), inDType: dtypeOf(b), dtype };
    else step = { kind: 'cast', x: ref(a), inDType: dtypeOf(a), dtype };
    stepOf.set(n.output, k);
    return step;
  });
  const root = values[(members[members.length - 1] as Node).output] as Value;
  const program: ElementwiseProgram = {
    shape: root.shape,
    inputs: inputs.map((v) => ({ shape: (values[v] as Value).shape, dtype: dtypeOf(v) })),
    steps,
  };
  return { program, inputs };
}

/**
 * Runs the passes on a traced graph.
 * @example
 * const plan = optimize(graph, { fuse: true });
 * plan.steps.length; // kernels per call
 */
export function optimize(traced: Graph, options: PassOptions = {}): Plan {
  let graph = traced;
  let shared = 0;
  let copies = 0;
  let dead = 0;
  if (options.cse !== false) ({ graph, shared, copies } = shareSubexpressions(graph));
  if (options.dce !== false) ({ graph, dead } = eliminateDeadCode(graph));
  const { values } = graph;

  // Constant folding: what depends on constants only is computed once.
  const folded: Node[] = [];
  const constant = new Set<number>(graph.constants.map((c) => c.value));
  let nodes = graph.nodes;
  if (options.fold !== false) {
    nodes = [];
    for (const n of graph.nodes) {
      if (n.op !== 'Random' && n.inputs.every((v) => constant.has(v))) {
        folded.push(n);
        constant.add(n.output);
      } else nodes.push(n);
    }
  }

  // Fusion: grow a group backwards from each elementwise node through producers of its shape
  // whose every reader is in the group (a value read outside must be materialised anyway).
  const readers = new Map<number, number[]>();
  nodes.forEach((n, k) => {
    for (const v of n.inputs) readers.set(v, [...(readers.get(v) ?? []), k]);
  });
  const escapes = escapingValues(graph);
  const producer = new Map<number, number>();
  for (let k = 0; k < nodes.length; k++) producer.set((nodes[k] as Node).output, k);
  const absorbed = new Set<number>();
  const groupAt = new Map<number, number[]>();
  if (options.fuse !== false) {
    for (let k = nodes.length - 1; k >= 0; k--) {
      const root = nodes[k] as Node;
      if (absorbed.has(k) || !fusible(root, values)) continue;
      const rootShape = (values[root.output] as Value).shape;
      const members = new Set([k]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const m of [...members]) {
          for (const v of (nodes[m] as Node).inputs) {
            const p = producer.get(v);
            if (p === undefined || absorbed.has(p) || members.has(p) || escapes.has(v)) continue;
            const pn = nodes[p] as Node;
            if (!fusible(pn, values) || !shapesEqual((values[v] as Value).shape, rootShape)) continue;
            if (!(readers.get(v) ?? []).every((r) => members.has(r))) continue;
            members.add(p);
            grew = true;
          }
        }
      }
      if (members.size < 2) continue;
      const list = [...members].sort((a, b) => a - b);
      for (const m of list) absorbed.add(m);
      groupAt.set(k, list);
    }
  }

  const steps: Step[] = [];
  let fused = 0;
  nodes.forEach((n, k) => {
    const group = groupAt.get(k);
    if (group) {
      const members = group.map((m) => nodes[m] as Node);
      const { program, inputs } = programOf(members, values);
      steps.push({ kind: 'fused', program, inputs, output: n.output, nodes: members });
      fused += members.length;
      return;
    }
    if (absorbed.has(k)) return;
    const input = n.inputs[0] as number;
    // A reshape of an intermediate read by nothing else takes over its buffer instead of copying.
    if (
      n.op === 'Reshape' &&
      (values[input] as Value).kind === 'node' &&
      !constant.has(input) &&
      (readers.get(input) ?? []).length === 1 &&
      !escapes.has(input) &&
      (values[input] as Value).dtype === (values[n.output] as Value).dtype
    ) {
      steps.push({ kind: 'alias', input, output: n.output, shape: (values[n.output] as Value).shape });
      return;
    }
    steps.push({ kind: 'kernel', node: n });
  });
  return { graph, folded, steps, counts: { traced: traced.nodes.length, copies, shared, dead, folded: folded.length, fused } };
}
