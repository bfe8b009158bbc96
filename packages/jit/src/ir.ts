/**
 * The SSA IR a traced function becomes: values (graph inputs, captured tensors, constants and
 * node results, each defined once), primitive nodes in program order, side effects (in-place
 * writes to tensors that outlive the call) and the output structure.
 */
import { type DType, describeType, type Tensor } from '@mindts/tensor';
import type { ElementwiseProgram } from '@mindts/tensor/backend';

/**
 * Where a value comes from.
 * @example
 * const { graph } = f.lower(x);
 * graph.values.filter((v) => v.kind === 'capture').length; // tensors read from the closure
 */
export type ValueKind = 'input' | 'capture' | 'constant' | 'node';

/**
 * One SSA value: defined once, by a graph input, a capture, a constant or a node.
 * @example
 * for (const v of f.lower(x).graph.values) console.log(`%${v.id} ${v.kind} ${v.dtype}[${v.shape}]`);
 */
export interface Value {
  readonly id: number;
  readonly kind: ValueKind;
  readonly shape: readonly number[];
  readonly dtype: DType;
}

/**
 * One primitive call, as the engine ran it while tracing.
 * @example
 * const f = jit((x: Tensor) => ops.relu(ops.add(ops.matmul(x, w), 1)));
 * f.lower(x).graph.nodes.map((n) => n.op); // ['MatMul', 'Fill', 'Binary', 'Unary']
 */
export interface Node {
  /** Primitive name (`MatMul`, `Binary`, …). */
  readonly op: string;
  readonly inputs: readonly number[];
  readonly attrs: unknown;
  readonly output: number;
  /** For a `Random` draw from the global stream: which draw (its key is drawn anew on each call). */
  readonly draw?: number;
}

/**
 * A tensor the function read from its closure (a Parameter, a module-level tensor): read by reference on every call.
 * @example
 * const w = new Parameter(randn([3, 2]), 'w');
 * const f = jit((x: Tensor) => ops.matmul(x, w));
 * f.lower(x).graph.captures.map((c) => c.name); // ['w']
 */
export interface Capture {
  readonly value: number;
  readonly tensor: Tensor;
  /** A Parameter's name, else `tensor#<id>`. */
  readonly name: string;
}

/**
 * A tensor created inside the function from host data: the compiled graph owns a copy.
 * @example
 * const f = jit((x: Tensor) => ops.add(x, tensor([1, 2, 3])));
 * f.lower(x).graph.constants.length; // 1: the compiled graph owns a copy of [1, 2, 3]
 */
export interface Constant {
  readonly value: number;
  readonly tensor: Tensor;
}

/**
 * Which tensor an effect writes: a captured tensor, or the tensor passed as graph input `input`.
 * @example
 * for (const e of f.lower(x).graph.effects) console.log('capture' in e.target ? e.target.capture.name : `input ${e.target.input}`);
 */
export type EffectTarget = { readonly capture: Capture } | { readonly input: number };

/**
 * An in-place write that outlives the call (`ops.assign` on a Parameter, a BatchNorm statistic).
 * @example
 * const b = new Parameter(tensor([1, 2, 3], 'float32'), 'b');
 * const step = jit(() => ops.assign(b, tensor([7, 8, 9], 'float32')));
 * step.lower().graph.effects.length; // 1: the write to b, applied after the graph on every call
 */
export interface Effect {
  readonly target: EffectTarget;
  readonly value: number;
}

/**
 * The structure the function returned, with tensors replaced by what they are in the graph.
 * @example
 * const f = jit((x: Tensor) => ({ y: ops.exp(x), n: 3 }));
 * f.lower(x).graph.output.kind; // 'object'
 */
export type OutputTemplate =
  | { readonly kind: 'value'; readonly value: number }
  /** The function returned one of its inputs or a captured tensor itself (e.g. what `ops.assign` returns). */
  | { readonly kind: 'same'; readonly target: EffectTarget }
  | { readonly kind: 'array'; readonly items: readonly OutputTemplate[] }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, OutputTemplate])[] }
  | { readonly kind: 'literal'; readonly value: unknown };

/**
 * A traced function.
 * @example
 * const { graph } = f.lower(x);
 * console.log(graph.name, graph.inputs.length, graph.nodes.length);
 */
export interface Graph {
  readonly name: string;
  readonly values: Value[];
  /** Graph input i is the i-th tensor found in the arguments (depth first); `path` says where. */
  readonly inputs: { readonly value: number; readonly path: string }[];
  readonly captures: Capture[];
  readonly constants: Constant[];
  nodes: Node[];
  readonly effects: Effect[];
  readonly output: OutputTemplate;
  /** Element counts of the global random stream's draws, in call order. */
  readonly draws: number[];
}

