/**
 * The plan of a pipeline: a description of its stages made only of data (numbers, strings, typed
 * arrays), so a worker thread can rebuild the same pipeline and run it ahead of the training step.
 * A stage that runs user code (a map function, a GeneratorDataset source) has no plan; it says why.
 */
import type { HostArray } from '../hostArray.js';

/** A built-in transform as its class name and constructor arguments. */
export interface TransformPlan {
  readonly name: 'TypeCast' | 'Rescale' | 'Normalize' | 'HWC2CHW' | 'OneHot';
  readonly args: readonly unknown[];
}

/** One stage and, through `parent`, every stage before it. */
export type Plan =
  | {
      readonly op: 'arrays';
      readonly columns: readonly string[];
      /** Whole columns: row `i` is element `i` along the first axis. */
      readonly arrays: readonly HostArray[];
      readonly seed: number | undefined;
      readonly numSamples: number | undefined;
    }
  | {
      readonly op: 'map';
      readonly parent: Plan;
      readonly transforms: readonly TransformPlan[];
      readonly inputs: readonly number[];
      readonly outputColumns: readonly string[];
    }
  | { readonly op: 'batch'; readonly parent: Plan; readonly batchSize: number; readonly dropRemainder: boolean }
  | { readonly op: 'shuffle'; readonly parent: Plan; readonly bufferSize: number; readonly seed: number }
  | { readonly op: 'repeat'; readonly parent: Plan; readonly count: number }
  | { readonly op: 'range'; readonly parent: Plan; readonly start: number; readonly count: number }
  | { readonly op: 'project'; readonly parent: Plan; readonly indices: readonly number[] }
  | { readonly op: 'subset'; readonly parent: Plan; readonly member: Uint8Array };

/**
 * Whether a pipeline can run in a worker: `plan()` describes it (called when a worker starts, so
 * a source may load its data lazily), or `reason` says what keeps it on the main thread.
 */
export type WorkerSupport = { readonly plan: () => Plan } | { readonly reason: string };

/** What a stage without a plan of its own (a custom Pipeline) reports. */
const CUSTOM = 'the pipeline starts from a custom Pipeline, whose rows a worker cannot rebuild';

/** The support of a stage over `parent`: `make` wraps the parent's plan, or the parent's reason carries over. */
export function derivePlan(parent: { readonly worker?: WorkerSupport }, make: (parent: Plan) => Plan): WorkerSupport {
  const support = parent.worker;
  if (!support) return { reason: CUSTOM };
  if ('reason' in support) return support;
  return { plan: () => make(support.plan()) };
}
