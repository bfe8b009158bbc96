import { cpu } from '@mindts/backend-cpu';
import { Cell, nn } from '@mindts/cell';
import * as ops from '@mindts/ops';
import { Parameter } from '@mindts/parameter';
import { listBackends, memory, ones, registerBackend, setBackend, setSeed, type Tensor, tensor, tidy } from '@mindts/tensor';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JitError, jit } from './index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});
beforeEach(async () => {
  await setBackend('cpu');
});

const arr = (t: unknown) => Array.from((t as Tensor).dataSync());

describe('jit: the MindSpore tutorial step', () => {
  it('assigns a Parameter inside a jitted function, visible after every call', () => {
    const b = new Parameter(tensor([1, 2, 3], 'float32'), 'b');
    const net = { b };
    const modifyParameter = jit(() => {
      const bHat = tensor([7, 8, 9]);
      ops.assign(net.b, bHat);
      return true;
    });
    expect(modifyParameter()).toBe(true);
    expect(arr(net.b)).toEqual([7, 8, 9]);
    ops.assign(net.b, tensor([0, 0, 0], 'float32'));
    expect(modifyParameter()).toBe(true); // replayed: the write happens again
    expect(arr(net.b)).toEqual([7, 8, 9]);
    expect(modifyParameter.stats()).toMatchObject({ calls: 2, compiles: 1, cacheHits: 1 });
  });

  it('Parameter.setData inside jit is an error that points to ops.assign', () => {
    const b = new Parameter(tensor([1, 2, 3], 'float32'), 'b');
    const f = jit(() => {
      b.setData(tensor([4, 5, 6], 'float32'));
      return b;
    });
    expect(() => f()).toThrow(/setData cannot be used inside a jitted function \('b'\).*ops\.assign\(b, value\)/);
    expect(arr(b)).toEqual([1, 2, 3]);
  });
});

