/**
 * mindts against PyTorch 1.13: the fixtures written by packages/cell/fixtures/torch/transformer.py
 * (weights, inputs, outputs and the gradients of Σ outputs·cotangents) for every layer of
 * "Embeddings, normalization and attention", forward and backward, to 1e-4 relative. Each fixture
 * runs twice: in float64, where mindts matches the float64 oracle element by element, and in
 * float32, what users run, where near-zero elements are compared relative to a tenth of the
 * tensor's largest magnitude.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { type DType, listBackends, registerBackend, setBackend, type Tensor, tensor, tidy } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Cell } from '../../cell.js';
import { nn } from '../../index.js';

beforeAll(async () => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  await setBackend('cpu');
});

type Num = number | 'NaN' | 'Infinity' | '-Infinity';
interface TensorJson {
  shape: number[];
  dtype: DType;
  data: (Num | boolean)[];
}
interface Fixture {
  layer: string;
  options: Record<string, unknown>;
  params: Record<string, TensorJson>;
  args: { name: string; value: TensorJson | boolean | null }[];
  outputs: TensorJson[];
  cotangents: TensorJson[];
  inputGrads?: Record<string, TensorJson>;
  paramGrads?: Record<string, TensorJson>;
}

const DIR = new URL('../../../fixtures/torch/', import.meta.url);
// This folder also holds the recurrent and convolution fixtures (a `cases` list, read by their own tests).
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json') && 'layer' in JSON.parse(readFileSync(new URL(f, DIR), 'utf8')));

const num = (v: Num | boolean): number | boolean => (typeof v === 'string' ? Number(v) : v);
const isTensorJson = (v: unknown): v is TensorJson => typeof v === 'object' && v !== null && 'shape' in v;
/** A fixture tensor; float data in `dtype` (the oracle ran in float64 from float32-rounded values). */
function toTensor(t: TensorJson, dtype: Precision): Tensor {
  return ops.reshape(tensor(t.data.map(num) as number[], t.dtype === 'float32' ? dtype : t.dtype), t.shape);
}

type Precision = 'float32' | 'float64';

/** The sizes a fixture's options may hold (the rest are the options object). */
interface SizeOptions {
  numLayers: number;
  norm: boolean;
  dModel: number;
  nhead: number;
  embedDim: number;
  numHeads: number;
  vocabSize: number;
  embeddingSize: number;
  normalizedShape: number[];
  numGroups: number;
  numChannels: number;
  [key: string]: unknown;
}

/** The layer a fixture describes, built with mindts' constructors. */
function build(f: Fixture, dtype: Precision): Cell {
  const {
    numLayers,
    norm,
    dModel,
    nhead,
    embedDim,
    numHeads,
    vocabSize,
    embeddingSize,
    normalizedShape,
    numGroups,
    numChannels,
    ...options
  } = f.options as SizeOptions;
  const rest = { ...options, dtype } as never;
  switch (f.layer) {
    case 'Embedding':
      return new nn.Embedding(vocabSize, embeddingSize, rest);
    case 'LayerNorm':
      return new nn.LayerNorm(normalizedShape, rest);
    case 'GroupNorm':
      return new nn.GroupNorm(numGroups, numChannels, rest);
    case 'MultiheadAttention':
      return new nn.MultiheadAttention(embedDim, numHeads, rest);
    case 'TransformerEncoderLayer':
      return new nn.TransformerEncoderLayer(dModel, nhead, rest);
    case 'TransformerDecoderLayer':
      return new nn.TransformerDecoderLayer(dModel, nhead, rest);
    case 'TransformerEncoder':
      return new nn.TransformerEncoder(new nn.TransformerEncoderLayer(dModel, nhead, rest), numLayers, {
        norm: norm ? new nn.LayerNorm([dModel], { epsilon: 1e-5, dtype }) : null,
      });
    case 'TransformerDecoder':
      return new nn.TransformerDecoder(new nn.TransformerDecoderLayer(dModel, nhead, rest), numLayers);
    case 'Transformer':
      return new nn.Transformer({ dModel, nhead, ...(options as object), dtype });
    default:
      throw new Error(`unknown layer ${f.layer}`);
  }
}

/**
 * `got` ≈ `want` to 1e-4 relative, NaN where NaN. Near zero the reference magnitude is a fraction
 * of the tensor's largest (1e-6 in float64; a tenth in float32, whose sums of many products in
 * deep gradients cancel to small values with no meaningful relative error).
 */