/**
 * A compiled step: one kernel, one fused elementwise kernel, or a reshape that reuses its input's buffer.
 * @example
 * const f = jit((x: Tensor) => ops.relu(ops.add(ops.matmul(x, w), 1)));
 * f.lower(x).steps.map((s) => s.kind); // ['kernel', 'fused']: the MatMul, then one kernel for add + relu
 */
export type Step =
  | { readonly kind: 'kernel'; readonly node: Node }
  | {
      readonly kind: 'fused';
      readonly program: ElementwiseProgram;
      readonly inputs: readonly number[];
      readonly output: number;
      /** The nodes it replaces, in order (run one by one where a backend cannot compile the program). */
      readonly nodes: readonly Node[];
    }
  | { readonly kind: 'alias'; readonly input: number; readonly output: number; readonly shape: readonly number[] };

/** What graphText and graphDot read: a Graph, its steps and folded nodes (their structure, not their values). */
function checkPrintable(where: string, graph: Graph, steps: readonly Step[], folded: readonly Node[]): void {
  const fail = (arg: string, expected: string, value: unknown): TypeError =>
    new TypeError(`${where}: ${arg} must be ${expected}, but got ${describeType(value)}.`);
  if (graph === null || typeof graph !== 'object') throw fail('graph', 'a jit Graph (from lower())', graph);
  if (typeof graph.name !== 'string') throw fail('graph.name', 'a string', graph.name);
  for (const key of ['values', 'inputs', 'captures', 'constants'] as const) {
    if (!Array.isArray(graph[key])) throw fail(`graph.${key}`, 'an array', graph[key]);
  }
  if (!Array.isArray(steps)) throw fail('steps', 'an array of Steps (from lower())', steps);
  steps.forEach((s, i) => {
    const kind = s !== null && typeof s === 'object' ? s.kind : undefined;
    if (kind !== 'kernel' && kind !== 'fused' && kind !== 'alias')
      throw fail(`steps[${i}]`, "a Step (kind 'kernel', 'fused' or 'alias')", s);
  });
  if (!Array.isArray(folded)) throw fail('folded', 'an array of Nodes', folded);
  folded.forEach((n, i) => {
    const ok = n !== null && typeof n === 'object' && Number.isInteger(n.output) && n.output >= 0 && n.output < graph.values.length;
    if (!ok || !Array.isArray(n.inputs))
      throw fail(`folded[${i}]`, `a Node of this graph (its output a value index below ${graph.values.length})`, n);
  });
}

function typeString(v: Value): string {
  return `${v.dtype}[${v.shape.join(',')}]`;
}

function attrString(attrs: unknown): string {
  if (attrs === undefined || attrs === null) return '';
  const entries = Object.entries(attrs as Record<string, unknown>);
  if (entries.length === 0) return '';
  return ` {${entries.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ')}}`;
}

function stepLabel(step: Step): string {
  if (step.kind === 'kernel') {
    const n = step.node;
    const op = n.op === 'Unary' || n.op === 'Binary' || n.op === 'Reduce' ? `${n.op}.${(n.attrs as { op: string }).op}` : n.op;
    return op;
  }
  if (step.kind === 'alias') return 'Reshape (no copy)';
  return `Fused[${step.nodes.map((n) => `${n.op}.${(n.attrs as { op?: string; dtype?: string }).op ?? (n.attrs as { dtype?: string }).dtype ?? ''}`).join(' → ')}]`;
}

/** The values a step reads. */
export function stepInputs(step: Step): readonly number[] {
  return step.kind === 'kernel' ? step.node.inputs : step.kind === 'alias' ? [step.input] : step.inputs;
}

/** The value a step defines. */
export function stepOutput(step: Step): number {
  return step.kind === 'kernel' ? step.node.output : step.output;
}

function templateValues(t: OutputTemplate, out: Set<number>): void {
  if (t.kind === 'value') out.add(t.value);
  else if (t.kind === 'array') for (const i of t.items) templateValues(i, out);
  else if (t.kind === 'object') for (const [, v] of t.entries) templateValues(v, out);
}

/**
 * The values that leave the graph: those the function returns and those its effects write. They
 * are never freed, fused away or aliased.
 * @example
 * escapingValues(graph).has(7); // whether %7 is returned or written
 */
export function escapingValues(graph: Graph): Set<number> {
  const out = new Set(graph.effects.map((e) => e.value));
  templateValues(graph.output, out);
  return out;
}

function targetName(graph: Graph, target: EffectTarget): string {
  return 'capture' in target ? `'${target.capture.name}'` : `input ${(graph.inputs[target.input] as Graph['inputs'][number]).path}`;
}

function outputString(graph: Graph, t: OutputTemplate): string {
  switch (t.kind) {
    case 'value':
      return `%${t.value}`;
    case 'same':
      return targetName(graph, t.target);
    case 'array':
      return `[${t.items.map((i) => outputString(graph, i)).join(', ')}]`;
    case 'object':
      return `{${t.entries.map(([k, v]) => `${k}: ${outputString(graph, v)}`).join(', ')}}`;
    default:
      return JSON.stringify(t.value) ?? String(t.value);
  }
}

