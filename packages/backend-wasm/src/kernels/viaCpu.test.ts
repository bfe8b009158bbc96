import * as ops from '@mindts/ops';
import { beforeAll, describe, expect, it } from 'vitest';
import { onBoth, seeded, useBackends, wasmBackend } from '../testing/harness.js';

beforeAll(useBackends);

describe('primitives with no wasm kernel yet (Cumulative, Argsort)', () => {
  it('run on the CPU backend with the same results, recorded in explain() with the reason', async () => {
    const scan = await onBoth(() => ops.cumsum(seeded([4, 33], 7), 1));
    expect(scan.wasm).toEqual(scan.cpu);
    const sorted = await onBoth(() => ops.sort(seeded([5, 9], 8), { axis: 0, descending: true })[0]);
    expect(sorted.wasm).toEqual(sorted.cpu);
    const order = await onBoth(() => ops.argsort(seeded([16], 9)));
    expect(order.wasm).toEqual(order.cpu);
    const b = await wasmBackend();
    const reasons = Object.fromEntries(b.explain().fallbacks.map((f) => [f.primitive, f.reason]));
    expect(reasons).toMatchObject({ Cumulative: 'Cumulative has no wasm kernel yet', Argsort: 'Argsort has no wasm kernel yet' });
  });
});
