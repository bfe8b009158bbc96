/**
 * Eager vs jit rows (issue 7): the MLP training step (trainStep.ts) and a 10-op elementwise chain
 * on 1M elements, each eager and jitted on one mindts backend, next to TensorFlow.js on the same
 * kind of backend. Prints ms per step, kernels launched per step and the ratios. Nothing here is
 * Node-only: the browser bench's async rows (asyncJitRows.ts) share the chain and the table.
 */
import { jit } from '@mindts/jit';
import * as ops from '@mindts/ops';
import { fromValues, type Tensor, tidy } from '@mindts/tensor';
import * as tf from '@tensorflow/tfjs-core';
import { measureSides } from './timing.js';
import { MLP_STEP, mindtsStepParts, tfjsStepParts } from './trainStep.js';
import { relativeDifference, seededValues } from './workloads.js';

/** One eager-vs-jit row. */
export interface JitRow {
  readonly label: string;
  readonly eagerMs: number;
  readonly jitMs: number;
  readonly tfjsMs: number;
  readonly eagerKernels: number;
  readonly jitKernels: number;
  /** eager / jit: how much faster jit is. */
  readonly jitSpeedup: number;
  /** tfjs / jit: ≥ 1 when the jitted step is at least as fast as tfjs's. */
  readonly vsTfjs: number;
}

/** The chain's length and size. */
export const CHAIN = { label: '10-op elementwise chain, 1M elements', n: 1 << 20, warmup: 3, runs: 15 };

/**
 * Ten elementwise ops: x·1.5 + 0.25 → tanh → ·2 − 0.5 → |·| + 1 → √ → ·x → relu; in `tidy` as
 * tfjs's runs in `tf.tidy`.
 * @example
 * const y = jit(mindtsChain)(x);
 */
export function mindtsChain(x: Tensor): Tensor {
  return tidy(() => chain(x));
}

function chain(x: Tensor): Tensor {
  let y = ops.mul(x, 1.5);
  y = ops.add(y, 0.25);
  y = ops.tanh(y);
  y = ops.mul(y, 2);
  y = ops.sub(y, 0.5);
  y = ops.abs(y);
  y = ops.add(y, 1);
  y = ops.sqrt(y);
  y = ops.mul(y, x);
  return ops.relu(y);
}

/**
 * {@link mindtsChain} on tfjs.
 * @example
 * const y = tfjsChain(tf.tensor1d(values));
 */
export function tfjsChain(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    let y = tf.mul(x, 1.5);
    y = tf.add(y, 0.25);
    y = tf.tanh(y);
    y = tf.mul(y, 2);
    y = tf.sub(y, 0.5);
    y = tf.abs(y);
    y = tf.add(y, 1);
    y = tf.sqrt(y);
    y = tf.mul(y, x);
    return tf.relu(y);
  });
}

/**
 * A row from ms per step `[eager, jit, tfjs]` and kernels per step eager and jitted.
 * @example
 * jitRow('chain', [30, 6, 12], 10, 1).jitSpeedup; // 5
 */
export function jitRow(label: string, [eagerMs, jitMs, tfjsMs]: readonly number[], eagerKernels: number, jitKernels: number): JitRow {
  const e = eagerMs as number;
  const j = jitMs as number;
  const t = tfjsMs as number;
  return { label, eagerMs: e, jitMs: j, tfjsMs: t, eagerKernels, jitKernels, jitSpeedup: e / j, vsTfjs: t / j };
}

/**
 * The chain on the active mindts and tfjs backends: checks jit, eager and tfjs agree, then times them.
 * @example
 * const r = chainRow();
 */
export function chainRow(): JitRow {
  const values = seededValues(CHAIN.n, 21);
  const x = fromValues(values, [CHAIN.n], 'float32');
  const tx = tf.tensor1d(values);
  const jitted = jit(mindtsChain);
  const read = (t: Tensor | tf.Tensor) => {
    const v = (t as Tensor).dataSync();
    t.dispose();
    return v;
  };
  try {
    const eager = read(mindtsChain(x));
    read(jitted(x));
    const replay = read(jitted(x));
    const theirs = read(tfjsChain(tx));
    const diff = Math.max(relativeDifference(eager, replay), relativeDifference(eager, theirs));
    if (!(diff <= 1e-5)) throw new Error(`${CHAIN.label}: eager, jit and tfjs disagree (max relative difference ${diff}).`);
    const ms = measureSides(
      [() => void read(mindtsChain(x)), () => void read(jitted(x)), () => void read(tfjsChain(tx))],
      CHAIN.warmup,
      CHAIN.runs,
    ).map((t) => t.medianMs);
    return jitRow(CHAIN.label, ms, jitted.stats().tracedKernels, jitted.stats().kernelsPerCall);
  } finally {
    x.dispose();
    tx.dispose();
    jitted.clear();
  }
}

/**
 * The MLP training step (trainStep.ts) eager, jitted, and on tfjs: checks the jitted step computes
 * what the eager one does, then times the three.
 * @example
 * const r = mlpStepRow();
 */
export function mlpStepRow(): JitRow {
  const eager = mindtsStepParts();
  const jitParts = mindtsStepParts();
  const theirs = tfjsStepParts();
  const jitted = jit(() => jitParts.step());
  const loss = (t: { dataSync(): ArrayLike<number>; dispose(): void }) => {
    const v = t.dataSync()[0] as number;
    t.dispose();
    return v;
  };
  try {
    const a = [loss(eager.step()), loss(eager.step()), loss(eager.step())];
    const b = [loss(jitted()), loss(jitted()), loss(jitted())];
    if (relativeDifference(a, b) > 1e-5 || relativeDifference(eager.w2.dataSync(), jitParts.w2.dataSync()) > 1e-5) {
      throw new Error(`${MLP_STEP.label}: the jitted step disagrees with the eager one (losses ${a} vs ${b}).`);
    }
    const ms = measureSides(
      [() => void loss(eager.step()), () => void loss(jitted()), () => void loss(theirs.step())],
      MLP_STEP.warmup,
      MLP_STEP.runs,
    ).map((t) => t.medianMs);
    return jitRow(MLP_STEP.label, ms, jitted.stats().tracedKernels, jitted.stats().kernelsPerCall);
  } finally {
    jitted.clear();
    eager.dispose();
    jitParts.dispose();
    theirs.dispose();
  }
}

/**
 * The rows as a table.
 * @example
 * console.log(formatJitTable(rows, 'wasm'));
 */
export function formatJitTable(rows: readonly JitRow[], side: string): string {
  const lines = [
    `| workload | eager ms | jit ms | tfjs-${side} ms | kernels eager → jit | jit speedup | jit vs tfjs |`,
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.label} | ${r.eagerMs.toFixed(2)} | ${r.jitMs.toFixed(2)} | ${r.tfjsMs.toFixed(2)} | ${r.eagerKernels} → ${r.jitKernels} | ${r.jitSpeedup.toFixed(2)}× | ${r.vsTfjs.toFixed(2)}× |`,
    );
  }
  return lines.join('\n');
}
