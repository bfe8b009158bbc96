import { cpu } from '@mindts/backend-cpu';
import { wasm } from '@mindts/backend-wasm';
import * as ops from '@mindts/ops';
import { fromValues, getBackend, listBackends, memory, registerBackend, setBackend, type Tensor, tidy } from '@mindts/tensor';
import { randomValue, runKernel } from '@mindts/tensor/backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mish, registerPluginExample } from '../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  if (!listBackends().includes('wasm')) registerBackend(wasm());
  registerPluginExample();
});

afterAll(() => setBackend('cpu'));

const xs = Array.from({ length: 257 }, (_, i) => randomValue('uniform', 3, 0, i, -25, 25));

async function on(backend: string, f: () => Tensor): Promise<number[]> {
  await setBackend(backend);
  return Array.from(await tidy(f).data());
}

describe('Mish on the wasm backend (the host kernel)', () => {
  it.each(['float16', 'float32', 'float64'] as const)(
    'equals the CPU kernel bit for bit in %s (one shared implementation)',
    async (dtype) => {
      const f = () => mish(fromValues(xs, [xs.length], dtype));
      expect(await on('wasm', f)).toEqual(await on('cpu', f));
      expect(getBackend().name).toBe('cpu');
    },
  );

  it('its gradient equals the CPU one (the rule is ops, run by the wasm kernels)', async () => {
    const g = () => ops.grad((x: Tensor) => ops.sum(mish(x)))(fromValues(xs.slice(0, 16), [16], 'float32'));
    const onWasm = await on('wasm', g);
    const onCpu = await on('cpu', g);
    for (const [i, v] of onWasm.entries()) expect(v).toBeCloseTo(onCpu[i] as number, 5);
  });

  it('keeps wasm memory flat: every copy the host kernel makes is freed', async () => {
    await setBackend('wasm');
    const x = fromValues(xs, [xs.length], 'float32');
    const step = () =>
      tidy(() => {
        mish(x);
      });
    step();
    const before = memory();
    for (let i = 0; i < 50; i++) step();
    expect(memory().numTensors).toBe(before.numTensors);
    expect(memory().numBytes).toBe(before.numBytes);
    x.dispose();
  });

  it('refuses an int input passed straight to the kernel, like the CPU kernel', async () => {
    await setBackend('wasm');
    const x = fromValues([1, 2], [2], 'int32');
    expect(() => runKernel('Mish', [x], {})).toThrow('Mish: the input must be float16, float32 or float64, but got int32');
  });
});
