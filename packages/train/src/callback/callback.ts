/**
 * `Callback`, after mindspore/python/mindspore/train/callback/_callback.py (MindSpore 2.x).
 */
import type { RunContext } from './runContext.js';

/**
 * What a hook returns: nothing, or a Promise `Model` waits for (a checkpoint being written).
 * @example
 * const done: HookResult = Promise.resolve();
 */
export type HookResult = void | Promise<void>;

/**
 * The base class of callbacks (MindSpore `Callback`). `Model.train`/`eval`/`fit` call the hooks in
 * this order: `onTrainBegin`, then per epoch `onTrainEpochBegin`, per step `onTrainStepBegin` /
 * `onTrainStepEnd`, `onTrainEpochEnd`, and `onTrainEnd`; `eval` calls the `onEval*` hooks the same
 * way. Each hook receives the {@link RunContext}; a hook may be async, `Model` waits for it.
 * As in MindSpore, every `onTrain*`/`onEval*` hook calls by default its backwards-compatible alias
 * (`begin`, `epochBegin`, `stepBegin`, `stepEnd`, `epochEnd`, `end`), so overriding an alias
 * covers both training and evaluation.
 * @example
 * class PrintStep extends Callback {
 *   override onTrainStepEnd(ctx: RunContext) {
 *     console.log('step', ctx.originalArgs().curStepNum);
 *   }
 * }
 * await model.train(1, data, { callbacks: [new PrintStep()] });
 */
export class Callback {
  /**
   * Before the network runs (alias of `onTrainBegin` and `onEvalBegin`).
   * @example
   * override begin(ctx: RunContext) {}
   */
  begin(_runContext: RunContext): HookResult {}
  /**
   * Before each epoch (alias of `onTrainEpochBegin` and `onEvalEpochBegin`).
   * @example
   * override epochBegin(ctx: RunContext) {}
   */
  epochBegin(_runContext: RunContext): HookResult {}
  /**
   * After each epoch (alias of `onTrainEpochEnd` and `onEvalEpochEnd`).
   * @example
   * override epochEnd(ctx: RunContext) {}
   */
  epochEnd(_runContext: RunContext): HookResult {}
  /**
   * Before each step (alias of `onTrainStepBegin` and `onEvalStepBegin`).
   * @example
   * override stepBegin(ctx: RunContext) {}
   */
  stepBegin(_runContext: RunContext): HookResult {}
  /**
   * After each step (alias of `onTrainStepEnd` and `onEvalStepEnd`).
   * @example
   * override stepEnd(ctx: RunContext) {}
   */
  stepEnd(_runContext: RunContext): HookResult {}
  /**
   * After the run (alias of `onTrainEnd` and `onEvalEnd`).
   * @example
   * override end(ctx: RunContext) {}
   */
  end(_runContext: RunContext): HookResult {}

  /**
   * Once before training.
   * @example
   * override onTrainBegin(ctx: RunContext) {}
   */
  onTrainBegin(runContext: RunContext): HookResult {
    return this.begin(runContext);
  }
  /**
   * Before each training epoch.
   * @example
   * override onTrainEpochBegin(ctx: RunContext) {}
   */
  onTrainEpochBegin(runContext: RunContext): HookResult {
    return this.epochBegin(runContext);
  }
  /**
   * After each training epoch (in `fit`, after that epoch's evaluation, if any).
   * @example
   * override onTrainEpochEnd(ctx: RunContext) {}
   */
  onTrainEpochEnd(runContext: RunContext): HookResult {
    return this.epochEnd(runContext);
  }
  /**
   * Before each training step.
   * @example
   * override onTrainStepBegin(ctx: RunContext) {}
   */
  onTrainStepBegin(runContext: RunContext): HookResult {
    return this.stepBegin(runContext);
  }
  /**
   * After each training step: `netOutputs` holds the step's loss.
   * @example
   * override onTrainStepEnd(ctx: RunContext) { ctx.originalArgs().netOutputs; }
   */
  onTrainStepEnd(runContext: RunContext): HookResult {
    return this.stepEnd(runContext);
  }
  /**
   * Once after training.
   * @example
   * override onTrainEnd(ctx: RunContext) {}
   */
  onTrainEnd(runContext: RunContext): HookResult {
    return this.end(runContext);
  }
  /**
   * Once before an evaluation.
   * @example
   * override onEvalBegin(ctx: RunContext) {}
   */
  onEvalBegin(runContext: RunContext): HookResult {
    return this.begin(runContext);
  }
  /**
   * Before the evaluation's pass over the data.
   * @example
   * override onEvalEpochBegin(ctx: RunContext) {}
   */
  onEvalEpochBegin(runContext: RunContext): HookResult {
    return this.epochBegin(runContext);
  }
  /**
   * After the evaluation's pass over the data.
   * @example
   * override onEvalEpochEnd(ctx: RunContext) {}
   */
  onEvalEpochEnd(runContext: RunContext): HookResult {
    return this.epochEnd(runContext);
  }
  /**
   * Before each evaluation step.
   * @example
   * override onEvalStepBegin(ctx: RunContext) {}
   */
  onEvalStepBegin(runContext: RunContext): HookResult {
    return this.stepBegin(runContext);
  }
  /**
   * After each evaluation step.
   * @example
   * override onEvalStepEnd(ctx: RunContext) {}
   */
  onEvalStepEnd(runContext: RunContext): HookResult {
    return this.stepEnd(runContext);
  }
  /**
   * Once after an evaluation: `metrics` holds the results.
   * @example
   * override onEvalEnd(ctx: RunContext) { ctx.originalArgs().metrics; }
   */
  onEvalEnd(runContext: RunContext): HookResult {
    return this.end(runContext);
  }
}

/** The hooks `Model` calls. */
export type HookName =
  | 'onTrainBegin'
  | 'onTrainEpochBegin'
  | 'onTrainStepBegin'
  | 'onTrainStepEnd'
  | 'onTrainEpochEnd'
  | 'onTrainEnd'
  | 'onEvalBegin'
  | 'onEvalEpochBegin'
  | 'onEvalStepBegin'
  | 'onEvalStepEnd'
  | 'onEvalEpochEnd'
  | 'onEvalEnd';

/** Checks `callbacks` (a Callback, an array of them, or nothing), as MindSpore's `_CallbackManager`. */
export function callbackList(callbacks: unknown, where: string): Callback[] {
  if (callbacks === undefined || callbacks === null) return [];
  const list = Array.isArray(callbacks) ? callbacks : [callbacks];
  list.forEach((cb, i) => {
    if (!(cb instanceof Callback)) {
      throw new TypeError(`For '${where}', callbacks[${i}] must be a Callback, but got ${cb === null ? 'null' : typeof cb}.`);
    }
  });
  return list as Callback[];
}

/** Calls `hook` on every callback in order, waiting for each. */
export async function runHook(callbacks: readonly Callback[], hook: HookName, ctx: RunContext): Promise<void> {
  for (const cb of callbacks) await cb[hook](ctx);
}
