import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { listBackends, memory, registerBackend, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Cell } from '../cell.js';
import { stateOf } from '../cellState.js';
import { amp, nn } from '../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

/** Dense → BatchNorm1d → ReLU → Dense, with a LayerNorm inside a child Cell. */
class Net extends Cell {
  fc1 = new nn.Dense(4, 6);
  bn = new nn.BatchNorm1d(6);
  act = new nn.ReLU();
  block = new nn.SequentialCell([new nn.LayerNorm([6]), new nn.Dense(6, 3)]);
  override construct(x: Tensor): Tensor {
    return this.block.call(this.act.call(this.bn.call(this.fc1.call(x))));
  }
}

/** Each Cell's path with its compute and output dtypes (`-` when unset). */
function settings(net: Cell): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, cell] of net.cellsAndNames()) {
    const s = stateOf(cell);
    out[name || '(net)'] = `${s.computeDtype ?? '-'}→${s.outputDtype ?? '-'}`;
  }
  return out;
}

const x = () =>
  tensor(
    [
      [0.5, -1, 2, 0.25],
      [1, 0, -0.5, 3],
    ],
    'float32',
  );

describe('Cell.toFloat', () => {
  it('casts float inputs and trainable Parameters in call; the Parameters stay float32 and get float32 gradients', () => {
    const dense = new nn.Dense(4, 2);
    expect(dense.toFloat('float16')).toBe(dense);
    const y = dense.call(x());
    expect(y.dtype).toBe('float16');
    expect(dense.weight.dtype).toBe('float32');
    const want = ops.cast(
      ops.add(
        ops.matmul(ops.cast(x(), 'float16'), ops.cast(dense.weight, 'float16'), { transposeB: true }),
        ops.cast(dense.bias!, 'float16'),
      ),
      'float32',
    );
    expect(Array.from(ops.cast(y, 'float32').dataSync())).toEqual(Array.from(want.dataSync()));
    const gradFn = ops.valueAndGrad((a: Tensor) => ops.sum(ops.cast(dense.call(a), 'float32')), null, [dense.weight, dense.bias!]);
    const [, grads] = gradFn(x());
    expect((grads as Tensor[]).map((g) => g.dtype)).toEqual(['float32', 'float32']);
    // d sum / d bias = batch size; d sum / d weight[j] = column sums of x (in float16, exact here).
    expect(Array.from((grads as Tensor[])[1]!.dataSync())).toEqual([2, 2]);
    expect(Array.from((grads as Tensor[])[0]!.dataSync())).toEqual([1.5, -1, 1.5, 3.25, 1.5, -1, 1.5, 3.25]);
  });

  it('leaves int inputs and Parameters without requiresGrad alone, and frees its casts', () => {
    const bn = new nn.BatchNorm1d(4).toFloat('float16');
    const input = x();
    bn.call(input).dispose(); // the Parameters' lazy initializers run
    const before = memory().numTensors;
    const y = bn.call(input);
    expect(y.dtype).toBe('float16');
    expect(bn.moving_mean.dtype).toBe('float32');
    y.dispose();
    expect(memory().numTensors).toBe(before);
    class Pick extends Cell {
      override construct(v: Tensor, i: Tensor) {
        return [v.dtype, i.dtype];
      }
    }
    expect(new Pick().toFloat('float16').call(x(), tensor([1], 'int32'))).toEqual(['float16', 'int32']);
  });

  it('sets every sub-Cell; a later toFloat on a sub-Cell overrides it there', () => {
    const net = new Net().toFloat('float16');
    net.bn.toFloat('float32');
    expect(settings(net)).toMatchObject({ '(net)': 'float16→-', fc1: 'float16→-', bn: 'float32→-', 'block.0': 'float16→-' });
  });

  it('refuses other dtypes, naming the accepted ones', () => {
    const dense = new nn.Dense(2, 2);
    expect(() => dense.toFloat('bfloat16' as never)).toThrow(
      /For 'toFloat', the argument 'dstType' should be 'float16' or 'float32', but got 'bfloat16'/,
    );
    expect(() => dense.toFloat(16 as never)).toThrow(/but got number/);
    expect(stateOf(dense).computeDtype).toBeUndefined();
  });
});

