import { memory, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { matmul } from '../matmul.js';
import { mul } from '../binary.js';
import { sum } from '../reduce.js';
import { transpose } from '../shape/transpose.js';
import { f64 } from '../test/float64.js';
import { expectClose, expectTensor, useCpu, values } from '../test/helpers.js';
import { checkGradients } from '../testing/gradCheck.js';
import { einsum } from './einsum.js';
import { parseEinsum } from './einsumEquation.js';

beforeAll(useCpu);

/** A naive einsum over explicit label lists: the reference the lowering is checked against. */
function naive(inputs: string[][], output: string[], operands: Tensor[]): number[] {
  const size = new Map<string, number>();
  for (const [k, ls] of inputs.entries()) {
    for (const [i, l] of ls.entries()) size.set(l, Math.max(size.get(l) ?? 1, operands[k]!.shape[i] as number));
  }
  const all = [...size.keys()];
  const data = operands.map((t) => Array.from(t.dataSync() as ArrayLike<number>));
  const outSize = output.reduce((a, l) => a * size.get(l)!, 1);
  const out = new Array<number>(outSize).fill(0);
  const total = all.reduce((a, l) => a * size.get(l)!, 1);
  for (let f = 0; f < total; f++) {
    const at = new Map<string, number>();
    let r = f;
    for (const l of [...all].reverse()) {
      at.set(l, r % size.get(l)!);
      r = Math.floor(r / size.get(l)!);
    }
    let p = 1;
    operands.forEach((t, k) => {
      let off = 0;
      inputs[k]!.forEach((l, i) => {
        const d = t.shape[i] as number;
        off = off * d + (d === 1 ? 0 : at.get(l)!);
      });
      p *= data[k]![off]!;
    });
    const o = output.reduce((acc, l) => acc * size.get(l)! + at.get(l)!, 0);
    out[o]! += p;
  }
  return out;
}

describe('einsum', () => {
  it('matches matmul, transpose, trace, diagonal, outer products and sums', () => {
    const a = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      'float32',
    );
    const b = tensor(
      [
        [5, 6, 7],
        [8, 9, 10],
      ],
      'float32',
    );
    expectClose(values(einsum('ij,jk->ik', a, b)), values(matmul(a, b)));
    expectClose(values(einsum('ij,jk', a, b)), values(matmul(a, b)));
    expectTensor(einsum('ij->ji', b), 'float32', [3, 2], values(transpose(b, [1, 0])));
    expectTensor(einsum('ii', a), 'float32', [], [5]);
    expectTensor(einsum('ii->i', a), 'float32', [2], [1, 4]);
    expectTensor(einsum('i,j->ij', tensor([1, 2], 'float32'), tensor([3, 4, 5], 'float32')), 'float32', [2, 3], [3, 4, 5, 6, 8, 10]);
    expectTensor(einsum('ij->', a), 'float32', [], [10]);
    expectTensor(einsum('ij,ij->i', a, a), 'float32', [2], [5, 25]);
    expectTensor(einsum(' i j , j k -> k i ', a, a), 'float32', [2, 2], [7, 15, 10, 22]);
    expectTensor(einsum('ba', a), 'float32', [2, 2], [1, 3, 2, 4]);
    expectTensor(einsum('ij,jk,kl->il', a, a, a), 'float32', [2, 2], [37, 54, 81, 118]);
    expectTensor(einsum('ij,ij->ij', a, tensor([2, 2], 'int32', [1, 2])), 'float32', [2, 2], [2, 4, 6, 8]);
    a.dispose();
    b.dispose();
  });

  it('handles ellipses (broadcast), attention shapes and a naive reference on random cases', () => {
    const q = f64([2, 3, 4, 5]);
    const k = f64([2, 3, 6, 5]);
    expectClose(values(einsum('bhqd,bhkd->bhqk', q, k)), values(matmul(q, k, { transposeB: true })), 1e-9);
    const x = f64([2, 1, 3, 4]);
    const w = f64([5, 4, 2]);
    const cases: [string, Tensor[]][] = [
      ['...ij,...jk->...ik', [x, f64([5, 4, 2])]],
      ['a...i,bij->...ab', [f64([3, 2, 4]), w]],
      ['iij->j', [f64([3, 3, 2])]],
      ['ijk,jil->kl', [f64([2, 3, 4]), f64([3, 2, 5])]],
      ['bn,anm,bm->ba', [f64([2, 3]), f64([4, 3, 5]), f64([2, 5])]],
      ['i,i,i->', [f64([4]), f64([4]), f64([4])]],
      ['ij,kj->', [f64([1, 3]), f64([2, 3])]],
    ];
    for (const [eq, ops] of cases) {
      const plan = parseEinsum(
        eq,
        ops.map((t) => t.rank),
      );
      const got = einsum(eq, ...ops);
      expectClose(values(got), naive(plan.inputs as string[][], plan.output as string[], ops), 1e-9);
    }
    expect(einsum('...ij,...jk->...ik', x, f64([5, 4, 2])).shape).toEqual([2, 5, 3, 2]);
  });

  it('refuses bad equations and operands, naming the problem, and leaks nothing', () => {
    const a = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      'float32',
    );
    const v = tensor([1, 2, 3], 'float32');
    const before = memory().numTensors;
    expect(() => einsum('ij,jk->ik', a)).toThrow('einsum: equation "ij,jk->ik" has 2 operand(s), but 1 were given.');
    expect(() => einsum('ijk', a)).toThrow("einsum: operand 0 has rank 2, but its subscripts 'ijk' name 3 dimension(s).");
    expect(() => einsum('i1', a)).toThrow(/einsum: operand 0 \('i1'\) has the character "1"/);
    expect(() => einsum('ij->ik', a)).toThrow("einsum: output subscript 'k' appears in no operand.");
    expect(() => einsum('ij->ii', a)).toThrow('einsum: the output repeats a subscript.');
    expect(() => einsum('ij,j->i', a, v)).toThrow("einsum: subscript 'j' has sizes 2 and 3 in different places, which do not broadcast.");
    expect(() => einsum('i...j...', a)).toThrow("einsum: operand 0 ('i...j...') has more than one '...'.");
    expect(() => einsum('ij', [[1]] as never)).toThrow('einsum: operand 0 must be a Tensor, but got an array of length 1.');
    expect(() => einsum('ij->i->j', a)).toThrow(/more than one '->'/);
    expect(memory().numTensors).toBe(before);
    a.dispose();
    v.dispose();
  });

  it('gradients reach every operand', () => {
    expect(checkGradients((a, b) => einsum('ij,jk->ik', a, b), [f64([2, 3]), f64([3, 4])])).toEqual([]);
    expect(checkGradients((a) => einsum('ii->i', a), [f64([3, 3])])).toEqual([]);
    expect(checkGradients((a, b, c) => einsum('bn,anm,bm->ba', a, b, c), [f64([2, 3]), f64([2, 3, 2]), f64([2, 2])])).toEqual([]);
    expect(checkGradients((a, b) => einsum('...ij,...jk->...ik', a, b), [f64([2, 1, 2, 3]), f64([3, 3, 2])])).toEqual([]);
    expect(checkGradients((a, b) => mul(einsum('ij,ij->ij', a, b), 2), [f64([2, 3]), f64([1, 3])])).toEqual([]);
    expect(checkGradients((a) => sum(einsum('ijk->kj', a)), [f64([2, 3, 2])])).toEqual([]);
  });
});
