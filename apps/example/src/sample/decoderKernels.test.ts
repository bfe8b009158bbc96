import { cpu } from '@mindts/backend-cpu';
import { wasm } from '@mindts/backend-wasm';
import { nn } from '@mindts/cell';
import * as ops from '@mindts/ops';
import { fromValues, listBackends, memory, registerBackend, randn, setBackend, setSeed, type Tensor, tidy } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { CharGPT } from '../train/languageModels.js';
import { biasAndResidual, rowDense, rowLayerNorm, singleQueryAttention, stepConstants } from './decoderKernels.js';
import { incrementalDecoder } from './incrementalDecoder.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  if (!listBackends().includes('kernels-wasm')) registerBackend(wasm({ name: 'kernels-wasm', threads: 1 }));
});

function expectClose(got: Tensor, want: Tensor): void {
  expect(got.shape).toEqual(want.shape);
  const g = got.dataSync();
  const w = want.dataSync();
  for (let i = 0; i < w.length; i++) expect(g[i]).toBeCloseTo(w[i] as number, 5);
}

describe.each(['cpu', 'kernels-wasm'])('decoderKernels on %s', (backend) => {
  it('rowLayerNorm gives nn.LayerNorm (its epsilon, gamma and beta), and frees its temporaries', async () => {
    await setBackend(backend);
    setSeed(5);
    const ln = new nn.LayerNorm([8], { epsilon: 1e-5, gammaInit: 'normal', betaInit: 'normal' });
    const x = ops.add(ops.mul(randn([3, 8]), 4), 2);
    (ln.call(x) as Tensor).dispose(); // gamma and beta are made on first use
    const before = memory().numTensors;
    tidy(() => {
      const c = stepConstants(8, 4);
      expectClose(rowLayerNorm(ln, x, c), ln.call(x) as Tensor);
    });
    expect(memory().numTensors).toBe(before);
    x.dispose();
    ln.dispose();
  });

  it('singleQueryAttention gives softmax(q·kᵀ/√headDim)·v of one query per head', async () => {
    await setBackend(backend);
    setSeed(6);
    tidy(() => {
      const [b, h, t, hd] = [2, 3, 5, 4];
      const q = randn([b, h, 1, hd]);
      const keys = randn([b, h, t, hd]);
      const values = randn([b, h, t, hd]);
      const want = ops.matmul(ops.softmax(ops.matmul(ops.div(q, Math.sqrt(hd)), keys, { transposeB: true }), -1), values);
      expectClose(singleQueryAttention(q, keys, values, stepConstants(h * hd, hd)), ops.reshape(want, [b, h, hd]));
    });
  });

  it('rowDense gives the Dense layer, plus the residual; biasAndResidual without a bias adds the residual', async () => {
    await setBackend(backend);
    setSeed(7);
    const dense = new nn.Dense(6, 5);
    const bare = new nn.Dense(6, 5, { hasBias: false });
    tidy(() => {
      const x = randn([4, 6]);
      const r = randn([4, 5]);
      expectClose(rowDense(dense, x), dense.call(x) as Tensor);
      expectClose(rowDense(dense, x, r), ops.add(r, dense.call(x) as Tensor));
      expectClose(rowDense(bare, x, r), ops.add(r, bare.call(x) as Tensor));
      expectClose(biasAndResidual(x, null), x);
    });
    dense.dispose();
    bare.dispose();
  });

  it('the cached GPT step built from them gives the logits of the whole context, eager and jitted', async () => {
    await setBackend(backend);
    setSeed(8);
    const net = new CharGPT({ vocabSize: 11, contextLength: 5, dModel: 16, nhead: 4, numLayers: 2, dropout: 0 });
    net.setTrain(false);
    const rows = [0, 3, 7, 1, 9, 0, 2, 2, 5, 10];
    const full = (net.call(fromValues(Int32Array.from(rows), [2, 5], 'int32')) as Tensor).dataSync();
    for (const jit of [false, true]) {
      const decoder = incrementalDecoder(net, 2, { jit });
      for (let t = 0; t < 5; t++) {
        const logits = decoder?.next(Int32Array.of(rows[t] as number, rows[5 + t] as number)) ?? new Float32Array(0);
        for (let b = 0; b < 2; b++) {
          for (let c = 0; c < 11; c++) expect(logits[b * 11 + c]).toBeCloseTo(full[(b * 5 + t) * 11 + c] as number, 4);
        }
      }
      decoder?.dispose();
    }
    net.dispose();
  });
});
