/**
 * The eager-vs-jit rows of jitRows.ts with every result read back by `await t.data()`, as the
 * browser bench needs on gpu.js's WebGL2 and WebGPU modes (WebGPU has no synchronous read):
 * the MLP training step and the 10-op chain, eager, jitted and on the tfjs peer backend, timed
 * one side after another.
 */
import { jit } from '@mindts/jit';
import { fromValues } from '@mindts/tensor';
import * as tf from '@tensorflow/tfjs-core';
import { GPUJS_AGREEMENT } from './gpujsComparison.js';
import { CHAIN, type JitRow, jitRow, mindtsChain, tfjsChain } from './jitRows.js';
import { measure } from './timing.js';
import { MLP_STEP, mindtsStepParts, tfjsStepParts } from './trainStep.js';
import { relativeDifference, seededValues } from './workloads.js';

type Readable = { data(): Promise<ArrayLike<number>>; dispose(): void };

/** Reads `t` back and disposes it. */
async function read(t: Readable): Promise<ArrayLike<number>> {
  try {
    return await t.data();
  } finally {
    t.dispose();
  }
}

/**
 * Median ms of each side, one side after another (`warmup` untimed runs, then `runs` timed), not
 * alternating as the Node rows do: on WebGPU a training step's weight updates may still be queued
 * when its loss has been read, and the next run of the same side waits for them (it reads those
 * weights), while alternating would charge them to whichever side runs next.
 * @example
 * const [mine, theirs] = await measureSidesAsync([() => read(a()), () => read(b())], 1, 5);
 */
export async function measureSidesAsync(fns: readonly (() => Promise<unknown>)[], warmup: number, runs: number): Promise<number[]> {
  const medians: number[] = [];
  for (const f of fns) medians.push((await measure(f, warmup, runs)).medianMs);
  return medians;
}

/**
 * The 10-op chain on the active mindts and tfjs backends: checks that eager, jit and tfjs agree
 * (within {@link GPUJS_AGREEMENT}), then times them, `warmup` + `runs` each.
 * @example
 * await setBackend('gpujs-webgl2'); await tf.setBackend('webgl');
 * const r = await asyncChainRow(1, 7);
 */
export async function asyncChainRow(warmup = CHAIN.warmup, runs = CHAIN.runs): Promise<JitRow> {
  const values = seededValues(CHAIN.n, 21);
  const x = fromValues(values, [CHAIN.n], 'float32');
  const tx = tf.tensor1d(values);
  const jitted = jit(mindtsChain);
  try {
    const eager = await read(mindtsChain(x));
    await read(jitted(x));
    const replay = await read(jitted(x));
    const theirs = await read(tfjsChain(tx));
    const diff = Math.max(relativeDifference(eager, replay), relativeDifference(eager, theirs));
    if (!(diff <= GPUJS_AGREEMENT)) throw new Error(`${CHAIN.label}: eager, jit and tfjs disagree (max relative difference ${diff}).`);
    const ms = await measureSidesAsync([() => read(mindtsChain(x)), () => read(jitted(x)), () => read(tfjsChain(tx))], warmup, runs);
    return jitRow(CHAIN.label, ms, jitted.stats().tracedKernels, jitted.stats().kernelsPerCall);
  } finally {
    x.dispose();
    tx.dispose();
    jitted.clear();
  }
}

/**
 * The MLP training step (trainStep.ts) eager, jitted, and on tfjs, on the active backends: checks
 * three steps of each agree (losses and updated weights), then times them.
 * @example
 * const r = await asyncMlpStepRow(1, 5);
 */
export async function asyncMlpStepRow(warmup = MLP_STEP.warmup, runs = MLP_STEP.runs): Promise<JitRow> {
  const eager = mindtsStepParts();
  const jitParts = mindtsStepParts();
  const theirs = tfjsStepParts();
  const jitted = jit(() => jitParts.step());
  const loss = async (t: Readable) => (await read(t))[0] as number;
  try {
    const losses: number[][] = [[], [], []];
    for (let i = 0; i < 3; i++) {
      losses[0]?.push(await loss(eager.step()));
      losses[1]?.push(await loss(jitted()));
      losses[2]?.push(await loss(theirs.step()));
    }
    const [a, b, c] = losses as [number[], number[], number[]];
    const w2 = await eager.w2.data();
    const diff = Math.max(
      relativeDifference(b, a),
      relativeDifference(c, a),
      relativeDifference(await jitParts.w2.data(), w2),
      relativeDifference(await theirs.w2.data(), w2),
    );
    if (!(diff <= GPUJS_AGREEMENT)) {
      throw new Error(`${MLP_STEP.label}: eager, jit and tfjs disagree (losses ${a} / ${b} / ${c}, max relative difference ${diff}).`);
    }
    const ms = await measureSidesAsync([() => loss(eager.step()), () => loss(jitted()), () => loss(theirs.step())], warmup, runs);
    return jitRow(MLP_STEP.label, ms, jitted.stats().tracedKernels, jitted.stats().kernelsPerCall);
  } finally {
    jitted.clear();
    eager.dispose();
    jitParts.dispose();
    theirs.dispose();
  }
}
