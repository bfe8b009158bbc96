/**
 * What the bad-input walks (badInputWalk.test.ts, optionsWalk.test.ts) share: what counts as an
 * unclear error (a message that says where the code broke rather than what the caller did wrong),
 * and how to free what an accepted call returned.
 */
import { releaseTape, type Tape } from '../../../packages/tensor/src/backend.js';
import { Tensor } from '../../../packages/tensor/src/index.js';

/** Messages that say where the code broke rather than what the caller did wrong. */
export const UNCLEAR = [
  'Cannot read properties of',
  'is not a function',
  'is not iterable',
  'Maximum call stack',
  'Invalid typed array length',
  'Invalid array length',
  'Cannot convert',
  'is not a constructor',
  'Array buffer allocation failed',
];
/** Whether `message` is empty or says where the code broke (UNCLEAR). */
export function isUnclear(message: string): boolean {
  const m = message.trim();
  return m === '' || m === 'undefined' || UNCLEAR.some((u) => m.includes(u));
}

/** Frees what a successful call returned: tensors, Cells, optimizers, arrays and dicts of them. */
export function release(v: unknown, depth = 0): void {
  if (v === null || typeof v !== 'object' || depth > 2) return;
  if (v instanceof Tensor) v.dispose();
  else if (isTape(v)) releaseTape(v);
  else if (Array.isArray(v)) for (const e of v) release(e, depth + 1);
  else if (typeof (v as { dispose?: unknown }).dispose === 'function') (v as { dispose(): void }).dispose();
  else if (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null) {
    for (const e of Object.values(v)) release(e, depth + 1);
  }
}

/** A tape an accepted `startTape` returned: released, or it would keep recording (and keep tensors alive). */
function isTape(v: object): v is Tape {
  return 'deferred' in v && 'traced' in v && 'nodes' in v;
}
