import { AsyncLocalStorage } from 'node:async_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listBackends, registerBackend, removeBackend } from './backendRegistry.js';
import { fill } from './creation.js';
import { runKernel } from './engine.js';
import { memory } from './memory.js';
import { keep, setAsyncContext, tidy } from './scope.js';
import type { Tensor } from './tensor.js';
import { mapFactory } from './testing/mapBackend.js';

beforeEach(() => {
  registerBackend(mapFactory('m'));
});

afterEach(() => {
  for (const name of listBackends()) removeBackend(name);
  setAsyncContext(AsyncLocalStorage);
});

/** A macrotask or a microtask turn, alternating, so two loops interleave both ways. */
const pause = (i: number) => (i % 2 ? new Promise<void>((r) => setImmediate(r)) : Promise.resolve());

/** `n` pauses. */
async function pauses(n: number, i: number): Promise<void> {
  for (let k = 0; k < n; k++) await pause(i + k);
}

/**
 * One iteration: create, await, create more, await, use them all, return one; the loop disposes
 * it. The number of awaits varies per iteration and loop, so either scope may end while the
 * other still needs tensors it created in the meantime.
 */
async function step(i: number, value: number): Promise<void> {
  const out = await tidy(async () => {
    const a = fill([4], value);
    await pauses((i * 7 + value) % 3, i);
    const b = runKernel('Reshape', [a], { shape: [2, 2] });
    await pauses((i * 5 + value * 3) % 4, i + 1);
    const c = runKernel('Reshape', [b], { shape: [4] });
    await pauses((i + value) % 2, i);
    if (c.dataSync()[0] !== value || b.dataSync()[3] !== value || a.dataSync()[3] !== value) throw new Error('wrong values');
    return c;
  });
  if (out.isDisposed || out.dataSync()[0] !== value) throw new Error('result lost');
  out.dispose();
}

async function loop(n: number, value: number, failures: unknown[]): Promise<void> {
  for (let i = 0; i < n; i++) {
    try {
      await step(i, value);
    } catch (err) {
      failures.push(err);
    }
  }
}

