import { arange, fromValues, tensor, zeros } from '@mindts/tensor';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2d } from './conv.js';
import { expectClose, expectTensor, leakedBy, useCpu, values } from './test/helpers.js';

beforeAll(useCpu);

const nine = () => fromValues([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 1, 3, 3], 'float32');
const ones = (k: number, kw = k) => fromValues(new Array(k * kw).fill(1), [1, 1, k, kw], 'float32');

/** Direct definition of a grouped, strided, dilated, padded cross-correlation. */
function naiveConv(
  x: number[],
  [n, c, h, w]: number[],
  wt: number[],
  [o, cg, kh, kw]: number[],
  [sh, sw]: number[],
  [pt, , pl]: number[],
  [dh, dw]: number[],
  groups: number,
  [oh, ow]: number[],
): number[] {
  const out: number[] = [];
  const og = (o as number) / groups;
  for (let b = 0; b < (n as number); b++)
    for (let oc = 0; oc < (o as number); oc++)
      for (let i = 0; i < (oh as number); i++)
        for (let j = 0; j < (ow as number); j++) {
          let s = 0;
          const g = Math.floor(oc / og);
          for (let ic = 0; ic < (cg as number); ic++)
            for (let u = 0; u < (kh as number); u++)
              for (let v = 0; v < (kw as number); v++) {
                const y = i * (sh as number) + u * (dh as number) - (pt as number);
                const z = j * (sw as number) + v * (dw as number) - (pl as number);
                if (y < 0 || z < 0 || y >= (h as number) || z >= (w as number)) continue;
                const xc = g * (cg as number) + ic;
                s +=
                  (x[((b * (c as number) + xc) * (h as number) + y) * (w as number) + z] as number) *
                  (wt[((oc * (cg as number) + ic) * (kh as number) + u) * (kw as number) + v] as number);
              }
          out.push(s);
        }
  return out;
}

