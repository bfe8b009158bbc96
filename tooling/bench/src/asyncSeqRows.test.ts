import { wasmKernels } from '@mindts/backend-wasm';
import { describe, expect, it } from 'vitest';
import { asyncEncoderRow, glSync } from './asyncSeqRows.js';
import type { EncoderConfig } from './encoderStep.js';
import { setupMindts, useMindtsBackend } from './mindtsCases.js';
import { setupTfjs, useTfjsBackend } from './tfjsCases.js';

const TINY: EncoderConfig & { label: string } = { label: 'tiny encoder', batch: 2, seq: 3, dModel: 8, heads: 2, ff: 16, lr: 1e-2 };

describe('the browser encoder row (asynchronous reads)', () => {
  it('checks, times and profiles the tiny encoder from weights read with await data(), and counts every sync', async () => {
    await setupMindts();
    await setupTfjs();
    await useMindtsBackend('wasm');
    await useTfjsBackend('wasm');
    let syncs = 0;
    const row = await asyncEncoderRow(Object.keys(wasmKernels), 0, 1, TINY, () => syncs++);
    expect(row.label).toBe('tiny encoder');
    expect(row.firstLoss[0]).toBeCloseTo(row.firstLoss[1], 4);
    expect(row.vsEager).toBeCloseTo(row.tfjsMs / row.eagerMs, 10);
    const calls = row.profile.byPrimitive.reduce((s, p) => s + p.calls, 0);
    expect(calls).toBeGreaterThan(20);
    expect(syncs).toBe(calls);
    expect(row.profile.peakBytes).toBeGreaterThan(row.profile.startBytes);
  });

  it('glSync needs a WebGL2 context', () => {
    expect(glSync(undefined)).toBeUndefined();
    expect(glSync({})).toBeUndefined();
  });
});
