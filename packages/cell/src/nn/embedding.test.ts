import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { listBackends, registerBackend, setBackend, setSeed, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../index.js';

beforeAll(async () => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  await setBackend('cpu');
});

const rows = (t: Tensor, width: number) => {
  const d = Array.from(t.dataSync() as ArrayLike<number>);
  return Array.from({ length: d.length / width }, (_, i) => d.slice(i * width, (i + 1) * width));
};

describe('nn.Embedding', () => {
  it('looks up rows: [...ids.shape, embeddingSize], Parameter embedding_table', () => {
    setSeed(1);
    const emb = new nn.Embedding(5, 3);
    expect([...emb.parametersAndNames()].map(([n, p]) => [n, p.shape])).toEqual([['embedding_table', [5, 3]]]);
    const out = emb.call(
      tensor(
        [
          [4, 0],
          [2, 2],
        ],
        'int32',
      ),
    );
    expect(out.shape).toEqual([2, 2, 3]);
    const table = rows(emb.embeddingTable, 3);
    expect(rows(out, 3)).toEqual([table[4], table[0], table[2], table[2]]);
  });

  it('useOneHot gives the same rows by a matrix product', () => {
    const table = tensor(
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      'float32',
    );
    const a = new nn.Embedding(3, 2, { embeddingTable: table, useOneHot: true });
    const b = new nn.Embedding(3, 2, { embeddingTable: table });
    const ids = tensor([2, 0, 1], 'int32');
    expect(rows(a.call(ids), 2)).toEqual(rows(b.call(ids), 2));
    expect(rows(a.call(ids), 2)).toEqual([
      [5, 6],
      [1, 2],
      [3, 4],
    ]);
  });

  it('zeroes the padding row at init and gives it no gradient, so training leaves it at zero', () => {
    setSeed(3);
    const emb = new nn.Embedding(4, 2, { paddingIdx: 1 });
    expect(rows(emb.embeddingTable, 2)[1]).toEqual([0, 0]);
    const opt = new nn.SGD(emb.trainableParams(), { learningRate: 0.5 });
    const ids = tensor([[1, 2, 1]], 'int32');
    const gradFn = ops.valueAndGrad((x: Tensor) => ops.sum(ops.square(ops.sub(emb.call(x), 1))), null, opt.parameters);
    const [, grads] = gradFn(ids);
    const g = rows(grads[0] as Tensor, 2);
    expect(g[1]).toEqual([0, 0]);
    expect(g[2]?.every((v) => v !== 0)).toBe(true);
    opt.call(grads);
    expect(rows(emb.embeddingTable, 2)[1]).toEqual([0, 0]);
  });

  it('refuses bad arguments, naming them', () => {
    expect(() => new nn.Embedding(4, 2, { paddingIdx: 4 })).toThrow(
      "For 'Embedding', the 'paddingIdx' must be an int in range [0, 4), but got 4.",
    );
    expect(() => new nn.Embedding(0, 2)).toThrow("For 'Embedding', the 'vocabSize' must be int and must > 0");
    expect(() => new nn.Embedding(4, 2, { padding_idx: 1 } as never)).toThrow(
      "unknown option 'padding_idx' for Embedding; did you mean 'paddingIdx'?",
    );
    expect(() => new nn.Embedding(4, 2, { embeddingTable: tensor([[1, 2]], 'float32') })).toThrow('must have shape [4, 2], but got [1, 2]');
    expect(() => new nn.Embedding(4, 2).call(tensor([0.5], 'float32'))).toThrow(
      "the input 'ids' must be an integer Tensor, but got float32",
    );
  });

  it('prints like MindSpore', () => {
    expect(String(new nn.Embedding(4, 2, { paddingIdx: 0 }))).toBe(
      'Embedding(vocab_size=4, embedding_size=2, use_one_hot=False, embedding_table=Parameter (name=embedding_table, shape=[4, 2], dtype=Float32, requires_grad=True), dtype=float32, padding_idx=0)',
    );
  });
});
