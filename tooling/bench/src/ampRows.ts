/**
 * The mixed-precision row (issue 18): the MLP training step of trainStep.ts on the wasm backend
 * in float32 and with `amp.autoMixedPrecision(net, 'O2')` (float16 compute, float32 master
 * weights and loss), from the same seeded weights and batch, timed alternately in one run. The
 * goal: O2's step costs at most 1.1× float32's. Also reports what fell back to the CPU backend
 * during the O2 steps (the goal needs none).
 */
import type { WasmBackend } from '@mindts/backend-wasm';
import { amp } from '@mindts/cell';
import { getBackend } from '@mindts/tensor';
import { measurePair } from './timing.js';
import { MLP_STEP, mindtsMlp } from './trainStep.js';

/** The goal: O2 time / float32 time at most this. */
export const AMP_GOAL = 1.1;

/** The row: median ms per step each way, their ratio, the first losses and the O2 fallbacks. */
export interface AmpRow {
  readonly label: string;
  readonly fp32Ms: number;
  readonly o2Ms: number;
  /** O2 / float32 (≤ {@link AMP_GOAL} meets the goal). */
  readonly ratio: number;
  readonly fp32Loss: number;
  readonly o2Loss: number;
  /** `primitive: reason` of each CPU fallback the O2 steps caused. */
  readonly fallbacks: readonly string[];
}

/** One SGD step of the MLP at `level` ('O0': float32); returns a step that reads its loss back. */
export function ampStep(level: 'O0' | 'O2'): { step: () => number; dispose: () => void } {
  const { opt, x, y, gradFn, dispose } = mindtsMlp((net) => amp.autoMixedPrecision(net, level));
  return {
    step() {
      const [l, grads] = gradFn(x, y);
      opt.call(grads);
      for (const g of grads) g.dispose();
      const value = l.dataSync()[0] as number;
      l.dispose();
      return value;
    },
    dispose,
  };
}

/**
 * Times the float32 and the O2 step alternately on the active backend (the wasm one).
 * @example
 * await useMindtsBackend('wasm');
 * const row = ampRow(); // row.ratio ≤ 1.1 meets the goal
 */
export function ampRow(): AmpRow {
  const backend = getBackend() as WasmBackend;
  const seen = backend.explain().fallbacks.length;
  const fp32 = ampStep('O0');
  const o2 = ampStep('O2');
  try {
    const [fp32Loss, o2Loss] = [fp32.step(), o2.step()];
    if (!(Math.abs(o2Loss - fp32Loss) <= 1e-2 * Math.abs(fp32Loss))) {
      throw new Error(`${MLP_STEP.label}: the O2 loss ${o2Loss} is not the float32 loss ${fp32Loss} to float16 precision; not timing it.`);
    }
    const [a, b] = measurePair(
      () => void fp32.step(),
      () => void o2.step(),
      MLP_STEP.warmup,
      MLP_STEP.runs,
    );
    const fallbacks = backend
      .explain()
      .fallbacks.slice(seen)
      .map((f) => `${f.primitive}: ${f.reason}`);
    return { label: MLP_STEP.label, fp32Ms: a.medianMs, o2Ms: b.medianMs, ratio: b.medianMs / a.medianMs, fp32Loss, o2Loss, fallbacks };
  } finally {
    fp32.dispose();
    o2.dispose();
  }
}

/**
 * The row as printed lines.
 * @example
 * console.log(formatAmpRow(ampRow()));
 */
export function formatAmpRow(r: AmpRow): string {
  return [
    `${r.label}: float32 ${r.fp32Ms.toFixed(2)} ms · O2 ${r.o2Ms.toFixed(2)} ms · O2/float32 ${r.ratio.toFixed(2)}× (${MLP_STEP.runs} runs each, alternating)`,
    `first loss: float32 ${r.fp32Loss.toPrecision(8)} · O2 ${r.o2Loss.toPrecision(8)}`,
    r.fallbacks.length === 0 ? 'O2 steps: no CPU fallbacks' : `O2 steps fell back to the CPU backend: ${r.fallbacks.join('; ')}`,
  ].join('\n');
}
