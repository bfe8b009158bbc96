import { cpu } from '@mindts/backend-cpu';
import { listBackends, randn, registerBackend, setBackend, setSeed, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../../index.js';

beforeAll(async () => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  await setBackend('cpu');
});

const names = (cell: nn.Cell) => [...cell.parametersAndNames()].map(([n, p]) => [n, p.shape]);

describe('nn.MultiheadAttention', () => {
  it("has PyTorch's (and MindSpore's) Parameter names and layouts", () => {
    expect(names(new nn.MultiheadAttention(4, 2))).toEqual([
      ['in_proj_weight', [12, 4]],
      ['in_proj_bias', [12]],
      ['out_proj.weight', [4, 4]],
      ['out_proj.bias', [4]],
    ]);
    expect(names(new nn.MultiheadAttention(4, 2, { kdim: 3, vdim: 5, hasBias: false, addBiasKv: true }))).toEqual([
      ['q_proj_weight', [4, 4]],
      ['k_proj_weight', [4, 3]],
      ['v_proj_weight', [4, 5]],
      ['bias_k', [1, 1, 4]],
      ['bias_v', [1, 1, 4]],
      ['out_proj.weight', [4, 4]],
    ]);
  });

  it('returns [output, weights]: averaged [N, L, S], per head [N, H, L, S], or null', () => {
    setSeed(2);
    const mha = new nn.MultiheadAttention(4, 2, { batchFirst: true });
    const q = randn([3, 5, 4]);
    const kv = randn([3, 6, 4]);
    const [out, w] = mha.call(q, kv, kv);
    expect(out.shape).toEqual([3, 5, 4]);
    expect(w?.shape).toEqual([3, 5, 6]);
    // Each row of the weights is a distribution over the keys.
    const rows = Array.from((w as Tensor).dataSync());
    for (let r = 0; r < 15; r++) expect(rows.slice(r * 6, r * 6 + 6).reduce((a, b) => a + b)).toBeCloseTo(1, 5);
    expect(mha.call(q, kv, kv, null, true, null, false)[1]?.shape).toEqual([3, 2, 5, 6]);
    expect(mha.call(q, kv, kv, null, false)[1]).toBeNull();
    expect(mha.call(q, kv, kv, null, null, null, null)[1]?.shape).toEqual([3, 5, 6]); // null: the defaults
    // Unbatched: [L, E].
    expect(mha.call(randn([5, 4]), randn([6, 4]), randn([6, 4]))[0].shape).toEqual([5, 4]);
  });

  it('a bool mask blocks keys; a query whose keys are all masked gives NaN (as PyTorch), not an exception', () => {
    setSeed(4);
    const mha = new nn.MultiheadAttention(4, 1);
    const x = randn([3, 1, 4]);
    const mask = tensor(
      [
        [false, true, true],
        [true, true, true],
        [false, false, false],
      ],
      'bool',
    );
    const [out, w] = mha.call(x, x, x, null, true, mask);
    const weights = Array.from((w as Tensor).dataSync());
    expect(weights.slice(0, 3)).toEqual([1, 0, 0]);
    expect(weights.slice(3, 6).every(Number.isNaN)).toBe(true);
    const o = Array.from(out.dataSync());
    expect(o.slice(4, 8).every(Number.isNaN)).toBe(true);
    expect(o.slice(0, 4).some(Number.isNaN)).toBe(false);
    expect(o.slice(8).some(Number.isNaN)).toBe(false);
  });

  it('refuses bad arguments, naming them', () => {
    expect(() => new nn.MultiheadAttention(5, 2)).toThrow("The init argument 'embedDim' must be divisible by 'numHeads', but got 5 and 2.");
    expect(() => new nn.MultiheadAttention(4, 2, { batch_first: true } as never)).toThrow(
      "unknown option 'batch_first' for MultiheadAttention; did you mean 'batchFirst'?",
    );
    const mha = new nn.MultiheadAttention(4, 2);
    const x = randn([3, 2, 4]);
    expect(() =>
      mha.call(
        x,
        x,
        x,
        tensor(
          [
            [1, 0, 0],
            [0, 0, 0],
          ],
          'int32',
        ),
      ),
    ).toThrow("For 'MultiheadAttention', the 'keyPaddingMask' must be a bool or float Tensor or null, but got int32.");
    expect(() => mha.call(x, x, x, tensor([[true, false]], 'bool'))).toThrow("the 'keyPaddingMask' must have shape [2, 3], but got [1, 2]");
    expect(() => mha.call(x, x, x, null, true, tensor([[0, 0]], 'float32'))).toThrow(
      "the 'attnMask' must have shape [3, 3], but got [1, 2]",
    );
    expect(() => mha.call(randn([3, 2, 5]), x, x)).toThrow(
      "the 'query (as [L, N, embedDim])' must have shape [3, 2, 4], but got [3, 2, 5]",
    );
  });

  it('prints its sizes and out_proj', () => {
    expect(String(new nn.MultiheadAttention(4, 2))).toBe(
      'MultiheadAttention(\n  embed_dim=4, num_heads=2, kdim=4, vdim=4, dropout=0, batch_first=False\n  (out_proj): Dense(input_channels=4, output_channels=4, has_bias=True)\n)',
    );
  });
});
