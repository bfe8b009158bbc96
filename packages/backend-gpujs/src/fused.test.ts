import { cpu } from '@mindts/backend-cpu';
import { jit } from '@mindts/jit';
import { replayResults } from '@mindts/jit/testing';
import { compareResults, conformanceCases, readResults, toleranceOf } from '@mindts/ops/testing';
import * as ops from '@mindts/ops';
import { getBackend, listBackends, registerBackend, setBackend, type Tensor, tensor } from '@mindts/tensor';
import { type ElementwiseKernel, tensorInfo, wrapInfo } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GpujsBackend } from './gpujsBackend.js';
import { checkFusedTemplates } from './browser/fusedTemplates.js';
import { gpujs } from './index.js';
import { renameLocals } from './kernels/fused.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  if (!listBackends().includes('gpujs-fused')) registerBackend(gpujs({ name: 'gpujs-fused', mode: 'webasm', cpuThreshold: 0 }));
});

describe('gpu.js fused elementwise kernels', () => {
  it('suffixes the names a template declares, not members or number literals', () => {
    expect(renameLocals('let t = Math.exp(-2.0 * Math.abs(v));\n  let y = (1.0 - t) / 1e-7;', ['v'], 3)).toBe(
      'let t_3 = Math.exp(-2.0 * Math.abs(v_3));\n  let y_3 = (1.0 - t_3) / 1e-7;',
    );
  });
});

// Every shared case jitted (constant folding off, so the replay computes) on gpu.js's webasm mode
// with cpuThreshold 0: elementwise chains run as one generated gpu.js kernel each.
describe('jit conformance on gpu.js webasm (fused kernels)', () => {
  for (const c of conformanceCases) {
    it(c.name, async () => {
      const expected = await readResults(c, 'cpu');
      await setBackend('gpujs-fused');
      const { results } = await replayResults(c);
      expect(compareResults(results, expected, toleranceOf(c))).toEqual([]);
    });
  }
});

describe('fused kernels ran on gpu.js', () => {
  it('every per-op template composes into a fused webasm kernel (each twice in one body)', async () => {
    expect(await checkFusedTemplates('webasm')).toEqual([]);
  });

  it('a jitted chain compiles one gpu.js kernel and runs it, with the per-op results', async () => {
    await setBackend('gpujs-fused');
    const backend = getBackend() as GpujsBackend;
    const chain = (x: Tensor) => ops.relu(ops.sub(ops.mul(ops.tanh(x), 2), 0.5));
    const x = tensor([-2, -0.1, 0, 0.3, 1, 4], 'float32');
    const eager = Array.from(chain(x).dataSync());
    const f = jit(chain);
    f(x);
    const before = backend.explain().kernels.compiled;
    const y = f(x) as Tensor;
    expect(backend.explain().kernels.compiled - before).toBe(1);
    expect(f.stats().kernelsPerCall).toBe(1);
    Array.from(y.dataSync()).forEach((v, i) => {
      expect(v).toBeCloseTo(eager[i] as number, 6);
    });
    expect(backend.explain().fallbacks.filter((fb) => fb.primitive === 'Fused')).toEqual([]);
  });

  it('records a fused program that runs op by op under Fused, to steps, with the reason', async () => {
    await setBackend('gpujs-fused');
    const backend = getBackend() as GpujsBackend;
    const kernel = backend.compileElementwise({
      shape: [0],
      inputs: [{ shape: [0], dtype: 'float32' }],
      steps: [
        { kind: 'unary', op: 'exp', x: { input: 0 }, inDType: 'float32', dtype: 'float32' },
        { kind: 'unary', op: 'neg', x: { step: 0 }, inDType: 'float32', dtype: 'float32' },
      ],
    });
    const x = tensor([], 'float32');
    const y = wrapInfo((kernel as ElementwiseKernel)([tensorInfo(x, backend)]), backend);
    expect(y.shape).toEqual([0]);
    expect(backend.explain().fallbacks).toContainEqual({
      primitive: 'Fused',
      to: 'steps',
      reason: 'a tensor is empty (a gpu.js kernel needs at least one output element)',
      count: 1,
    });
    x.dispose();
    y.dispose();
  });
});