describe('jit: tracing and replay', () => {
  it('replays without running the JavaScript again, with the same values as eager', () => {
    let runs = 0;
    const f = (x: Tensor, y: Tensor) => {
      runs++;
      return ops.relu(ops.sub(ops.mul(ops.add(x, y), 2), 3));
    };
    const jf = jit(f);
    const x = tensor([1, -2, 3, 0.5], 'float32');
    const y = tensor([0.25, 1, -4, 2], 'float32');
    expect(arr(jf(x, y))).toEqual(arr(f(x, y)));
    expect(runs).toBe(2);
    const x2 = tensor([5, 6, 7, 8], 'float32');
    expect(arr(jf(x2, y))).toEqual(arr(f(x2, y)));
    expect(runs).toBe(3); // only the eager reference ran
    const s = jf.stats();
    expect(s).toMatchObject({ calls: 2, compiles: 1, cacheHits: 1 });
    expect(s.tracedKernels).toBeGreaterThanOrEqual(4);
    expect(s.kernelsPerCall).toBe(1); // add, mul, sub, relu fused into one kernel
  });

  it('returns nested structures, literals and the tensors passed in', () => {
    const f = jit((x: Tensor, k: number) => ({ a: [ops.mul(x, k), x], n: k, s: 'ok' }));
    const x = tensor([1, 2], 'float32');
    f(x, 3);
    const r = f(x, 3) as { a: [Tensor, Tensor]; n: number; s: string };
    expect(arr(r.a[0])).toEqual([3, 6]);
    expect(r.a[1]).toBe(x);
    expect(r.n).toBe(3);
    expect(r.s).toBe('ok');
  });

  it('treats non-tensor arguments as constants of the signature', () => {
    const f = jit((x: Tensor, k: number) => ops.mul(x, k));
    const x = tensor([1, 2], 'float32');
    expect(arr(f(x, 2))).toEqual([2, 4]);
    expect(arr(f(x, 3))).toEqual([3, 6]);
    expect(arr(f(x, 2))).toEqual([2, 4]);
    expect(f.stats()).toMatchObject({ compiles: 2, cacheHits: 1 });
    expect(f.stats().recompiles[0]?.reason).toBe('args[1] changed from 2 to 3');
  });

  it('recompiles on a new shape with the reason, and errors past maxRecompiles', () => {
    const f = jit((x: Tensor) => ops.sum(ops.exp(x)), { maxRecompiles: 1 });
    f(ones([2, 3]));
    f(ones([4, 3]));
    expect(f.stats().recompiles.map((r) => r.reason)).toEqual(['args[0] changed from float32[2, 3] to float32[4, 3]']);
    expect(() => f(ones([5, 3]))).toThrow(JitError);
    expect(() => f(ones([5, 3]))).toThrow(/maxRecompiles = 1.*args\[0\] changed from float32\[4, 3\] to float32\[5, 3\]/);
    expect(arr(f(ones([2, 3])))[0]).toBeCloseTo(6 * Math.E, 4); // cached signatures still run
  });

  it('a read of tensor values inside jit is an error naming the line', () => {
    const f = jit((x: Tensor) => {
      const s = ops.sum(x);
      if ((s.dataSync()[0] as number) > 0) return x;
      return ops.neg(x);
    });
    expect(() => f(tensor([1, 2], 'float32'))).toThrow(
      /read a tensor's values \(dataSync\(\) on a float32\[\] tensor\) at .*jit\.test\.ts:\d+:\d+/,
    );
  });

  it('recompiles when a captured Parameter changes shape', () => {
    const w = new Parameter(tensor([1, 2], 'float32'), 'w');
    const f = jit(() => ops.mul(w, 2));
    expect(arr(f())).toEqual([2, 4]);
    w.setData(tensor([3, 4, 5], 'float32'), { sliceShape: true });
    expect(arr(f())).toEqual([6, 8, 10]);
    expect(f.stats().recompiles.map((r) => r.reason)).toEqual(["captured tensor 'w' changed from float32[2] to float32[3]"]);
  });

  it('reads captured tensors by reference on every call', () => {
    const w = new Parameter(tensor([1, 2], 'float32'), 'w');
    const f = jit((x: Tensor) => ops.add(x, w));
    f(tensor([0, 0], 'float32'));
    ops.assign(w, tensor([10, 20], 'float32'));
    expect(arr(f(tensor([1, 1], 'float32')))).toEqual([11, 21]);
  });

  it('keeps in-place writes in program order: a read after an assign sees the new value', () => {
    const v = new Parameter(tensor([1, 1], 'float32'), 'v');
    const f = jit((x: Tensor) => {
      const before = ops.mul(v, 1);
      ops.assignAdd(v, x);
      const after = ops.mul(v, 1);
      ops.assignAdd(v, x);
      return [before, after];
    });
    const x = tensor([1, 2], 'float32');
    const [b1, a1] = f(x) as Tensor[];
    expect([arr(b1), arr(a1), arr(v)]).toEqual([
      [1, 1],
      [2, 3],
      [3, 5],
    ]);
    const [b2, a2] = f(x) as Tensor[];
    expect([arr(b2), arr(a2), arr(v)]).toEqual([
      [3, 5],
      [4, 7],
      [5, 9],
    ]);
  });

  it('draws fresh random numbers from the global stream on every call, as eager does', () => {
    const drop = (x: Tensor) => ops.dropout(x, 0.5);
    const jd = jit(drop);
    const x = ones([64]);
    setSeed(7);
    const eager = [arr(drop(x)), arr(drop(x)), arr(drop(x))];
    setSeed(7);
    const jitted = [arr(jd(x)), arr(jd(x)), arr(jd(x))];
    expect(jitted).toEqual(eager);
    expect(jitted[1]).not.toEqual(jitted[2]);
  });

  it('runs eagerly under a gradient tape, so gradients flow through it', () => {
    const sq = jit((x: Tensor) => ops.mul(x, x));
    const x = tensor([3], 'float32');
    sq(x);
    const [, g] = ops.valueAndGrad((t: Tensor) => ops.sum(sq(t)))(x);
    expect(arr(g)).toEqual([6]);
    expect(sq.stats().eagerCalls).toBe(1);
  });

  it('an interpreter gives the same results where code generation is not allowed', () => {
    const f = (x: Tensor, y: Tensor) => ops.sigmoid(ops.add(ops.mul(x, y), ops.tanh(y)));
    const x = tensor([0.1, -2, 3.5, 7], 'float32');
    const y = tensor([[1], [-0.5]], 'float32');
    const a = jit(f);
    const b = jit(f, { codegen: false });
    a(x, y);
    b(x, y);
    expect(arr(a(x, y))).toEqual(arr(f(x, y)));
    expect(arr(b(x, y))).toEqual(arr(f(x, y)));
  });

  it('keeps memory flat over many replays', () => {
    const w = new Parameter(tensor([0.5, -0.5], 'float32'), 'w');
    const f = jit((x: Tensor) => {
      ops.assignSub(w, ops.mul(ops.tanh(ops.mul(x, w)), 0.01));
      return ops.sum(ops.square(w));
    });
    const x = tensor([1, 2], 'float32');
    const step = () => {
      f(x);
    };
    tidy(step);
    tidy(step);
    const before = memory();
    for (let i = 0; i < 50; i++) tidy(step);
    expect(memory().numTensors).toBe(before.numTensors);
    expect(memory().numBytes).toBe(before.numBytes);
  });
});

