import { cpu } from '@mindts/backend-cpu';
import { describeConformance } from '@mindts/ops/testing';
import { type EngineEvent, onEngineEvent } from '@mindts/tensor';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { wasm } from './index.js';
import type { WasmBackend } from './wasmBackend.js';

// Every shared case on the wasm kernels against the CPU oracle (and the hand-computed values).
// Fallbacks count as passing; the test after the suite checks that each one is accounted for.
const factory = wasm();
let made: WasmBackend | undefined;
const events: EngineEvent[] = [];
let off: () => void = () => {};
beforeAll(() => {
  off = onEngineEvent((e) => events.push(e));
});
afterAll(() => off());

describeConformance({
  backend: {
    ...factory,
    async create() {
      made = await factory.create();
      return made;
    },
  },
  reference: cpu(),
});

it('lists every fallback the suite caused with a reason, announced once each as an engine event', () => {
  const { fallbacks, summary } = made!.explain();
  console.info(summary);
  expect(fallbacks.length).toBeGreaterThan(0);
  expect(fallbacks.every((f) => f.count > 0 && f.reason !== '' && f.to === 'cpu')).toBe(true);
  const announced = events.filter((e) => e.type === 'fallback');
  expect(announced).toEqual(
    fallbacks.map((f) => ({ type: 'fallback', backend: 'wasm', primitive: f.primitive, to: 'cpu', reason: f.reason })),
  );
  // The hot paths of the issue ran in wasm throughout the suite.
  const hot = /^(MatMul of float32|Binary '(add|sub|mul|div)' on float32|Unary 'relu' on float32|Reduce '(sum|max)' on float32)/;
  expect(fallbacks.filter((f) => hot.test(f.reason))).toEqual([]);
});
