/**
 * The autograd tape hook: while a tape is active, every primitive that consumes a traced tensor
 * is recorded (inputs, attributes, output and the input versions), so `@mindts/ops` can
 * back-propagate through it. Disposing a tensor a tape saved (an op's temporary, an inner
 * `tidy`) is deferred until the tape is released.
 */
import { argError, checkFunction } from './argChecks.js';
import { stateOf } from './engine.js';
import type { Tensor } from './tensor.js';

/**
 * One recorded primitive call.
 * @example
 * for (const node of tape.nodes) console.log(node.name, node.inputs.length); // 'Binary' 2
 */
export interface TapeNode {
  readonly name: string;
  readonly inputs: readonly Tensor[];
  readonly attrs: unknown;
  readonly output: Tensor;
  /** Each input's version when it was recorded; an in-place write later makes backprop wrong. */
  readonly versions: readonly number[];
}

/**
 * A recording of the primitives that depend on its sources.
 * @example
 * const tape: Tape = startTape([x]);
 * const y = ops.mul(x, x);
 * endTape(tape);
 * tape.traced.has(y); // true: y depends on x
 */
export interface Tape {
  readonly nodes: TapeNode[];
  /** Sources and every recorded output: what the tape depends on. */
  readonly traced: Set<Tensor>;
  /** Every input and output of a recorded node: back-propagation reads them. */
  readonly saved: Set<Tensor>;
  /** Saved tensors whose disposal waits for {@link releaseTape}. */
  readonly deferred: Set<Tensor>;
  /** What the tape differentiates with respect to (inputs and weights). */
  readonly sources: ReadonlySet<Tensor>;
}

/** Tapes recording now. */
const recording: Tape[] = [];
/** Tapes not yet released (recording or waiting for back-propagation). */
const live: Tape[] = [];
let paused = 0;
/** Every tape {@link startTape} made: endTape and releaseTape take nothing else. */
const tapes = new WeakSet<Tape>();

/**
 * Starts recording everything computed from `sources`. End it with {@link endTape}.
 * @example
 * const tape = startTape([x]); const y = ops.mul(x, x); endTape(tape); // tape.nodes has the Binary
 */
export function startTape(sources: Iterable<Tensor>): Tape {
  // Everything is checked before the tape goes live: a refused call leaves no tape recording.
  if (sources === null || typeof sources !== 'object' || typeof (sources as Partial<Iterable<Tensor>>)[Symbol.iterator] !== 'function') {
    throw argError('startTape', 'sources', 'an iterable of Tensors', sources);
  }
  const list = Array.from(sources);
  for (let i = 0; i < list.length; i++) {
    if (stateOf(list[i] as Tensor, `startTape: sources[${i}]`).disposed) {
      throw new Error(`startTape: sources[${i}] has been disposed; a tape cannot trace a disposed Tensor.`);
    }
  }
  const traced = new Set(list);
  const tape: Tape = { nodes: [], traced, saved: new Set(), deferred: new Set(), sources: new Set(traced) };
  recording.push(tape);
  live.push(tape);
  tapes.add(tape);
  return tape;
}

function checkTape(tape: unknown, where: string): void {
  if (!tapes.has(tape as Tape)) throw argError(where, 'tape', 'a Tape from startTape', tape);
}

/**
 * Stops recording on `tape` (tapes may end in any order); its saved tensors stay readable.
 * @example
 * const tape = startTape([x]);
 * const y = ops.exp(x); // recorded
 * endTape(tape);
 * const z = ops.exp(x); // not recorded
 */
export function endTape(tape: Tape): void {
  checkTape(tape, 'endTape');
  const i = recording.lastIndexOf(tape);
  if (i >= 0) recording.splice(i, 1);
}

/**
 * Ends `tape` for good and disposes the saved tensors whose disposal it deferred.
 * @example
 * releaseTape(tape); // after back-propagation: frees what the tape kept alive
 */
export function releaseTape(tape: Tape): void {
  checkTape(tape, 'releaseTape');
  endTape(tape);
  const i = live.lastIndexOf(tape);
  if (i >= 0) live.splice(i, 1);
  for (const t of tape.deferred) t.dispose();
  tape.deferred.clear();
}

/**
 * Called by `dispose()`: a tensor a live tape saved is kept until that tape is released (an op's
 * temporary, or an intermediate freed by an inner `tidy`). Returns whether disposal was deferred.
 */
export function deferDisposal(t: Tensor): boolean {
  let deferred = false;
  for (const tape of live) {
    if (tape.saved.has(t) || tape.traced.has(t)) {
      tape.deferred.add(t);
      deferred = true;
    }
  }
  return deferred;
}

/**
 * Runs `fn` without recording on any tape: what it computes has no gradient.
 * @example
 * const y = withoutTape(() => ops.mul(x, 2));
 */
export function withoutTape<T>(fn: () => T): T {
  checkFunction(fn, 'withoutTape', 'fn');
  paused++;
  try {
    return fn();
  } finally {
    paused--;
  }
}

/**
 * Whether a tape is recording now.
 * @example
 * isRecording(); // false
 * const tape = startTape([x]);
 * isRecording(); // true
 * endTape(tape);
 */
export function isRecording(): boolean {
  return recording.length > 0 && paused === 0;
}

/** Called by the engine after each kernel: records it on every tape that traces an input. */
export function record(name: string, inputs: readonly Tensor[], attrs: unknown, output: Tensor): void {
  if (paused > 0) return;
  for (const tape of recording) {
    if (!inputs.some((t) => tape.traced.has(t))) continue;
    tape.nodes.push({ name, inputs: [...inputs], attrs, output, versions: inputs.map((t) => stateOf(t).version) });
    tape.traced.add(output);
    for (const t of inputs) tape.saved.add(t);
    tape.saved.add(output);
  }
}

/**
 * Whether a live tape recorded `t` as an input or an output, and none differentiates with respect
 * to it: an in-place write to it must keep its old value for back-propagation. (A write to a
 * source itself is left to the version check, which refuses it: its gradient would be ambiguous.)
 * @example
 * if (isRecording() && tapeKnows(target)) swapRecorded(target, source);
 */
export function tapeKnows(t: Tensor): boolean {
  if (live.some((tape) => tape.sources.has(t))) return false;
  return live.some((tape) => tape.saved.has(t) || tape.traced.has(t));
}

/**
 * An in-place write under a tape: `target` took `source`'s new value, and `source` now holds
 * `target`'s old one. Every node recorded so far swaps the two, so earlier uses of `target` read
 * (and receive gradients as) `source`, and the node that made the new value now outputs `target`.
 * @example
 * swapRecorded(param, update);
 */
export function swapRecorded(target: Tensor, source: Tensor): void {
  const swap = (t: Tensor) => (t === target ? source : t === source ? target : t);
  for (const tape of live) {
    for (const node of tape.nodes) {
      const mutable = node as { inputs: readonly Tensor[]; output: Tensor };
      if (mutable.inputs.some((t) => t === target || t === source)) mutable.inputs = mutable.inputs.map(swap);
      mutable.output = swap(mutable.output);
    }
    for (const set of [tape.traced, tape.saved, tape.deferred]) {
      const [hasT, hasS] = [set.has(target), set.has(source)];
      if (hasT === hasS) continue;
      set.delete(hasT ? target : source);
      set.add(hasT ? source : target);
    }
  }
}