function expectClose(got: Tensor, want: TensorJson, what: string, dtype: Precision): void {
  expect(got.shape, `${what} shape`).toEqual(want.shape);
  expect(got.dtype, `${what} dtype`).toBe(want.dtype === 'float32' ? dtype : want.dtype);
  const g = Array.from(got.dataSync() as ArrayLike<number>);
  const w = want.data.map(num) as number[];
  const scale = Math.max(...w.filter(Number.isFinite).map(Math.abs), 1e-30);
  for (const [i, v] of w.entries()) {
    const x = g[i] as number;
    if (Number.isNaN(v)) expect(x, `${what}[${i}]`).toBeNaN();
    else
      expect(Math.abs(x - v), `${what}[${i}]: ${x} vs ${v}`).toBeLessThanOrEqual(
        1e-4 * Math.max(Math.abs(v), (dtype === 'float64' ? 1e-6 : 0.1) * scale),
      );
  }
}

describe('nn layers against PyTorch 1.13 fixtures', () => {
  it('has a fixture for every layer', () => {
    const layers = new Set(FILES.map((f) => (JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as Fixture).layer));
    expect([...layers].sort()).toEqual(
      [
        'Embedding',
        'GroupNorm',
        'LayerNorm',
        'MultiheadAttention',
        'Transformer',
        'TransformerDecoder',
        'TransformerDecoderLayer',
        'TransformerEncoder',
        'TransformerEncoderLayer',
      ].sort(),
    );
  });

  for (const [file, dtype] of FILES.flatMap((f) => (['float64', 'float32'] as const).map((d) => [f, d] as const))) {
    it(`${file.replace('.json', '')} in ${dtype}`, () => {
      const f = JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as Fixture;
      const net = build(f, dtype);
      try {
        // Parameter names are MindSpore's: the same set, and each Parameter's name is its path.
        const params = new Map(net.parametersAndNames());
        expect([...params.keys()].sort()).toEqual(Object.keys(f.params).sort());
        for (const [path, p] of params) {
          expect(p.name).toBe(path);
          tidy(() => p.setData(toTensor(f.params[path] as TensorJson, dtype)));
        }
        tidy(() => {
          const args = f.args.map((a) => (isTensorJson(a.value) ? toTensor(a.value, dtype) : a.value));
          const outputs = () => {
            const out = net.call(...(args as never[])) as Tensor | (Tensor | null)[];
            return (Array.isArray(out) ? out : [out]).filter((t): t is Tensor => t !== null);
          };
          const outs = outputs();
          expect(outs.length).toBe(f.outputs.length);
          for (const [i, o] of outs.entries()) expectClose(o, f.outputs[i] as TensorJson, `output ${i}`, dtype);
          if (!f.inputGrads || !f.paramGrads) return;
          const cot = f.cotangents.map((c) => toTensor(c, dtype));
          const diff = f.args.flatMap((a, i) => (a.name in (f.inputGrads as object) ? [i] : []));
          const weights = [...params.values()];
          const loss = (...xs: unknown[]) => {
            const os = (() => {
              const out = net.call(...(xs as never[])) as Tensor | (Tensor | null)[];
              return (Array.isArray(out) ? out : [out]).filter((t): t is Tensor => t !== null);
            })();
            return os.map((o, i) => ops.sum(ops.mul(o, cot[i] as Tensor))).reduce((a, b) => ops.add(a, b));
          };
          const [, grads] = ops.valueAndGrad(loss, diff.length ? diff : null, weights)(...args);
          const [inputGrads, paramGrads] = (diff.length ? grads : [[], grads]) as [Tensor[], Tensor[]];
          diff.forEach((argIndex, i) => {
            const name = (f.args[argIndex] as { name: string }).name;
            expectClose(inputGrads[i] as Tensor, (f.inputGrads as Record<string, TensorJson>)[name] as TensorJson, `d/d${name}`, dtype);
          });
          [...params.keys()].forEach((path, i) => {
            expectClose(paramGrads[i] as Tensor, (f.paramGrads as Record<string, TensorJson>)[path] as TensorJson, `d/d${path}`, dtype);
          });
        });
      } finally {
        net.dispose();
      }
    });
  }
});