describe('amp.autoMixedPrecision', () => {
  it('O0 changes nothing', () => {
    const net = new Net();
    expect(amp.autoMixedPrecision(net, 'O0')).toBe(net);
    expect(Object.values(settings(net)).every((s) => s === '-→-')).toBe(true);
    expect(amp.autoMixedPrecision(net)).toBe(net);
  });

  it('O1 runs the white-list Cells in float16 and casts their outputs back to float32', () => {
    const net = amp.autoMixedPrecision(new Net(), 'O1');
    expect(settings(net)).toEqual({
      '(net)': '-→-',
      fc1: 'float16→float32',
      bn: '-→-',
      act: 'float16→float32',
      block: '-→-',
      'block.0': '-→-',
      'block.1': 'float16→float32',
    });
    expect(net.call(x()).dtype).toBe('float32');
  });

  it('O2 runs the network in float16 but BatchNorm and LayerNorm (float32, handing float16 on), outputs float32', () => {
    const net = amp.autoMixedPrecision(new Net(), 'O2');
    expect(settings(net)).toEqual({
      '(net)': 'float16→float32',
      fc1: 'float16→-',
      bn: 'float32→float16',
      act: 'float16→-',
      block: 'float16→-',
      'block.0': 'float32→float16',
      'block.1': 'float16→-',
    });
    const y = net.setTrain().call(x());
    expect(y.dtype).toBe('float32');
    expect([...net.getParameters()].every((p) => p.dtype === 'float32')).toBe(true);
    // Close to the float32 network's output (same weights): float16 rounding only.
    const ref = new Net();
    for (const [name, p] of ref.parametersAndNames()) p.setData(net.parametersDict().get(name)!.value());
    const want = ref.setTrain().call(x()).dataSync();
    const got = y.dataSync();
    for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThan(2e-2);
  });

  it('O2 training steps (valueAndGrad + SGD, no tidy) keep memory flat and update the float32 weights', () => {
    const net = amp.autoMixedPrecision(new nn.SequentialCell([new nn.Dense(4, 8, { activation: 'relu' }), new nn.Dense(8, 3)]), 'O2');
    const loss = new nn.CrossEntropyLoss();
    const opt = new nn.SGD(net.trainableParams(), 0.5);
    const gradFn = ops.valueAndGrad((a: Tensor, b: Tensor) => loss.call(net.call(a) as Tensor, b), null, opt.parameters);
    const [input, labels] = [x(), tensor([0, 2], 'int32')];
    const losses: number[] = [];
    const counts: number[] = [];
    for (let i = 0; i < 6; i++) {
      const [l, grads] = gradFn(input, labels);
      expect((grads as Tensor[]).map((g) => g.dtype)).toEqual(['float32', 'float32', 'float32', 'float32']);
      opt.call(grads as Tensor[]);
      losses.push((l as Tensor).item() as number);
      counts.push(memory().numTensors);
    }
    expect(new Set(counts.slice(2)).size).toBe(1);
    expect(losses[5]!).toBeLessThan(losses[0]!);
    expect([...net.getParameters()].every((p) => p.dtype === 'float32')).toBe(true);
  });

  it('O3 runs everything in float16 and casts the outputs to float32', () => {
    const net = amp.autoMixedPrecision(new nn.SequentialCell([new nn.Dense(4, 3), new nn.ReLU()]), 'O3');
    expect(settings(net)).toEqual({ '(net)': 'float16→float32', '0': 'float16→-', '1': 'float16→-' });
    expect(net.call(x()).dtype).toBe('float32');
  });

  it('lists its white and black lists as copies', () => {
    expect(amp.getWhiteList()).toContain(nn.Dense);
    expect(amp.getBlackList()).toEqual([nn.BatchNorm1d, nn.BatchNorm2d, nn.LayerNorm]);
    amp.getBlackList().pop();
    expect(amp.getBlackList()).toHaveLength(3);
  });

  it('refuses bad input and a second conversion, changing nothing', () => {
    const net = new Net();
    expect(() => amp.autoMixedPrecision(net, 'O4' as never)).toThrow(/amp level 'O4' is not supported: use one of 'O0', 'O1', 'O2', 'O3'/);
    expect(() => amp.autoMixedPrecision(net, 'auto' as never)).toThrow(/'auto' is not supported/);
    expect(() => amp.autoMixedPrecision({} as never, 'O2')).toThrow(/the 'network' must be a Cell, but got Object/);
    expect(() => amp.autoMixedPrecision(net, 'O2', 'bfloat16' as never)).toThrow(/'dtype' must be 'float16'.*but got 'bfloat16'/);
    expect(Object.values(settings(net)).every((s) => s === '-→-')).toBe(true);
    amp.autoMixedPrecision(net, 'O3');
    expect(() => amp.autoMixedPrecision(net, 'O2')).toThrow(/already converted/);
    expect(() => (amp.autoMixedPrecision as (...a: unknown[]) => unknown)(net, 'O2', 'float16', 1)).toThrow(/autoMixedPrecision/);
  });
});