describe('async tidy with an async context', () => {
  it('two concurrent loops of 2,000 iterations never dispose each other’s tensors', async () => {
    const before = memory().numTensors;
    const failures: unknown[] = [];
    await Promise.all([loop(2000, 1, failures), loop(2000, 2, failures)]);
    expect(failures).toEqual([]);
    expect(memory().numTensors).toBe(before);
    expect(memory().backends.m).toEqual({ bytes: 0, buffers: 0 });
  });

  it('nests: an inner async tidy’s result joins the outer scope, which frees it unless returned', async () => {
    const before = memory().numTensors;
    let inner: Tensor | undefined;
    const out = await tidy(async () => {
      inner = await tidy(async () => {
        await pause(1);
        fill([1], 0);
        return fill([1], 1);
      });
      await pause(0);
      const inSync = tidy(() => runKernel('Reshape', [inner as Tensor], { shape: [1, 1] }));
      return { inSync };
    });
    expect(inner?.isDisposed).toBe(true);
    expect(out.inSync.isDisposed).toBe(false);
    out.inSync.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it('an async tidy inside a sync tidy tracks its own awaited part', async () => {
    const before = memory().numTensors;
    let later: Tensor | undefined;
    const promise = tidy(() => {
      fill([1], 0); // freed when the sync tidy returns
      return tidy(async () => {
        await pause(1);
        later = fill([1], 1);
        return fill([1], 2);
      });
    });
    const result = await promise;
    expect(later?.isDisposed).toBe(true);
    expect(result.isDisposed).toBe(false);
    result.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it('a plain function returning a promise frees what it created before returning, and keeps the result', async () => {
    const before = memory().numTensors;
    let early: Tensor | undefined;
    const result = await tidy(() => {
      early = fill([1], 0);
      return pause(1).then(() => fill([1], 1));
    });
    expect(early?.isDisposed).toBe(true);
    expect(result.isDisposed).toBe(false);
    result.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it('work an async tidy started without awaiting lands in the scope around it once it ended', async () => {
    let orphan: Promise<Tensor> | undefined;
    const outer = await tidy(async () => {
      await tidy(async () => {
        orphan = pause(1)
          .then(() => pause(1))
          .then(() => fill([1], 7));
      });
      await orphan;
      return 'done';
    });
    expect(outer).toBe('done');
    // Created after the inner scope ended, inside the outer one: the outer freed it.
    expect((await orphan)?.isDisposed).toBe(true);
  });

  it('keep survives an async scope; a throwing async fn frees everything', async () => {
    const before = memory().numTensors;
    let kept: Tensor | undefined;
    await expect(
      tidy(async () => {
        kept = keep(fill([1], 1));
        await pause(1);
        fill([1], 2);
        throw new Error('async boom');
      }),
    ).rejects.toThrow('async boom');
    expect(kept?.isDisposed).toBe(false);
    kept?.dispose();
    expect(memory().numTensors).toBe(before);
  });
});

describe('async tidy without an async context', () => {
  it('one at a time works as before', async () => {
    setAsyncContext(null);
    const before = memory().numTensors;
    const failures: unknown[] = [];
    await loop(50, 3, failures);
    expect(failures).toEqual([]);
    expect(memory().numTensors).toBe(before);
  });

  it('overlapping scopes are refused with a clear error and never dispose another scope’s tensors', async () => {
    setAsyncContext(null);
    const before = memory().numTensors;
    const failures: unknown[] = [];
    await Promise.all([loop(200, 1, failures), loop(200, 2, failures)]);
    expect(failures.length).toBeGreaterThan(0);
    for (const err of failures) {
      expect(String(err)).toContain('tidy: an async tidy is already pending, and without an async context (AsyncLocalStorage)');
    }
    expect(memory().numTensors).toBe(before);
  });

  it('a nested async tidy is refused, even before the outer one first awaits; a sync tidy inside works', async () => {
    setAsyncContext(null);
    const before = memory().numTensors;
    let inner: Promise<unknown> | undefined;
    const out = await tidy(async () => {
      inner = tidy(async () => fill([1], 1)).then(
        () => 'resolved',
        (err: unknown) => String(err),
      );
      const a = tidy(() => runKernel('Reshape', [fill([2], 2)], { shape: [1, 2] }));
      await pause(1);
      return runKernel('Reshape', [a], { shape: [2] });
    });
    expect(await inner).toContain('a second async scope (overlapping or nested) is refused');
    expect(Array.from(out.dataSync())).toEqual([2, 2]);
    out.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it("a sync tidy may return an async tidy's promise", async () => {
    setAsyncContext(null);
    const before = memory().numTensors;
    const out = await tidy(() => {
      fill([1], 0);
      return tidy(async () => {
        await pause(1);
        fill([1], 1);
        return fill([1], 2);
      });
    });
    expect(out.isDisposed).toBe(false);
    out.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it('a plain function returning a promise while another scope is pending is refused once it settles', async () => {
    setAsyncContext(null);
    const first = tidy(async () => {
      await pause(1);
      return 1;
    });
    let made: Tensor | undefined;
    const second = tidy(() => {
      made = fill([1], 1);
      return pause(1);
    });
    await expect(second).rejects.toThrow('a second async scope (overlapping or nested) is refused and disposes nothing');
    await expect(first).resolves.toBe(1);
    expect(made?.isDisposed).toBe(false);
    made?.dispose();
  });
});

describe('setAsyncContext', () => {
  it('takes a class like AsyncLocalStorage or null, and not while an async tidy is pending', async () => {
    expect(() => setAsyncContext(42 as never)).toThrow(
      'setAsyncContext: storageClass must be a class like AsyncLocalStorage (instances with run and getStore) or null, but got 42.',
    );
    expect(() => setAsyncContext(class {} as never)).toThrow(TypeError);
    const pending = tidy(async () => pause(1));
    expect(() => setAsyncContext(null)).toThrow('setAsyncContext: 1 async tidy scope(s) are still pending');
    await pending;
    setAsyncContext(null);
  });
});