/**
 * The graph as text, one definition per line, e.g.
 * `%7: float32[64,256] = Fused[Binary.add → Unary.relu](%5, %2)`.
 * @example
 * console.log(graphText(graph, steps));
 */
export function graphText(graph: Graph, steps: readonly Step[], folded: readonly Node[] = []): string {
  checkPrintable('graphText', graph, steps, folded);
  const lines = [`graph ${graph.name}(${graph.inputs.map((i) => `%${i.value}`).join(', ')}) {`];
  for (const i of graph.inputs) lines.push(`  %${i.value}: ${typeString(graph.values[i.value] as Value)} = input ${i.path}`);
  for (const c of graph.captures) lines.push(`  %${c.value}: ${typeString(graph.values[c.value] as Value)} = capture '${c.name}'`);
  for (const c of graph.constants) lines.push(`  %${c.value}: ${typeString(graph.values[c.value] as Value)} = constant`);
  for (const n of folded) {
    lines.push(
      `  %${n.output}: ${typeString(graph.values[n.output] as Value)} = constant (folded ${stepLabel({ kind: 'kernel', node: n })}(${n.inputs.map((v) => `%${v}`).join(', ')}))`,
    );
  }
  for (const step of steps) {
    const out = graph.values[stepOutput(step)] as Value;
    const attrs = step.kind === 'kernel' ? attrString(step.node.attrs) : '';
    const draw = step.kind === 'kernel' && step.node.draw !== undefined ? ` (global random draw ${step.node.draw})` : '';
    lines.push(
      `  %${out.id}: ${typeString(out)} = ${stepLabel(step)}(${stepInputs(step)
        .map((v) => `%${v}`)
        .join(', ')})${attrs}${draw}`,
    );
  }
  for (const e of graph.effects) lines.push(`  assign ${targetName(graph, e.target)} ← %${e.value}`);
  lines.push(`  return ${outputString(graph, graph.output)}`);
  lines.push('}');
  return lines.join('\n');
}

function dotEscape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/**
 * The graph in Graphviz DOT: one box per step, ellipses for inputs, captures and constants,
 * dashed edges for effects.
 * @example
 * writeFileSync('step.dot', graphDot(graph, steps)); // dot -Tsvg step.dot > step.svg
 */
export function graphDot(graph: Graph, steps: readonly Step[], folded: readonly Node[] = []): string {
  checkPrintable('graphDot', graph, steps, folded);
  const lines = [`digraph "${dotEscape(graph.name)}" {`, '  rankdir=TB;', '  node [fontname="Helvetica", fontsize=10];'];
  const producer = new Map<number, string>();
  for (const i of graph.inputs) {
    const id = `v${i.value}`;
    producer.set(i.value, id);
    lines.push(`  ${id} [shape=ellipse, label="${dotEscape(`${i.path}\n${typeString(graph.values[i.value] as Value)}`)}"];`);
  }
  for (const c of graph.captures) {
    const id = `v${c.value}`;
    producer.set(c.value, id);
    lines.push(
      `  ${id} [shape=ellipse, style=filled, fillcolor="#e8f0ff", label="${dotEscape(`${c.name}\n${typeString(graph.values[c.value] as Value)}`)}"];`,
    );
  }
  for (const c of graph.constants) {
    const id = `v${c.value}`;
    producer.set(c.value, id);
    lines.push(`  ${id} [shape=ellipse, style=dashed, label="${dotEscape(`constant\n${typeString(graph.values[c.value] as Value)}`)}"];`);
  }
  for (const n of folded) {
    const id = `v${n.output}`;
    producer.set(n.output, id);
    lines.push(`  ${id} [shape=ellipse, style=dashed, label="${dotEscape(`constant\n${typeString(graph.values[n.output] as Value)}`)}"];`);
  }
  steps.forEach((step, k) => {
    const id = `s${k}`;
    const out = graph.values[stepOutput(step)] as Value;
    producer.set(out.id, id);
    const fill = step.kind === 'fused' ? ', style=filled, fillcolor="#fff2cc"' : '';
    lines.push(`  ${id} [shape=box${fill}, label="${dotEscape(`${stepLabel(step)}\n%${out.id}: ${typeString(out)}`)}"];`);
    for (const v of stepInputs(step)) {
      const from = producer.get(v);
      if (from) lines.push(`  ${from} -> ${id};`);
    }
  });
  graph.effects.forEach((e, k) => {
    const id = `e${k}`;
    lines.push(`  ${id} [shape=note, label="${dotEscape(`assign ${targetName(graph, e.target)}`)}"];`);
    const from = producer.get(e.value);
    if (from) lines.push(`  ${from} -> ${id} [style=dashed];`);
  });
  lines.push('}');
  return lines.join('\n');
}