describe('jit: lower and stats', () => {
  it('prints the IR as text and DOT, without side effects', () => {
    const w = new Parameter(tensor([1, 2], 'float32'), 'w');
    const f = jit(function update(x: Tensor) {
      const y = ops.relu(ops.add(ops.mul(x, 2), w));
      ops.assignAdd(w, y);
      return ops.sum(y);
    });
    const lowered = f.lower(tensor([1, -5], 'float32'));
    expect(arr(w)).toEqual([1, 2]); // lowering did not write
    const text = lowered.text();
    expect(text).toContain('graph update(%0)');
    expect(text).toContain("= capture 'w'");
    expect(text).toMatch(/Fused\[Binary\.mul → Binary\.add → Unary\.relu\]/);
    expect(text).toMatch(/assign 'w' ← %\d+/);
    expect(lowered.dot()).toMatch(/^digraph "update" \{/);
    expect(f.stats().compiles).toBe(1);
    f(tensor([1, -5], 'float32')); // replays the lowered graph
    expect(f.stats()).toMatchObject({ compiles: 1, cacheHits: 1 });
    expect(arr(w)).toEqual([4, 2]); // w + relu(2x + w)
  });

  it('removes dead code, folds constants and shares common subexpressions', () => {
    const f = jit((x: Tensor) => {
      ops.exp(x); // dead
      const c = ops.mul(tensor([1, 2], 'float32'), 3); // constant
      const a = ops.sin(x);
      const b = ops.sin(x); // shared
      return ops.add(ops.add(a, b), c);
    });
    f(tensor([0, 1], 'float32'));
    const { passes } = f.stats();
    expect(passes).toMatchObject({ shared: 1, dead: 1 });
    expect(passes?.folded).toBeGreaterThanOrEqual(1);
    expect(arr(f(tensor([0, 0], 'float32')))).toEqual([3, 6]);
    expect(f.stats().kernelsPerCall).toBe(1); // sin, then (a + a) + c fused with it
  });
});

describe('@jit on a Cell', () => {
  it('compiles construct per instance and retraces when setTrain changes the mode', () => {
    class Net extends Cell {
      dense = new nn.Dense(4, 3);
      drop = new nn.Dropout({ p: 0.5 });
      @jit
      override construct(x: Tensor) {
        return this.drop.call(ops.relu(this.dense.call(x)));
      }
    }
    setSeed(3);
    const net = new Net();
    const x = tensor(
      [
        [1, -2, 3, 0.5],
        [0.3, 2, -1, 1],
      ],
      'float32',
    );
    net.setTrain(false);
    const a = arr(net.call(x));
    expect(a.some((v) => v > 0)).toBe(true);
    expect(arr(net.call(x))).toEqual(a);
    net.setTrain(true);
    const t = arr(net.call(x));
    // Dropout now: each value dropped or scaled by 2, and some of each.
    t.forEach((v, i) => {
      expect(v === 0 || Math.abs(v - 2 * (a[i] as number)) < 1e-6).toBe(true);
    });
    net.setTrain(false);
    expect(arr(net.call(x))).toEqual(a);
    const other = new Net();
    other.call(x);
    expect(arr(net.call(x))).toEqual(a); // another instance has its own graphs
  });
});

describe('@jit under experimentalDecorators (legacy)', () => {
  it('wraps the method descriptor', () => {
    class Doubler {
      w = tensor([1, 2], 'float32');
      twice(x: Tensor) {
        return ops.mul(ops.add(x, this.w), 2);
      }
    }
    const d = Object.getOwnPropertyDescriptor(Doubler.prototype, 'twice') as PropertyDescriptor;
    Object.defineProperty(Doubler.prototype, 'twice', jit(Doubler.prototype, 'twice', d));
    const o = new Doubler();
    const x = tensor([3, 4], 'float32');
    expect(arr(o.twice(x))).toEqual([8, 12]);
    expect(arr(o.twice(x))).toEqual([8, 12]);
    const withOptions = jit({ maxRecompiles: 0 }) as unknown as (t: object, k: string, d: PropertyDescriptor) => PropertyDescriptor;
    const wrapped = withOptions(Doubler.prototype, 'twice', d).value as (x: Tensor) => Tensor;
    expect(arr(wrapped.call(o, x))).toEqual([8, 12]);
    expect(() => wrapped.call(o, tensor([1, 2, 3], 'float32'))).toThrow(/maxRecompiles = 0/);
  });

  it('rejects what it cannot compile with a clear error', () => {
    expect(() => jit(42 as never)).toThrow('jit: expected a function, or an options object for @jit(options), but got 42.');
    expect(() => jit((() => 1) as never, 'fast' as never)).toThrow(
      'For \'jit\', the options must be an object or undefined, but got "fast".',
    );
    const f = jit(async () => 1);
    expect(() => f()).toThrow('jit cannot compile an async function: the traced function returned a Promise.');
  });
});
