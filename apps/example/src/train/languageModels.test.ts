import { cpu } from '@mindts/backend-cpu';
import { WORD_VOCABULARY } from '@mindts/datasets';
import * as ops from '@mindts/ops';
import { fromValues, listBackends, memory, registerBackend, setSeed, type Tensor, tidy } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { causalMask, CharGPT, CharLSTM } from './languageModels.js';
import { languageSetup, trainStepFor } from './trainer.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const tiny = { vocabSize: WORD_VOCABULARY.size, contextLength: 8, dModel: 16, nhead: 2, numLayers: 2, dropout: 0 };
const ids = (rows: number[][]) => fromValues(Int32Array.from(rows.flat()), [rows.length, (rows[0] as number[]).length], 'int32');

describe('the language models', () => {
  it('causalMask: 0 on and below the diagonal, −∞ above', () => {
    const m = causalMask(3);
    expect(Array.from(m.dataSync())).toEqual([0, -Infinity, -Infinity, 0, 0, -Infinity, 0, 0, 0]);
    m.dispose();
  });

  for (const [name, make] of [
    ['CharGPT', () => new CharGPT(tiny)],
    ['CharLSTM', () => new CharLSTM(WORD_VOCABULARY.size, 8, 16)],
  ] as const) {
    it(`${name} maps ids [batch, seq] to logits [batch, seq, 28], each position seeing only what came before`, () => {
      setSeed(1);
      const net = make();
      // Counted after a first call, which initialises the lazy Parameters.
      const warm = ids([[0]]);
      (net.call(warm) as Tensor).dispose();
      warm.dispose();
      const before = memory().numTensors;
      const a = ids([
        [0, 4, 2, 21, 1],
        [0, 9, 10, 11, 12],
      ]);
      const b = ids([
        [0, 4, 2, 7, 7],
        [0, 9, 10, 20, 20],
      ]);
      const [ya, yb] = [net.call(a) as Tensor, net.call(b) as Tensor];
      expect(ya.shape).toEqual([2, 5, 28]);
      // Tokens 3 and 4 changed: positions 0–2 give the same logits, position 3 does not.
      const first = (y: Tensor, upTo: number) => tidy(() => Array.from(ops.slice(y, [0, 0, 0], [2, upTo, 28]).dataSync()));
      const [fa, fb] = [first(ya, 3), first(yb, 3)];
      fa.forEach((v, i) => {
        expect(v).toBeCloseTo(fb[i] as number, 5);
      });
      expect(first(ya, 4)).not.toEqual(first(yb, 4));
      for (const t of [a, b, ya, yb]) t.dispose();
      expect(memory().numTensors).toBe(before);
      net.dispose();
    });
  }

  it('CharGPT refuses a context longer than its position table', () => {
    const net = new CharGPT(tiny);
    const long = ids([Array.from({ length: 9 }, () => 2)]);
    expect(() => net.call(long)).toThrow('ids must be [batch, seq] with seq ≤ 8, but got [1, 9]');
    long.dispose();
    net.dispose();
  });

  for (const [name, make] of [
    ['CharGPT', () => new CharGPT(tiny)],
    ['CharLSTM', () => new CharLSTM(WORD_VOCABULARY.size, 8, 16)],
  ] as const) {
    it(`one AdamW step of ${name} lowers the loss on its batch, ignoring the positions past each word`, () => {
      setSeed(2);
      const net = make();
      const x = ids([
        [0, 4, 2, 21, 1],
        [0, 5, 16, 5, 1],
      ]);
      const y = ids([
        [4, 2, 21, 1, -100],
        [5, 16, 5, 1, -100],
      ]);
      const { step, dispose } = trainStepFor(net, 0, false, languageSetup(net, 1e-2, 20));
      const losses = Array.from({ length: 12 }, () => {
        const out = step(x, y);
        const v = out[0]?.dataSync()[0] as number;
        expect(out[1]?.shape).toEqual([10, 28]);
        for (const t of out) t.dispose();
        return v;
      });
      // Warm-up starts the rate at 0: the first step changes nothing, the next ones lower the loss.
      expect(losses[0]).toBeCloseTo(Math.log(28), 0);
      expect(losses[2]).toBeLessThan(losses[1] as number);
      expect(losses[11]).toBeLessThan((losses[0] as number) - 0.1);
      dispose();
      for (const t of [x, y]) t.dispose();
      net.dispose();
    });
  }
});
