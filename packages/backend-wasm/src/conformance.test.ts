import { cpu } from '@mindts/backend-cpu';
import { describeConformance } from '@mindts/ops/testing';
import { type EngineEvent, onEngineEvent } from '@mindts/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wasm } from './index.js';
import type { WasmBackend } from './wasmBackend.js';

// Every shared case on the wasm kernels against the CPU oracle (and the hand-computed values),
// with worker threads (matmul and conv2d split over 2) and on one thread. Fallbacks count as
// passing; the test after each run checks that each one is accounted for.
for (const threads of [2, 1]) {
  describe(`wasm backend, threads: ${threads}`, () => {
    const name = threads === 1 ? 'wasm' : `wasm-${threads}t`;
    const factory = wasm({ name, threads });
    let made: WasmBackend | undefined;
    let threadsMade = 0;
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
          threadsMade = made.explain().threads;
          return made;
        },
      },
      reference: cpu(),
    });

    it('ran on the threads asked for, splitting the larger products', () => {
      expect(threadsMade).toBe(threads);
      if (threads > 1) expect(made!.explain().parallelRuns).toBeGreaterThan(0);
      else expect(made!.explain().parallelRuns).toBe(0);
    });

    it('lists every fallback the suite caused with a reason, announced once each as an engine event', () => {
      const { fallbacks, summary } = made!.explain();
      console.info(summary);
      expect(fallbacks.length).toBeGreaterThan(0);
      expect(fallbacks.every((f) => f.count > 0 && f.reason !== '' && f.to === 'cpu')).toBe(true);
      const announced = events.filter((e) => e.type === 'fallback');
      expect(announced).toEqual(
        fallbacks.map((f) => ({ type: 'fallback', backend: name, primitive: f.primitive, to: 'cpu', reason: f.reason })),
      );
      // The hot paths of the issue ran in wasm throughout the suite.
      const hot = /^(MatMul of float32|Binary '(add|sub|mul|div)' on float32|Unary 'relu' on float32|Reduce '(sum|max)' on float32)/;
      expect(fallbacks.filter((f) => hot.test(f.reason))).toEqual([]);
    });
  });
}
