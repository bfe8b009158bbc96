/**
 * What an optimizer step does with the gradients it is handed: checks every one before anything
 * is updated (so a bad gradient changes nothing), and frees them once the update is applied
 * (so a plain MindSpore-style training loop does not grow).
 */
import { Parameter } from '@mindts/parameter';
import { Tensor } from '@mindts/tensor';
import { isDisposed, isKept } from '@mindts/tensor/backend';
import { typeName } from '../../cellState.js';

/**
 * Checks `gradients` against `params` — one Tensor per parameter, alive, of its shape and dtype
 * (MindSpore's optimizer primitives require the gradient's dtype to be the parameter's) — and
 * returns them as an array. Nothing is read from the device.
 */
export function checkGradientList(gradients: unknown, params: readonly Parameter[], cls: string): Tensor[] {
  const list = gradients instanceof Tensor ? [gradients] : Array.isArray(gradients) ? gradients : null;
  if (!list) throw new TypeError(`For '${cls}', the 'gradients' must be an array of Tensors, but got ${typeName(gradients)}.`);
  if (list.length !== params.length) {
    throw new RangeError(`For '${cls}', the number of gradients (${list.length}) must equal the number of parameters (${params.length}).`);
  }
  list.forEach((g: unknown, i) => {
    const p = params[i] as Parameter;
    if (!(g instanceof Tensor) || g.rank !== p.rank || g.shape.some((d, k) => d !== p.shape[k])) {
      const got = g instanceof Tensor ? `shape [${g.shape.join(', ')}]` : typeName(g);
      throw new RangeError(`For '${cls}', the gradient ${i} must have the shape of '${p.name}' [${p.shape.join(', ')}], but got ${got}.`);
    }
    if (g.dtype !== p.dtype) {
      throw new TypeError(`For '${cls}', the gradient ${i} must have the dtype of '${p.name}' (${p.dtype}), but got ${g.dtype}.`);
    }
    if (isDisposed(g)) {
      throw new Error(
        `For '${cls}', the gradient ${i} (for '${p.name}') has been disposed. optimizer.call(grads) frees the gradients it ` +
          'is handed once the step is applied; keep() a gradient to use it again.',
      );
    }
  });
  return list as Tensor[];
}

/** Frees the gradients of an applied step, except Parameters and tensors marked with `keep()`. */
export function releaseGradients(gradients: readonly Tensor[]): void {
  for (const g of new Set(gradients)) {
    if (!(g instanceof Parameter) && !isDisposed(g) && !isKept(g)) g.dispose();
  }
}
