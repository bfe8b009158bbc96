import { nn } from '@mindts/cell';
import { jit } from '@mindts/jit';
import * as ops from '@mindts/ops';
import { MishDense, registerPluginExample } from '@mindts/plugin-example';
import { randn, setSeed, type Tensor, tidy } from '@mindts/tensor';
import { describe, expect, it } from 'vitest';
import { walkthrough } from './walkthrough.js';

describe('example walkthrough', () => {
  it('prints every step with the computed values', () => {
    const lines: string[] = [];
    walkthrough((l) => lines.push(l));
    const out = lines.join('\n');
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) expect(out).toContain(`== ${n}.`);
    expect(out).toContain('shape=[2, 3] dtype=float32 size=6 rank=2 backend=cpu');
    expect(out).toContain('tensor([1, 2, 3]) infers int32; tensor(2.5) infers float32');
    expect(out).toContain('ops.sum(x) = Tensor(shape=[], dtype=Float32, value= 21)');
    expect(out).toContain('ops.argmax(x, 1) = Tensor(shape=[2], dtype=Int32, value= [2, 2])');
    expect(out).toContain('[[ 1.40000000e+01,  3.20000000e+01],\n [ 3.20000000e+01,  7.70000000e+01]]');
    // conv with [[1, 0], [0, -1]] on arange(16) as 4x4: x[i][j] - x[i+1][j+1] = -5 everywhere.
    expect(out).toContain('conv2d(4x4 image, 2x2 kernel) = Tensor(shape=[1, 1, 3, 3], dtype=Float32');
    expect(out).toMatch(/-5\.00000000e\+00, -5\.00000000e\+00, -5\.00000000e\+00\]\]\]\]/);
    expect(out).toContain(
      'ops.assign(w, tensor([7, 8, 9])) -> Tensor(shape=[3], dtype=Float32, value= [ 7.00000000e+00,  8.00000000e+00,  9.00000000e+00])',
    );
    expect(out).toContain(
      'ops.assignAdd(w, 1) -> Tensor(shape=[3], dtype=Float32, value= [ 8.00000000e+00,  9.00000000e+00,  1.00000000e+01])',
    );
    // Only the returned sum survives tidy().
    const m = out.match(/= Tensor\(shape=\[\], dtype=Float32, value= 17.5\); live tensors: (\d+) -> (\d+)\n/);
    expect(m).not.toBeNull();
    expect(Number(m?.[2])).toBe(Number(m?.[1]) + 1);
  });

  it('uses the plugin: its op, its gradient, its initializer by name, and a Cell that trains', () => {
    const lines: string[] = [];
    walkthrough((l) => lines.push(l));
    const out = lines.join('\n');
    // mish(1) = tanh(ln(1 + e)) = 0.8650984 in float32; mish'(0) = tanh(ln 2) = 0.6.
    expect(out).toMatch(
      /mish\(v\) = Tensor\(shape=\[5\], dtype=Float32, value= \[-2\.52501\d+e-01, -3\.03401\d+e-01, {2}0\.0+e\+00, {2}8\.65098\d+e-01/,
    );
    expect(out).toMatch(/grad\(sum\(mish\(v\)\)\) = Tensor\(shape=\[5\], dtype=Float32, value= \[.*, {2}6\.000000\d+e-01,/);
    const init = out.match(/initializer\('rademacher', \[2, 4\]\) = Tensor\(shape=\[2, 4\], dtype=Float32, value=\n([^)]*)\]\]\)/);
    expect(
      init?.[1]
        ?.match(/-?\d\.\d+e[+-]\d+/g)
        ?.map(Number)
        .map(Math.abs),
    ).toEqual(new Array(8).fill(0.5)); // ±1/√4
    expect(out).toContain('(0): MishDense(input_channels=4, output_channels=8, has_bias=True, activation=mish)');
    const loss = out.match(/with Adam: loss (\d+\.\d+) -> (\d+\.\d+) in 40 steps/);
    expect(loss).not.toBeNull();
    expect(Number(loss?.[2])).toBeLessThan(Number(loss?.[1]) / 10);
  });

  it('jit compiles a training step through the plugin op: the graph holds Mish and matches eager', () => {
    registerPluginExample();
    const setup = () => {
      setSeed(5);
      const net = new nn.SequentialCell([new MishDense(3, 4), new nn.Dense(4, 1)]);
      const opt = new nn.SGD(net.trainableParams(), { learningRate: 0.1 });
      const lossFn = new nn.MSELoss();
      const gradFn = ops.valueAndGrad((a: Tensor, b: Tensor) => lossFn.call(net.call(a) as Tensor, b), null, opt.parameters);
      return (a: Tensor, b: Tensor) => {
        const [loss, grads] = gradFn(a, b);
        opt.call(grads);
        return loss;
      };
    };
    setSeed(9);
    const x = randn([8, 3]);
    const y = randn([8, 1]);
    const eager = setup();
    const compiled = jit(setup());
    const eagerLosses: number[] = [];
    const jitLosses: number[] = [];
    for (let i = 0; i < 5; i++) {
      tidy(() => {
        eagerLosses.push(eager(x, y).dataSync()[0] as number);
        jitLosses.push(compiled(x, y).dataSync()[0] as number);
      });
    }
    for (const [i, l] of jitLosses.entries()) expect(l).toBeCloseTo(eagerLosses[i] as number, 5);
    expect(jitLosses[4]).toBeLessThan(jitLosses[0] as number);
    expect(compiled.stats()).toMatchObject({ compiles: 1, cacheHits: 4 });
    expect(compiled.lower(x, y).text()).toMatch(/\bMish\b/);
  });
});
