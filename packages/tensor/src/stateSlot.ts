/**
 * How the engine reaches a Tensor's state: the Tensor class fills this holder (in a static block)
 * with a reader and a writer of its private `#state` field. A private field, not a WeakMap keyed
 * by tensor: such a map keeps an entry for every tensor ever made until a full collection, and
 * every young-generation collection walks its table; in a small training step that cost more than
 * the kernels. Only a Tensor made by its constructor has the field, so a look-alike (an object
 * that only inherits from `Tensor.prototype`, or a Proxy of a Tensor) reads as no state at all.
 * This module imports nothing, so the engine and the Tensor class can both load it first.
 */
export const stateSlot = {
  /** The state stored on `t`, or undefined when `t` is not a Tensor made by its constructor. */
  read: (_t: unknown): unknown => undefined,
  /** Stores `state` on Tensor `t`. */
  write: (_t: object, _state: unknown): void => {
    throw new Error('stateSlot: the Tensor class has not loaded yet.');
  },
};
