import { cpu } from '@mindts/backend-cpu';
import { listBackends, memory, onEngineEvent, registerBackend, type Tensor, tensor, tidy } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ops from '../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const arr = (t: unknown) => Array.from((t as Tensor).dataSync(), (v) => Math.round(v * 1e4) / 1e4);
const net = (x: Tensor, y: Tensor) => ops.add(ops.pow(x, 3), y);

describe('vjp', () => {
  it("matches MindSpore's example: x**3 + y with v = ones", () => {
    const x = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      'float32',
    );
    const y = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      'float32',
    );
    const v = tensor(
      [
        [1, 1],
        [1, 1],
      ],
      'float32',
    );
    const [outputs, vjpFn] = ops.vjp(net, [x, y]);
    expect(arr(outputs)).toEqual([2, 10, 30, 68]);
    const [dx, dy] = vjpFn(v) as Tensor[];
    expect(arr(dx)).toEqual([3, 12, 27, 48]);
    expect(arr(dy)).toEqual([1, 1, 1, 1]);
    // Another cotangent weighs the rows.
    const [dx2] = vjpFn(
      tensor(
        [
          [2, 2],
          [0, 0],
        ],
        'float32',
      ),
    ) as Tensor[];
    expect(arr(dx2)).toEqual([6, 24, 0, 0]);
  });

  it('returns aux outputs with hasAux and weight gradients with weights', () => {
    const w = Object.assign(tensor([2], 'float32'), { requiresGrad: true });
    const f = (x: Tensor) => [ops.mul(x, w), ops.add(x, 100)];
    const x = tensor([1, 2], 'float32');
    const [out, vjpFn, aux] = ops.vjp(f, x, { hasAux: true, weights: [w] });
    expect(arr(out)).toEqual([2, 4]);
    expect(arr((aux as Tensor[])[0])).toEqual([101, 102]);
    const [[dx], [dw]] = vjpFn(tensor([1, 1], 'float32')) as [Tensor[], Tensor[]];
    expect(arr(dx)).toEqual([2, 2]);
    expect(arr(dw)).toEqual([3]);
  });

  it('checks its arguments', () => {
    const x = tensor([1, 2], 'float32');
    expect(() => ops.vjp(net, [])).toThrow("For 'vjp', inputs must be a Tensor or a non-empty array of Tensors");
    expect(() => ops.vjp((a: Tensor) => a, x, { has_aux: true } as never)).toThrow(
      "unknown option 'has_aux' for vjp; did you mean 'hasAux'?",
    );
    const [, vjpFn] = ops.vjp((a: Tensor) => ops.mul(a, 2), x);
    expect(() => vjpFn(tensor([1, 2, 3], 'float32'))).toThrow("v[0] must have the output's shape [2], but got [3]");
  });
});

describe('jvp', () => {
  it("matches MindSpore's example: x**3 + y with v = ones", () => {
    const x = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      'float32',
    );
    const y = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      'float32',
    );
    const v = tensor(
      [
        [1, 1],
        [1, 1],
      ],
      'float32',
    );
    const [out, tangent] = ops.jvp(net, [x, y], [v, v]);
    expect(arr(out)).toEqual([2, 10, 30, 68]);
    expect(arr(tangent)).toEqual([4, 13, 28, 49]);
  });

  it('equals the Jacobian times v for a matrix function, and leaks nothing', () => {
    const a = tensor(
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      'float32',
    );
    const f = (x: Tensor) => ops.tanh(ops.matmul(a, x));
    const x = tensor([[0.1], [-0.2]], 'float32');
    const v = tensor([[1], [0.5]], 'float32');
    const before = memory().numTensors;
    const [out, tangent] = ops.jvp(f, x, v);
    // J·v = (1 − tanh²(a·x)) ⊙ (a·v)
    const expected = tidy(() => ops.mul(ops.sub(1, ops.square(ops.tanh(ops.matmul(a, x)))), ops.matmul(a, v)));
    expect(arr(tangent)).toEqual(arr(expected));
    for (const t of [out as Tensor, tangent as Tensor, expected]) t.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it('checks v against the inputs', () => {
    const x = tensor([1, 2], 'float32');
    expect(() => ops.jvp((a: Tensor) => a, x, [])).toThrow("For 'jvp', v must be a Tensor or a non-empty array");
    expect(() => ops.jvp((a: Tensor) => a, x, tensor([1], 'float32'))).toThrow("v[0] must have the input's shape [2], but got [1]");
  });
});

describe('vmap', () => {
  it('maps over axis 0 by default, with per-argument axes and null for unmapped arguments', () => {
    const dot = (p: Tensor, q: Tensor) => ops.sum(ops.mul(p, q));
    const x = tensor(
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      'float32',
    );
    const y = tensor(
      [
        [1, 0],
        [0, 1],
        [1, 1],
      ],
      'float32',
    );
    expect(arr(ops.vmap(dot)(x, y))).toEqual([1, 4, 11]);
    expect(arr(ops.vmap(dot, [0, null])(x, tensor([1, 1], 'float32')))).toEqual([3, 7, 11]);
    expect(arr(ops.vmap(dot, [1, 1])(x, y))).toEqual([6, 10]);
  });

  it('nests, moves the mapped axis with outAxes, and maps functions with several outputs', () => {
    const outer = ops.vmap(ops.vmap((p: Tensor) => ops.mul(p, 10)));
    const x = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      'float32',
    );
    expect(arr(outer(x))).toEqual([10, 20, 30, 40]);
    const rows = ops.vmap(
      (p: Tensor) => ops.mul(p, 2),
      0,
      1,
    )(
      tensor(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        'float32',
      ),
    );
    expect(rows.shape).toEqual([3, 2]);
    expect(arr(rows)).toEqual([2, 8, 4, 10, 6, 12]);
    const [s, m] = ops.vmap((p: Tensor) => [ops.sum(p), ops.max(p) as Tensor])(x) as Tensor[];
    expect([arr(s), arr(m)]).toEqual([
      [3, 7],
      [2, 4],
    ]);
  });

  it('reports its loop strategy once and checks the axes', () => {
    const events: string[] = [];
    const off = onEngineEvent((e) => e.type === 'fallback' && events.push(`${e.primitive} → ${e.to}`));
    const f = ops.vmap((p: Tensor) => ops.neg(p));
    f(tensor([[1], [2]], 'float32'));
    f(tensor([[1], [2]], 'float32'));
    off();
    expect(events).toEqual(['vmap → loop']);
    expect(() => f(tensor(1, 'float32'))).toThrow(RangeError);
    expect(() => ops.vmap((p: Tensor, q: Tensor) => ops.add(p, q))(tensor([1, 2], 'float32'), tensor([1, 2, 3], 'float32'))).toThrow(
      'the mapped axes must have one size, but got 2, 3',
    );
  });

  it('composes with grad: per-example gradients', () => {
    const g = ops.grad((p: Tensor) => ops.sum(ops.square(p)));
    const perExample = ops.vmap((p: Tensor) => g(p) as Tensor);
    expect(
      arr(
        perExample(
          tensor(
            [
              [1, 2],
              [3, 4],
            ],
            'float32',
          ),
        ),
      ),
    ).toEqual([2, 4, 6, 8]);
  });
});
