import { wasmKernels } from '@mindts/backend-wasm';
import { jit } from '@mindts/jit';
import { getKernel } from '@mindts/tensor/backend';
import { describe, expect, it } from 'vitest';
import { type EncoderConfig, mindtsEncoderParts, tfjsEncoderParts } from './encoderStep.js';
import { profileKernels } from './kernelProfile.js';
import { type LstmConfig, mindtsLstmParts, tfjsLstmParts } from './lstmStep.js';
import { setupMindts, useMindtsBackend } from './mindtsCases.js';
import { checkAgreement, measureRow } from './seqRows.js';
import { setupTfjs, useTfjsBackend } from './tfjsCases.js';

const ENCODER: EncoderConfig = { batch: 2, seq: 3, dModel: 8, heads: 2, ff: 16, lr: 1e-2 };
const LSTM: LstmConfig = { input: 3, hidden: 4, seq: 5, batch: 2, lr: 1e-2 };

async function use(side: 'cpu' | 'wasm') {
  await setupMindts();
  await setupTfjs();
  await useMindtsBackend(side);
  await useTfjsBackend(side);
}

const encoderSides = (seedForTfjs = 7) => {
  const eager = mindtsEncoderParts(ENCODER);
  const source = seedForTfjs === 7 ? eager : mindtsEncoderParts(ENCODER, seedForTfjs);
  const tfjs = tfjsEncoderParts(ENCODER, source.layer);
  if (source !== eager) source.dispose();
  return { eager, forJit: mindtsEncoderParts(ENCODER), tfjs };
};

const lstmSides = () => {
  const eager = mindtsLstmParts(LSTM);
  return { eager, forJit: mindtsLstmParts(LSTM), tfjs: tfjsLstmParts(LSTM, eager.lstm) };
};

describe('sequence-model training-step rows', () => {
  for (const side of ['cpu', 'wasm'] as const) {
    it(`${side}: the encoder layer takes the same Adam steps on mindts (eager and jitted) and tfjs, and its loss falls`, async () => {
      await use(side);
      const sides = encoderSides();
      const jitted = jit(() => sides.forJit.step());
      const [eager, jitLosses, theirs] = checkAgreement('tiny encoder', sides, jitted, { steps: 4, tolerance: 1e-4, jitTolerance: 1e-5 });
      for (let k = 0; k < 4; k++) {
        expect(jitLosses[k]).toBeCloseTo(eager[k] as number, 5);
        expect(theirs[k]).toBeCloseTo(eager[k] as number, 4);
      }
      // LayerNorm outputs against targets uniform in ±1: about 1 + 1/3 at first, and Adam lowers it.
      expect(eager[0]).toBeGreaterThan(0.8);
      expect(eager[0]).toBeLessThan(2);
      expect(eager[3]).toBeLessThan(eager[0] as number);
      jitted.clear();
      for (const s of Object.values(sides)) s.dispose();
    });

    it(`${side}: the LSTM's first loss equals tf.layers.lstm's, its jitted steps equal the eager ones, and both losses fall`, async () => {
      await use(side);
      const sides = lstmSides();
      const jitted = jit(() => sides.forJit.step());
      const options = { steps: 4, tfjsSteps: 1, tolerance: 1e-4, jitTolerance: 1e-5 };
      const [eager, jitLosses, theirs] = checkAgreement('tiny LSTM', sides, jitted, options);
      for (let k = 0; k < 4; k++) expect(jitLosses[k]).toBeCloseTo(eager[k] as number, 5);
      expect(theirs[0]).toBeCloseTo(eager[0] as number, 5);
      // Later steps differ a little: mindts's two biases are two Adam parameters, Keras's one bias one.
      expect(Math.abs((theirs[3] as number) - (eager[3] as number))).toBeLessThan(0.05 * (eager[0] as number));
      expect(eager[0]).toBeGreaterThan(0.02);
      expect(eager[3]).toBeLessThan(eager[0] as number);
      expect(theirs[3]).toBeLessThan(theirs[0] as number);
      jitted.clear();
      for (const s of Object.values(sides)) s.dispose();
    });
  }

  it('refuses to time steps that disagree: tfjs from other initial weights', async () => {
    await use('cpu');
    const sides = encoderSides(8);
    const jitted = jit(() => sides.forJit.step());
    expect(() => checkAgreement('tiny encoder', sides, jitted)).toThrow(/tiny encoder: step 1 losses disagree/);
    jitted.clear();
    for (const s of Object.values(sides)) s.dispose();
  });

  it('times and profiles a row on wasm: ratios of the medians, peak bytes, kernels by primitive, kernels restored', async () => {
    await use('wasm');
    const primitives = Object.keys(wasmKernels);
    const matMul = getKernel('MatMul', 'wasm');
    const row = measureRow('tiny encoder', encoderSides(), { warmup: 0, runs: 1, primitives });
    expect(row.vsEager).toBeCloseTo(row.tfjsMs / row.eagerMs, 10);
    expect(row.vsJit).toBeCloseTo(row.tfjsMs / row.jitMs, 10);
    expect(row.firstLoss[0]).toBeCloseTo(row.firstLoss[1], 4);
    // Weights, Adam's moments and the data are live before the step; activations and gradients add to them.
    expect(row.profile.startBytes).toBeGreaterThan(0);
    expect(row.profile.peakBytes).toBeGreaterThan(row.profile.startBytes);
    const matMulStats = row.profile.byPrimitive.find((k) => k.primitive === 'MatMul');
    expect(matMulStats?.calls).toBeGreaterThan(5);
    expect(getKernel('MatMul', 'wasm')).toBe(matMul);
  });

  it('profileKernels restores the kernels even when the function throws', async () => {
    await use('wasm');
    const before = getKernel('Binary', 'wasm');
    expect(() =>
      profileKernels(['Binary'], () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(getKernel('Binary', 'wasm')).toBe(before);
  });
});
