/**
 * Rebuilds a pipeline from its plan, in a worker: the same stage functions the main thread uses,
 * with the same seeds, so the rows come out the same, in the same order.
 */
import { batchPipeline } from '../ops/batchPipeline.js';
import { mapPipeline } from '../ops/mapPipeline.js';
import { projectPipeline, rangePipeline, repeatPipeline, subsetPipeline } from '../ops/rowPipelines.js';
import { shufflePipeline } from '../ops/shufflePipeline.js';
import type { Pipeline } from '../pipeline.js';
import { arraysPipeline } from '../sources/arraysPipeline.js';
import type { Plan } from './plan.js';
import { makeTransform } from './transformPlans.js';

/** The pipeline `plan` describes. */
export function buildPipeline(plan: Plan): Pipeline {
  switch (plan.op) {
    case 'arrays':
      return arraysPipeline(plan.columns, () => plan.arrays, plan.arrays[0]?.shape[0] ?? 0, plan.seed, plan.numSamples);
    case 'map':
      return mapPipeline(buildPipeline(plan.parent), plan.transforms.map(makeTransform), plan.inputs, plan.outputColumns);
    case 'batch':
      return batchPipeline(buildPipeline(plan.parent), plan.batchSize, plan.dropRemainder);
    case 'shuffle':
      return shufflePipeline(buildPipeline(plan.parent), plan.bufferSize, plan.seed);
    case 'repeat':
      return repeatPipeline(buildPipeline(plan.parent), plan.count);
    case 'range':
      return rangePipeline(buildPipeline(plan.parent), plan.start, plan.count);
    case 'project':
      return projectPipeline(buildPipeline(plan.parent), plan.indices);
    case 'subset':
      return subsetPipeline(buildPipeline(plan.parent), plan.member);
    default:
      throw new TypeError(`dataset worker: unknown pipeline stage '${(plan as { op: unknown }).op}'.`);
  }
}

/** The whole-column buffers of a plan's sources: rows viewing them must be copied, not transferred. */
export function sourceBuffers(plan: Plan, out: Set<ArrayBufferLike> = new Set()): Set<ArrayBufferLike> {
  if (plan.op === 'arrays') for (const a of plan.arrays) out.add(a.data.buffer);
  else sourceBuffers(plan.parent, out);
  return out;
}
