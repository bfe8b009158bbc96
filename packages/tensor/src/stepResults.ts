/**
 * The ownership rule that lets a plain training loop run without `tidy`: what a step function
 * (a gradient function, a training Cell) hands out lives until its next call. MindSpore and
 * PyTorch code never frees a loss or its gradients; reference counting does it for them.
 * JavaScript has nothing like it for storage outside the heap, and a FinalizationRegistry never
 * runs inside a synchronous loop, so the step function does it instead.
 */
import { isDisposed, isKept, nextTensorId } from './engine.js';
import { inTidy, tensorsIn } from './scope.js';
import type { Tensor } from './tensor.js';
import { isTracing } from './trace.js';

/**
 * The results of one step function's calls. `begin()` before the call, `end(args, result)`
 * after it: tensors the previous call created and handed out are freed unless they are kept
 * (`keep(t)`), passed into this call, or handed out again. Inside `tidy` (the scope frees them)
 * and while `jit` traces, nothing is held or freed.
 * @example
 * const results = new StepResults();
 * const step = (x: Tensor) => {
 *   const mark = results.begin();
 *   const out = ops.mul(x, 2);
 *   results.end([x], out, mark);
 *   return out;
 * };
 */
export class StepResults {
  private held: Tensor[] = [];

  /** Marks the start of a call: tensors created from here on are this call's. */
  begin(): number {
    return nextTensorId();
  }

  /** Frees the previous call's results (see the class) and holds this call's. */
  end(args: unknown, result: unknown, mark: number): void {
    if (inTidy() || isTracing()) return;
    const live = tensorsIn(result);
    const passed = tensorsIn(args);
    const next = new Set([...live].filter((t) => t.id > mark));
    for (const t of this.held) {
      if (isDisposed(t) || isKept(t)) continue;
      // A result passed back in (an RNN's state) or handed out again stays held, for the next call.
      if (live.has(t) || passed.has(t)) next.add(t);
      else t.dispose();
    }
    this.held = [...next];
  }

  /** Frees what the last call handed out (unless kept), e.g. when the step function is retired. */
  release(): void {
    for (const t of this.held) if (!isDisposed(t) && !isKept(t)) t.dispose();
    this.held = [];
  }
}
