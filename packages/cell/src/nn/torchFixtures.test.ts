/**
 * mindts against PyTorch 1.13 on the cpu backend: every fixture of fixtures/torch (written by
 * transformer.py, rnn.py and conv.py: weights, inputs, outputs and the gradients of Σ
 * outputs·cotangents) forward and backward to 1e-4 relative, in float32 (what users run), and the
 * `layer` fixtures also in float64, where mindts matches the float64 oracle element by element.
 * The same cases run on wasm and gpu.js in packages/mindts/src/torchFixtures.test.ts and on gpu.js's
 * browser modes in @mindts/backend-gpujs' browser suite.
 */
import { cpu } from '@mindts/backend-cpu';
import { expect, it } from 'vitest';
import { describeTorchFixtures, readTorchFixtures } from '../../fixtures/torch/describeTorchFixtures.js';
import { fixtureCases } from '../../fixtures/torch/fixtureCases.js';
import { FIXTURE_LAYERS } from '../../fixtures/torch/layerFixture.js';

it('has a `layer` fixture for every layer of transformer.py, and cases in every fixture file', () => {
  const files = readTorchFixtures();
  const layers = Object.values(files).flatMap((j) => {
    const layer = (j as { layer?: string }).layer;
    return layer ? [layer] : [];
  });
  expect([...new Set(layers)].sort()).toEqual([...FIXTURE_LAYERS].sort());
  expect(new Set(fixtureCases(files).map((c) => c.file))).toEqual(new Set(Object.keys(files)));
});

describeTorchFixtures({ backend: cpu(), dtypes: ['float64', 'float32'] });
