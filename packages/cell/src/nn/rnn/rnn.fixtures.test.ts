import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import type { Parameter } from '@mindts/parameter';
import { listBackends, registerBackend, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Arr, expectClose, loadCases, toTensor } from '../../../fixtures/torch/torchFixture.js';
import { nn } from '../../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

interface LayerCase {
  name: string;
  mode: 'RNN' | 'LSTM' | 'GRU';
  nonlinearity: 'tanh' | 'relu';
  inputSize: number;
  hiddenSize: number;
  numLayers: number;
  bidirectional: boolean;
  batchFirst: boolean;
  hasBias: boolean;
  seqLength: number[] | null;
  inputs: Record<string, Arr>;
  params: Record<string, Arr>;
  output: Arr;
  hN: Arr;
  cN?: Arr;
  wOut: Arr;
  wH: Arr;
  wC?: Arr;
  grads: Record<string, Arr>;
}

function build(c: LayerCase): nn.RNNBase {
  const options = { numLayers: c.numLayers, bidirectional: c.bidirectional, batchFirst: c.batchFirst, hasBias: c.hasBias };
  if (c.mode === 'RNN') return new nn.RNN(c.inputSize, c.hiddenSize, { ...options, nonlinearity: c.nonlinearity });
  return c.mode === 'LSTM' ? new nn.LSTM(c.inputSize, c.hiddenSize, options) : new nn.GRU(c.inputSize, c.hiddenSize, options);
}

/** Loads the fixture's weights; the Parameter names must be exactly PyTorch's. */
function load(net: nn.Cell, params: Record<string, Arr>): Parameter[] {
  const ours = [...net.parametersAndNames()].map(([n]) => n);
  expect(ours).toEqual(Object.keys(params));
  const dict = net.parametersDict();
  return Object.entries(params).map(([name, a]) => {
    const p = dict.get(name) as Parameter;
    p.setData(toTensor(a));
    return p;
  });
}

for (const file of ['rnn.json', 'lstm.json', 'gru.json']) {
  describe(`${file} (PyTorch 1.13 fixtures)`, () => {
    for (const c of loadCases<LayerCase>(file)) {
      it(`${c.mode}: ${c.name}`, () => {
        const net = build(c);
        const weights = load(net, c.params);
        const x = toTensor(c.inputs.x as Arr);
        const h = c.inputs.hx ? toTensor(c.inputs.hx) : null;
        const cx = c.inputs.cx ? toTensor(c.inputs.cx) : null;
        const seq = c.seqLength ? tensor(c.seqLength, 'int32') : null;
        const run = (xi: Tensor, hi: Tensor | null, ci: Tensor | null): [Tensor, Tensor, Tensor | null] => {
          if (net instanceof nn.LSTM) {
            const [out, [hN, cN]] = net.call(xi, hi && ci ? [hi, ci] : null, seq);
            return [out, hN, cN];
          }
          const [out, hN] = (net as nn.RNN).call(xi, hi, seq);
          return [out, hN, null];
        };
        const [out, hN, cN] = run(x, h, cx);
        expectClose(out, c.output, 'output');
        expectClose(hN, c.hN, 'hN');
        if (c.cN) expectClose(cN as Tensor, c.cN, 'cN');

        const inputs = [x, ...(h ? [h] : []), ...(cx ? [cx] : [])];
        const loss = (...args: Tensor[]) => {
          const [o, hn, cn] = run(args[0] as Tensor, args[1] ?? null, args[2] ?? null);
          let l = ops.add(ops.sum(ops.mul(o, toTensor(c.wOut))), ops.sum(ops.mul(hn, toTensor(c.wH))));
          if (cn && c.wC) l = ops.add(l, ops.sum(ops.mul(cn, toTensor(c.wC))));
          return l;
        };
        const positions = inputs.map((_, i) => i);
        const [, grads] = ops.valueAndGrad(loss, positions, weights)(...inputs) as [Tensor, [Tensor[] | Tensor, Tensor[]]];
        const [inputGrads, weightGrads] = grads;
        const ig = Array.isArray(inputGrads) ? inputGrads : [inputGrads];
        ['x', 'hx', 'cx'].slice(0, inputs.length).forEach((k, i) => {
          expectClose(ig[i] as Tensor, c.grads[k] as Arr, `d${k}`);
        });
        Object.keys(c.params).forEach((k, i) => {
          expectClose(weightGrads[i] as Tensor, c.grads[k] as Arr, `d${k}`);
        });
      });
    }
  });
}
