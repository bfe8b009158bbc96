/**
 * The sequence-model rows (issue 16, `--only seq`): a Transformer encoder-layer training step
 * and an LSTM training step on one mindts backend, eager and jitted, next to the same step on
 * tfjs. Each row first checks that both libraries compute the same losses from the same initial
 * weights, and that the jitted step computes what the eager one does; then times the three
 * alternately. Each mindts step is profiled once after: its peak live bytes and its kernel
 * time by primitive. On tfjs-wasm (4.22) most of a step's time is BatchMatMul: only its
 * untransposed product goes through XNNPACK, and the transposed products of the backward pass
 * (and of q·kᵀ) run several times slower (see `tf.profile` of a step).
 */
import { jit } from '@mindts/jit';
import type { Tensor } from '@mindts/tensor';
import type * as tf from '@tensorflow/tfjs-core';
import { ENCODER_STEP, type LossStep, mindtsEncoderParts, tfjsEncoderParts } from './encoderStep.js';
import { type KernelProfile, profileKernels } from './kernelProfile.js';
import { LSTM_STEP, mindtsLstmParts, tfjsLstmParts } from './lstmStep.js';
import { measureSides as interleaved } from './timing.js';

/** Reads a loss and frees it. */
function read(t: Tensor | tf.Tensor): number {
  const v = t.dataSync()[0] as number;
  t.dispose();
  return v;
}

/** The relative difference of two losses. */
const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-30);

/**
 * The three sides of one row, made from the same initial weights: mindts eager, mindts for
 * jit (a second copy), and tfjs.
 * @example
 * const sides: StepSides = { eager, forJit, tfjs };
 */
export interface StepSides {
  readonly eager: LossStep<Tensor>;
  readonly forJit: LossStep<Tensor>;
  readonly tfjs: LossStep<tf.Tensor>;
}

/**
 * How {@link checkAgreement} compares the sides.
 * @example
 * const strict: AgreementOptions = { steps: 4, tfjsSteps: 4, tolerance: 1e-4, jitTolerance: 1e-5 };
 */
export interface AgreementOptions {
  /** Steps taken on each side (default 2). */
  steps?: number;
  /**
   * Leading steps whose mindts and tfjs losses must agree (default `steps`). The first starts from
   * the same weights; later ones also check the two Adam updates, which differ for an LSTM
   * (mindts's two biases are two Adam parameters, Keras's one bias one), so its row compares one.
   */
  tfjsSteps?: number;
  /** Relative tolerance between mindts and tfjs losses (default 1e-3). */
  tolerance?: number;
  /** Relative tolerance between the jitted and the eager losses (default 1e-4). */
  jitTolerance?: number;
}

/**
 * Takes steps on each side and checks they agree (see {@link AgreementOptions}). Returns the
 * losses `[eager, jit, tfjs]`; throws naming the row and the step when they disagree.
 * @example
 * const [eager, jitted, theirs] = checkAgreement('encoder', sides, jit(() => sides.forJit.step()));
 */
export function checkAgreement(
  label: string,
  sides: StepSides,
  jitted: () => Tensor,
  options: AgreementOptions = {},
): [number[], number[], number[]] {
  const { steps = 2, tolerance = 1e-3, jitTolerance = 1e-4 } = options;
  const tfjsSteps = options.tfjsSteps ?? steps;
  const losses: [number[], number[], number[]] = [[], [], []];
  for (let k = 0; k < steps; k++) {
    losses[0].push(read(sides.eager.step()));
    losses[1].push(read(jitted()));
    losses[2].push(read(sides.tfjs.step()));
  }
  for (let k = 0; k < steps; k++) {
    const [e, j, t] = losses.map((l) => l[k] as number) as [number, number, number];
    if ((k < tfjsSteps && !(relative(e, t) <= tolerance)) || !(relative(j, e) <= jitTolerance)) {
      throw new Error(`${label}: step ${k + 1} losses disagree (mindts eager ${e}, jit ${j}, tfjs ${t}); not timing a wrong step.`);
    }
  }
  return losses;
}

/** Runs the sides alternately, sample by sample, so load and GC hit them alike; medians in ms. */
export function measureSides(fns: readonly (() => void)[], warmup: number, runs: number): number[] {
  return interleaved(fns, warmup, runs).map((t) => t.medianMs);
}

/**
 * One measured row: ms per step of each side, tfjs's time over mindts's eager and jitted ones
 * (above 1, mindts is faster), the first-step losses, and the eager step's kernel profile.
 * @example
 * const row = encoderRow(); row.tfjsMs / row.eagerMs === row.vsEager; // true
 */
