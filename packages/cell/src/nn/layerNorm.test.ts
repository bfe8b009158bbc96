import { cpu } from '@mindts/backend-cpu';
import { listBackends, registerBackend, setBackend, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../index.js';

beforeAll(async () => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  await setBackend('cpu');
});

const values = (t: { dataSync(): ArrayLike<number> }) => Array.from(t.dataSync());

describe('nn.LayerNorm', () => {
  it('normalises the last axis with the biased variance; Parameters gamma and beta', () => {
    const ln = new nn.LayerNorm([4]);
    expect([...ln.parametersAndNames()].map(([n, p]) => [n, p.shape])).toEqual([
      ['gamma', [4]],
      ['beta', [4]],
    ]);
    const out = values(ln.call(tensor([[1, 2, 3, 4]], 'float32')));
    for (const [i, v] of [-1.3416, -0.4472, 0.4472, 1.3416].entries()) expect(out[i]).toBeCloseTo(v, 4);
  });

  it("uses MindSpore's default epsilon 1e-7 (PyTorch's is 1e-5)", () => {
    // variance 2.5e-7: 5e-4/√(3.5e-7) = 0.845 with 1e-7, 5e-4/√(1.025e-5) = 0.156 with 1e-5.
    const x = tensor([[0, 1e-3]], 'float32');
    expect(values(new nn.LayerNorm([2]).call(x))[1]).toBeCloseTo(0.8452, 3);
    expect(values(new nn.LayerNorm([2], { epsilon: 1e-5 }).call(x))[1]).toBeCloseTo(0.1562, 3);
  });

  it('normalises from beginNormAxis and broadcasts gamma from beginParamsAxis', () => {
    const ln = new nn.LayerNorm([2], { beginNormAxis: 1, beginParamsAxis: 2, gammaInit: tensor([1, 2], 'float32'), betaInit: 1 });
    const out = values(
      ln.call(
        tensor(
          [
            [
              [1, 2],
              [3, 4],
            ],
          ],
          'float32',
        ),
      ),
    );
    const s = Math.sqrt(1.25 + 1e-7);
    for (const [i, v] of [-1.5 / s + 1, (-0.5 / s) * 2 + 1, 0.5 / s + 1, (1.5 / s) * 2 + 1].entries()) expect(out[i]).toBeCloseTo(v, 5);
  });

  it('refuses bad arguments and inputs, naming them', () => {
    expect(() => new nn.LayerNorm(4 as never)).toThrow(
      "For 'LayerNorm', the 'normalizedShape' must be an array of positive ints, but got 4.",
    );
    expect(() => new nn.LayerNorm([4], { eps: 1e-5 } as never)).toThrow("unknown option 'eps' for LayerNorm");
    expect(() => new nn.LayerNorm([4]).call(tensor([[1, 2, 3]], 'float32'))).toThrow(
      "For 'LayerNorm', the input shape [1, 3] from 'beginParamsAxis' -1 must equal 'normalizedShape' [4].",
    );
    expect(() => new nn.LayerNorm([3], { beginNormAxis: 2 }).call(tensor([[1, 2, 3]], 'float32'))).toThrow(
      "the 'beginNormAxis' must be in range [-1, 2) for an input of rank 2, but got 2.",
    );
  });

  it('prints like MindSpore', () => {
    expect(String(new nn.LayerNorm([2]))).toMatch(
      /^LayerNorm\(normalized_shape=\(2\), begin_norm_axis=-1, begin_params_axis=-1, gamma=Parameter \(name=gamma/,
    );
  });
});
