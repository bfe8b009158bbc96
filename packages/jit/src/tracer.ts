/**
 * Tracing: runs the function once, eagerly, with the engine's trace hooks installed, and records
 * every primitive it runs into the SSA IR. Tensors found in the arguments become graph inputs;
 * tensors read from the closure become captures (read by reference on every call); tensors the
 * function built from host data become constants; in-place writes to tensors that outlive the call
 * become effects, in program order (a later read sees the written value).
 */
import { keep, Tensor } from '@mindts/tensor';
import { runKernel, setTraceHooks, type TraceHooks, untraced, withoutTape } from '@mindts/tensor/backend';
import { JitError, userFrame } from './errors.js';
import type { Capture, Constant, EffectTarget, Graph, Node, OutputTemplate, Value, ValueKind } from './ir.js';

/** A tensor found in the arguments, with where it was found (`args[0]`, `args[1].x`). */
export interface ArgTensor {
  readonly tensor: Tensor;
  readonly path: string;
}

/**
 * The tensors in `args`, depth first through arrays and plain objects.
 * @example
 * argTensors([x, { y }]); // [{ tensor: x, path: 'args[0]' }, { tensor: y, path: 'args[1].y' }]
 */
export function argTensors(args: readonly unknown[]): ArgTensor[] {
  const out: ArgTensor[] = [];
  const walk = (v: unknown, path: string, depth: number): void => {
    if (v instanceof Tensor) out.push({ tensor: v, path });
    else if (depth > 8) return;
    else if (Array.isArray(v)) for (let i = 0; i < v.length; i++) walk(v[i], `${path}[${i}]`, depth + 1);
    else if (isPlainObject(v)) for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`, depth + 1);
  };
  for (let i = 0; i < args.length; i++) walk(args[i], `args[${i}]`, 0);
  return out;
}

/** An object literal (not a class instance such as a Cell). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function nameOf(t: Tensor): string {
  const name = (t as Tensor & { name?: unknown }).name;
  return typeof name === 'string' && name !== '' ? name : `tensor#${t.id}`;
}

/** Records one traced call. Install with {@link traceCall}. */
class Tracer implements TraceHooks {
  readonly values: Value[] = [];
  readonly nodes: Node[] = [];
  readonly captures: Capture[] = [];
  readonly constants: Constant[] = [];
  readonly inputs: { value: number; path: string }[] = [];
  readonly draws: { seed: number; offset: number; count: number; used: boolean }[] = [];
  /** The SSA value each tensor holds now (an in-place write moves a tensor to a new value). */
  private readonly current = new Map<Tensor, number>();
  private readonly createdHere = new WeakSet<Tensor>();
  private readonly argIndex = new Map<Tensor, number>();
  private readonly captureOf = new Map<Tensor, Capture>();
  /** Final value of every tensor written in place that outlives the call. */
  readonly written = new Map<Tensor, number>();
  /** Copies of the written tensors' values before the first write (for a trace that must not have effects). */
  readonly before = new Map<Tensor, Tensor>();

  constructor(
    args: readonly ArgTensor[],
    private readonly saveBefore: boolean,
  ) {
    args.forEach((a, i) => {
      if (this.argIndex.has(a.tensor)) {
        // The same tensor passed twice: one input, read at both places.
        this.inputs.push({ value: this.argIndex.get(a.tensor) as number, path: a.path });
        return;
      }
      const v = this.newValue('input', a.tensor);
      this.inputs.push({ value: v, path: a.path });
      this.argIndex.set(a.tensor, i);
      this.current.set(a.tensor, v);
    });
  }

  private newValue(kind: ValueKind, like: { shape: readonly number[]; dtype: Tensor['dtype'] }): number {
    const id = this.values.length;
    this.values.push({ id, kind, shape: [...like.shape], dtype: like.dtype });
    return id;
  }

  /** The value `t` holds now; a tensor seen for the first time is a constant or a capture. */
  valueOf(t: Tensor): number {
    const known = this.current.get(t);
    if (known !== undefined) return known;
    let v: number;
    if (this.createdHere.has(t)) {
      // Built from host data inside the function: the graph keeps its own copy.
      const copy = untraced(() => withoutTape(() => keep(runKernel('Reshape', [t], { shape: t.shape }))));
      v = this.newValue('constant', t);
      this.constants.push({ value: v, tensor: copy });
    } else {
      v = this.newValue('capture', t);
      const capture: Capture = { value: v, tensor: t, name: nameOf(t) };
      this.captures.push(capture);
      this.captureOf.set(t, capture);
    }
    this.current.set(t, v);
    return v;
  }

  created(t: Tensor): void {
    this.createdHere.add(t);
  }

  kernel(name: string, inputs: readonly Tensor[], attrs: unknown, output: Tensor): void {
    const ins = inputs.map((t) => this.valueOf(t));
    const out = this.newValue('node', output);
    let draw: number | undefined;
    if (name === 'Random') {
      const a = attrs as { seed: number; offset: number };
      const k = this.draws.findIndex((d) => !d.used && d.seed === a.seed && d.offset === a.offset);
      if (k >= 0) {
        (this.draws[k] as (typeof this.draws)[number]).used = true;
        draw = k;
      }
    }
    this.nodes.push(
      draw === undefined ? { op: name, inputs: ins, attrs, output: out } : { op: name, inputs: ins, attrs, output: out, draw },
    );
    this.current.set(output, out);
  }

  adopt(target: Tensor, source: Tensor): void {
    const v = this.valueOf(source);
    if (!this.createdHere.has(target)) {
      if (this.saveBefore && !this.before.has(target) && !target.isLazy) {
        this.before.set(
          target,
          untraced(() => withoutTape(() => keep(runKernel('Reshape', [target], { shape: target.shape })))),
        );
      }
      // Make sure a capture exists for the target (its value before the write may never be read).
      if (!this.argIndex.has(target) && !this.captureOf.has(target)) this.valueOf(target);
      this.written.set(target, v);
    }
    this.current.set(target, v);
  }

  read(t: Tensor, method: string): void {
    throw new JitError(
      `A jitted function read a tensor's values (${method}() on a ${t.dtype}[${t.shape.join(', ')}] tensor)${userFrame()}. ` +
        'Inside jit, tensors are traced once and replayed, so JavaScript cannot branch on or print their values: ' +
        'compute with ops (ops.where, ops.maximum…) or return the tensor and read it after the call.',
    );
  }

  randomKey(key: { readonly seed: number; readonly offset: number }, count: number): void {
    this.draws.push({ seed: key.seed, offset: key.offset, count, used: false });
  }

  effectTarget(t: Tensor): EffectTarget {
    const input = this.argIndex.get(t);
    if (input !== undefined) return { input };
    return { capture: this.captureOf.get(t) as Capture };
  }

  template(result: unknown, depth = 0): OutputTemplate {
    if (result instanceof Tensor) {
      if (!this.createdHere.has(result)) {
        if (this.argIndex.has(result) || this.captureOf.has(result)) return { kind: 'same', target: this.effectTarget(result) };
        // Returned from the closure without being used.
        this.valueOf(result);
        return { kind: 'same', target: this.effectTarget(result) };
      }
      return { kind: 'value', value: this.valueOf(result) };
    }
    if (depth < 8 && Array.isArray(result)) return { kind: 'array', items: result.map((r) => this.template(r, depth + 1)) };
    if (depth < 8 && isPlainObject(result)) {
      return { kind: 'object', entries: Object.entries(result).map(([k, v]) => [k, this.template(v, depth + 1)] as const) };
    }
    if (result instanceof Promise) throw new JitError('jit cannot compile an async function: the traced function returned a Promise.');
    return { kind: 'literal', value: result };
  }
}

/** What tracing a call produced: the graph, the eager result of this call, and (on request) the written tensors' old values. */
export interface Traced {
  readonly graph: Graph;
  readonly result: unknown;
  readonly before: Map<Tensor, Tensor>;
}

/**
 * Runs `fn(...args)` eagerly while recording it. With `saveBefore`, copies of every tensor the
 * call writes in place are kept so the caller can undo the writes (`lower()` must not have
 * effects).
 * @example
 * const { graph, result } = traceCall('step', step, [x, y]);
 */
export function traceCall(name: string, fn: (...args: never[]) => unknown, args: readonly unknown[], saveBefore = false): Traced {
  const tracer = new Tracer(argTensors(args), saveBefore);
  const prev = setTraceHooks(tracer);
  let result: unknown;
  try {
    result = fn(...(args as never[]));
  } catch (err) {
    setTraceHooks(prev);
    for (const t of tracer.before.values()) t.dispose();
    for (const c of tracer.constants) c.tensor.dispose();
    throw err;
  }
  setTraceHooks(prev);
  const output = tracer.template(result);
  const effects = [...tracer.written].map(([t, value]) => ({ target: tracer.effectTarget(t), value }));
  const graph: Graph = {
    name,
    values: tracer.values,
    inputs: tracer.inputs,
    captures: tracer.captures,
    constants: tracer.constants,
    nodes: tracer.nodes,
    effects,
    output,
    draws: tracer.draws.map((d) => d.count),
  };
  return { graph, result, before: tracer.before };
}