export interface SeqRow {
  readonly label: string;
  readonly eagerMs: number;
  readonly jitMs: number;
  readonly tfjsMs: number;
  readonly vsEager: number;
  readonly vsJit: number;
  /** The first step's loss on mindts and on tfjs. */
  readonly firstLoss: readonly [number, number];
  readonly profile: KernelProfile;
}

/** Options of {@link measureRow}. */
interface RowTiming {
  readonly warmup: number;
  readonly runs: number;
  /** The primitives to profile (the backend's kernel table). */
  readonly primitives: readonly string[];
  /** How the sides are checked before timing. */
  readonly agreement?: AgreementOptions;
}

/**
 * Checks, times and profiles one row from its sides, then frees them.
 * @example
 * const row = measureRow('encoder', sides, { warmup: 1, runs: 3, primitives: ['MatMul'] });
 */
export function measureRow(label: string, sides: StepSides, timing: RowTiming): SeqRow {
  const jitted = jit(() => sides.forJit.step());
  try {
    const [eager, , theirs] = checkAgreement(label, sides, jitted, timing.agreement);
    const [eagerMs, jitMs, tfjsMs] = measureSides(
      [() => void read(sides.eager.step()), () => void read(jitted()), () => void read(sides.tfjs.step())],
      timing.warmup,
      timing.runs,
    ) as [number, number, number];
    const profile = profileKernels(timing.primitives, () => void read(sides.eager.step()));
    return {
      label,
      eagerMs,
      jitMs,
      tfjsMs,
      vsEager: tfjsMs / eagerMs,
      vsJit: tfjsMs / jitMs,
      firstLoss: [eager[0] as number, theirs[0] as number],
      profile,
    };
  } finally {
    jitted.clear();
    sides.eager.dispose();
    sides.forJit.dispose();
    sides.tfjs.dispose();
  }
}

/**
 * The encoder row ({@link ENCODER_STEP}) on the active mindts and tfjs backends.
 * @example
 * const row = encoderRow(Object.keys(wasmKernels));
 */
export function encoderRow(primitives: readonly string[]): SeqRow {
  const eager = mindtsEncoderParts(ENCODER_STEP);
  const sides = { eager, forJit: mindtsEncoderParts(ENCODER_STEP), tfjs: tfjsEncoderParts(ENCODER_STEP, eager.layer) };
  return measureRow(ENCODER_STEP.label, sides, { ...ENCODER_STEP, primitives });
}

/**
 * The LSTM row ({@link LSTM_STEP}) on the active mindts and tfjs backends.
 * @example
 * const row = lstmRow(Object.keys(wasmKernels));
 */
export function lstmRow(primitives: readonly string[]): SeqRow {
  const eager = mindtsLstmParts(LSTM_STEP);
  const sides = { eager, forJit: mindtsLstmParts(LSTM_STEP), tfjs: tfjsLstmParts(LSTM_STEP, eager.lstm) };
  return measureRow(LSTM_STEP.label, sides, { ...LSTM_STEP, primitives, agreement: { tfjsSteps: 1 } });
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;

/**
 * The rows as a table, then each row's first losses, peak live bytes and slowest primitives.
 * @example
 * console.log(formatSeqTable([encoderRow(names), lstmRow(names)], 'wasm'));
 */
export function formatSeqTable(rows: readonly SeqRow[], side: string, top = 8): string {
  const lines = [
    `| workload | mindts eager ms | mindts jit ms | tfjs-${side} ms | tfjs / eager | tfjs / jit |`,
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.label} | ${r.eagerMs.toFixed(2)} | ${r.jitMs.toFixed(2)} | ${r.tfjsMs.toFixed(2)} | ${r.vsEager.toFixed(2)}× | ${r.vsJit.toFixed(2)}× |`,
    );
  }
  for (const r of rows) {
    const p = r.profile;
    const kernelMs = p.byPrimitive.reduce((s, k) => s + k.ms, 0);
    lines.push(
      '',
      `${r.label}:`,
      `  first-step loss: mindts ${r.firstLoss[0].toPrecision(7)} · tfjs ${r.firstLoss[1].toPrecision(7)}`,
      `  peak live bytes of one eager step: ${mib(p.peakBytes)} (${mib(p.startBytes)} live before it: weights, Adam state, data; ${mib(p.peakBytes - p.startBytes)} more at the peak)`,
      `  one profiled eager step: ${p.totalMs.toFixed(2)} ms, ${kernelMs.toFixed(2)} ms in kernels; slowest primitives:`,
      ...p.byPrimitive
        .slice(0, top)
        .map((k) => `    ${k.primitive.padEnd(22)} ${String(k.calls).padStart(5)} calls ${k.ms.toFixed(2).padStart(8)} ms`),
    );
  }
  return lines.join('\n');
}
