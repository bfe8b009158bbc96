/**
 * Engine events: what the engine and the backends report to listeners (leaked tensors, per-op
 * fallbacks, backends skipped while choosing one).
 */
import type { DType } from './dtype.js';
import { showValue } from './options.js';

/**
 * Events the engine reports to listeners registered with {@link onEngineEvent}.
 * @example
 * onEngineEvent((e: EngineEvent) => {
 *   if (e.type === 'fallback') console.log(`${e.primitive} ran on ${e.to}: ${e.reason}`);
 * });
 */
export type EngineEvent =
  | { type: 'leak'; shape: readonly number[]; dtype: DType; backend: string; stack: string | undefined }
  | { type: 'fallback'; backend: string; primitive: string; to: string; reason: string }
  /** `ready()` could not create `backend` and moved on to the next registered one. */
  | { type: 'backendSkipped'; backend: string; reason: string };

const listeners = new Set<(event: EngineEvent) => void>();

/**
 * Subscribes to engine events (leaked tensors, backend fallbacks, skipped backends). Returns an
 * unsubscribe.
 * @example
 * const off = onEngineEvent((e) => console.log(e.type));
 */
export function onEngineEvent(listener: (event: EngineEvent) => void): () => void {
  // Checked now: a non-function listener would make every later event throw.
  if (typeof listener !== 'function') throw new TypeError(`onEngineEvent: listener must be a function, but got ${showValue(listener)}.`);
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Reports an event to every listener. Backends use it to announce fallbacks.
 * @example
 * emit({ type: 'fallback', backend: 'mine', primitive: 'Conv2D', to: 'cpu', reason: 'groups > 1 has no kernel' });
 */
export function emit(event: EngineEvent): void {
  for (const l of listeners) l(event);
}