describe('conv2d', () => {
  it('valid padding (the default)', () => {
    expectTensor(conv2d(nine(), ones(2)), 'float32', [1, 1, 2, 2], [12, 16, 24, 28]);
  });

  it("'same' padding with an odd kernel", () => {
    expectTensor(conv2d(nine(), ones(3), { padding: 'same' }), 'float32', [1, 1, 3, 3], [12, 21, 16, 27, 45, 33, 24, 39, 28]);
  });

  it("'same' padding puts the extra row and column at the bottom/right (TF/MindSpore)", () => {
    expectTensor(conv2d(nine(), ones(2), { padding: 'same' }), 'float32', [1, 1, 3, 3], [12, 16, 9, 24, 28, 15, 15, 17, 9]);
  });

  it("'same' padding with stride 2 gives ceil(in / stride)", () => {
    expectTensor(conv2d(nine(), ones(3), { padding: 'same', stride: 2 }), 'float32', [1, 1, 2, 2], [12, 16, 24, 28]);
  });

  it('stride and dilation', () => {
    const x = fromValues(
      Array.from({ length: 25 }, (_, i) => i),
      [1, 1, 5, 5],
      'float32',
    );
    expectTensor(conv2d(x, ones(2), { dilation: 2, stride: 2 }), 'float32', [1, 1, 2, 2], [24, 32, 64, 72]);
    expectTensor(conv2d(x, ones(1), { stride: [2, 4] }), 'float32', [1, 1, 3, 2], [0, 4, 10, 14, 20, 24]);
  });

  it('explicit [top, bottom, left, right] padding', () => {
    const x = fromValues([1, 2, 3, 4], [1, 1, 2, 2], 'float32');
    expectTensor(conv2d(x, ones(1), { padding: [1, 0, 0, 2] }), 'float32', [1, 1, 3, 4], [0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0]);
    expectTensor(conv2d(x, ones(1), { padding: [1, 0] }), 'float32', [1, 1, 4, 2], [0, 0, 1, 2, 3, 4, 0, 0]);
  });

  it('channels, batches, groups and bias', () => {
    const x = fromValues([1, 2, 10, 20], [2, 2, 1, 1], 'float32');
    const w = fromValues([1, 1, 1, -1, 2, 0], [3, 2, 1, 1], 'float32');
    expectTensor(conv2d(x, w), 'float32', [2, 3, 1, 1], [3, -1, 2, 30, -10, 20]);
    expectTensor(conv2d(x, w, { bias: tensor([1, 2, 3], 'float32') }), 'float32', [2, 3, 1, 1], [4, 1, 5, 31, -8, 23]);
    const xg = fromValues([1, 1, 1, 1, 2, 2, 2, 2], [1, 2, 2, 2], 'float32');
    const wg = fromValues([3, 5], [2, 1, 1, 1], 'float32');
    expectTensor(conv2d(xg, wg, { groups: 2, bias: tensor([1, -1]) }), 'float32', [1, 2, 2, 2], [4, 4, 4, 4, 9, 9, 9, 9]);
  });

  it('integer inputs compute in float32; float64 is kept', () => {
    expectTensor(
      conv2d(
        tensor([
          [
            [
              [1, 2],
              [3, 4],
            ],
          ],
        ]),
        tensor([[[[1]]]]),
      ),
      'float32',
      [1, 1, 2, 2],
      [1, 2, 3, 4],
    );
    expect(conv2d(zeros([1, 1, 2, 2], 'float64'), zeros([1, 1, 1, 1])).dtype).toBe('float64');
  });

  it('matches the definition on random configurations', () => {
    const arb = fc.record({
      n: fc.integer({ min: 1, max: 2 }),
      groups: fc.integer({ min: 1, max: 2 }),
      cg: fc.integer({ min: 1, max: 2 }),
      og: fc.integer({ min: 1, max: 2 }),
      h: fc.integer({ min: 3, max: 6 }),
      w: fc.integer({ min: 3, max: 6 }),
      kh: fc.integer({ min: 1, max: 3 }),
      kw: fc.integer({ min: 1, max: 3 }),
      stride: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
      dilation: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
      padding: fc.oneof(fc.constant('valid' as const), fc.constant('same' as const), fc.tuple(fc.nat(2), fc.nat(2), fc.nat(2), fc.nat(2))),
      seed: fc.integer(),
    });
    fc.assert(
      fc.property(arb, (cfg) => {
        const c = cfg.cg * cfg.groups;
        const o = cfg.og * cfg.groups;
        const xs = [cfg.n, c, cfg.h, cfg.w];
        const ws = [o, cfg.cg, cfg.kh, cfg.kw];
        const rnd = (i: number) => (((Math.imul(i + 1, 2654435761) ^ cfg.seed) >>> 0) % 7) - 3;
        const xv = Array.from({ length: xs.reduce((a, b) => a * b) }, (_, i) => rnd(i));
        const wv = Array.from({ length: ws.reduce((a, b) => a * b) }, (_, i) => rnd(i + 1000));
        const effH = (cfg.kh - 1) * cfg.dilation[0] + 1;
        const effW = (cfg.kw - 1) * cfg.dilation[1] + 1;
        let pads: number[];
        if (cfg.padding === 'valid') pads = [0, 0, 0, 0];
        else if (cfg.padding === 'same') {
          const th = Math.max((Math.ceil(cfg.h / cfg.stride[0]) - 1) * cfg.stride[0] + effH - cfg.h, 0);
          const tw = Math.max((Math.ceil(cfg.w / cfg.stride[1]) - 1) * cfg.stride[1] + effW - cfg.w, 0);
          pads = [Math.floor(th / 2), th - Math.floor(th / 2), Math.floor(tw / 2), tw - Math.floor(tw / 2)];
        } else pads = cfg.padding;
        const ph = cfg.h + (pads[0] as number) + (pads[1] as number);
        const pw = cfg.w + (pads[2] as number) + (pads[3] as number);
        const x = fromValues(xv, xs, 'float32');
        const wt = fromValues(wv, ws, 'float32');
        const opts = { stride: cfg.stride, dilation: cfg.dilation, padding: cfg.padding, groups: cfg.groups };
        if (effH > ph || effW > pw) {
          expect(() => conv2d(x, wt, opts)).toThrow('is larger than the padded input');
        } else {
          const oh = Math.floor((ph - effH) / cfg.stride[0]) + 1;
          const ow = Math.floor((pw - effW) / cfg.stride[1]) + 1;
          const out = conv2d(x, wt, opts);
          expect(out.shape).toEqual([cfg.n, o, oh, ow]);
          expectClose(values(out), naiveConv(xv, xs, wv, ws, cfg.stride, pads, cfg.dilation, cfg.groups, [oh, ow]));
          out.dispose();
        }
        x.dispose();
        wt.dispose();
      }),
      { numRuns: 50 },
    );
  });

  it('errors', () => {
    const x = zeros([1, 4, 5, 5]);
    expect(() => conv2d(zeros([4, 5, 5]), zeros([1, 4, 3, 3]))).toThrow('conv2d: input must be 4-D [N, C, H, W], but got shape [4, 5, 5].');
    expect(() => conv2d(x, zeros([1, 4, 3]))).toThrow('conv2d: weight must be 4-D [O, C/groups, kH, kW], but got shape [1, 4, 3].');
    expect(() => conv2d(x, zeros([8, 3, 3, 3]))).toThrow(
      'conv2d: weight shape [8, 3, 3, 3] expects 3 input channels per group, but input shape [1, 4, 5, 5] has 4 channels in 1 group(s) (4 per group).',
    );
    expect(() => conv2d(x, zeros([6, 1, 3, 3]), { groups: 3 })).toThrow(
      'conv2d: input channels (4, shape [1, 4, 5, 5]) must be divisible by groups (3).',
    );
    expect(() => conv2d(x, zeros([3, 2, 3, 3]), { groups: 2 })).toThrow(
      'conv2d: output channels (3, weight shape [3, 2, 3, 3]) must be divisible by groups (2).',
    );
    expect(() => conv2d(x, zeros([2, 4, 3, 3]), { bias: zeros([3]) })).toThrow(
      'conv2d: bias must have shape [2] (one value per output channel), but got [3].',
    );
    expect(() => conv2d(x, zeros([2, 4, 6, 3]))).toThrow(
      'conv2d: the kernel (6x3) is larger than the padded input (5x5) of shape [1, 4, 5, 5] with padding [0, 0, 0, 0].',
    );
    expect(() => conv2d(x, zeros([2, 4, 3, 3]), { dilation: 3 })).toThrow(
      'conv2d: the kernel dilated by [3, 3] (7x7) is larger than the padded input (5x5) of shape [1, 4, 5, 5] with padding [0, 0, 0, 0].',
    );
    expect(() => conv2d(x, zeros([2, 4, 6, 6]), { padding: 'same' })).not.toThrow();
    expect(() => conv2d(x, zeros([2, 4, 3, 3]), { stride: 0 })).toThrow(
      'conv2d: stride must be an integer >= 1 or a pair of them, but got number 0.',
    );
    expect(() => conv2d(x, zeros([2, 4, 3, 3]), { dilation: [1, 2, 3] as never })).toThrow(
      'conv2d: dilation must be an integer >= 1 or a pair of them, but got [1, 2, 3].',
    );
    expect(() => conv2d(x, zeros([2, 4, 3, 3]), { padding: 'full' as never })).toThrow(
      "conv2d: padding must be 'valid', 'same', an integer >= 0, [vertical, horizontal] or [top, bottom, left, right], but got string \"full\".",
    );
    expect(() => conv2d(x, zeros([2, 4, 3, 3]), { padding: -1 })).toThrow('conv2d: padding must be');
    expect(() => conv2d(x, zeros([2, 4, 3, 3]), { groups: 0 })).toThrow('conv2d: groups must be an integer >= 1, but got number 0.');
    expect(() => conv2d(x, arange(3) as never, { bias: 1 as never })).toThrow('conv2d: weight must be 4-D');
    expect(() => conv2d(x, zeros([2, 4, 3, 3]), { bias: 1 as never })).toThrow('conv2d: bias must be a Tensor, but got number 1.');
  });

  it('leaves no temporaries', () => {
    const x = tensor([
      [
        [
          [1, 2],
          [3, 4],
        ],
      ],
    ]);
    const w = tensor([[[[1]]]]);
    const b = tensor([1]);
    expect(leakedBy(() => conv2d(x, w, { bias: b, padding: 'same' }))).toBe(0);
    x.dispose();
    w.dispose();
    b.dispose();
  });
});
