import { cpu } from '@mindts/backend-cpu';
import { nn } from '@mindts/cell';
import * as ops from '@mindts/ops';
import { Parameter } from '@mindts/parameter';
import { listBackends, randn, registerBackend, setBackend, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { OnnxExportError } from './errors.js';
import { expectSameOutputs, runOrt } from './ort.testkit.js';
import { toOnnx } from './toOnnx.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  setBackend('cpu');
});

describe('toOnnx: ops ONNX has no translation for are errors naming them', () => {
  it('atan2, a sort, a cumulative product', async () => {
    const x = randn([2, 3]);
    await expect(toOnnx((a: Tensor) => ops.atan2(a, a), [x])).rejects.toThrow(/does not support the op 'Binary.atan2'/);
    await expect(toOnnx((a: Tensor) => ops.argsort(a), [x])).rejects.toThrow(/does not support the op 'Argsort'/);
    await expect(toOnnx((a: Tensor) => ops.cumprod(a, 1), [x])).rejects.toThrow(/'Cumulative.prod' \(ONNX has no cumulative product\)/);
  });

  it('a random draw (dropout forced on) says to export in inference mode', async () => {
    const err = await toOnnx((a: Tensor) => ops.dropout(a, 0.5, true), [randn([2, 3])]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OnnxExportError);
    expect((err as Error).message).toMatch(/'Random'.*inference mode/);
  });

  it('a network that writes to a Parameter is refused, and the Parameter keeps its value', async () => {
    const p = new Parameter(tensor([1, 2, 3], 'float32'), 'counter');
    const step = (a: Tensor) => {
      ops.assignAdd(p, a);
      return ops.mul(p, 2);
    };
    await expect(toOnnx(step, [tensor([1, 1, 1], 'float32')])).rejects.toThrow(/writes to 'counter'/);
    expect(Array.from(p.dataSync())).toEqual([1, 2, 3]);
  });

  it("restores every Cell's training mode when the export fails", async () => {
    const net = new nn.SequentialCell([new nn.Dense(3, 2)]);
    net.setTrain(true);
    await expect(toOnnx(net, [randn([2, 4])])).rejects.toThrow();
    expect([...net.cellsAndNames()].every(([, c]) => c.training)).toBe(true);
  });
});

describe('toOnnx: the batch size', () => {
  const fixedShape = (a: Tensor) => ops.reshape(a, [1, 12]);

  it("'auto' keeps the traced size, and says why, when the network fixes it", async () => {
    const x = randn([3, 4]);
    const model = await toOnnx(fixedShape, [x]);
    expect(model.dynamicBatch).toBe(false);
    expect(model.fixedBatchReason).toMatch(/at batch size 4 it fails/);
    expect(model.inputs[0]?.dims).toEqual([3, 4]);
    await expectSameOutputs(model, [x], fixedShape(x));
  });

  it('true is an error saying why; false keeps the traced size', async () => {
    await expect(toOnnx(fixedShape, [randn([3, 4])], { dynamicBatch: true })).rejects.toThrow(
      /cannot leave the batch size open: at batch size 4/,
    );
    const model = await toOnnx((a: Tensor) => ops.relu(a), [randn([3, 4])], { dynamicBatch: false });
    expect(model).toMatchObject({ dynamicBatch: false, fixedBatchReason: null });
    expect(model.inputs[0]?.dims).toEqual([3, 4]);
  });

  it('a batch size used as a number is computed at run time; one used nonlinearly keeps the traced size', async () => {
    const f = (a: Tensor) => ops.add(ops.mul(ops.argmax(a, 1), 2 * (a.shape[0] as number) + 1), a.shape[0] as number);
    const model = await toOnnx(f, [randn([3, 4])]);
    expect(model.fixedBatchReason).toBe(null);
    const x = randn([6, 4]);
    await expectSameOutputs(model, [x], f(x));
    const inverse = await toOnnx((a: Tensor) => ops.mul(a, 1 / (a.shape[0] as number)), [randn([3, 4])]);
    expect(inverse.fixedBatchReason).toBe('a value computed from the batch size is not a whole multiple of it');
    const square = await toOnnx((a: Tensor) => ops.reshape(ops.matmul(a, a, { transposeB: true }), [-1]), [randn([3, 4])]);
    expect(square.fixedBatchReason).toBe('a size grows faster than the batch size');
    expect(square.outputs[0]?.dims).toEqual([9]);
  });

  it('a batch-dependent reshape target is computed at run time (two batch-sized axes)', async () => {
    const f = (a: Tensor) => ops.reshape(ops.transpose(a, [1, 0, 2]), [2, a.shape[0] as number, 3, 2]);
    const model = await toOnnx(f, [randn([3, 2, 6])]);
    expect(model.outputs[0]?.dims).toEqual([2, 'batch', 3, 2]);
    const x = randn([5, 2, 6]);
    await expectSameOutputs(model, [x], f(x));
  });
});

describe('toOnnx: inputs and outputs', () => {
  it('names them, returns inputs as they are, flattens returned structures, and reads one tensor passed twice once', async () => {
    const f = (a: Tensor, b: Tensor, c: Tensor) => ({ sum: ops.add(a, c), pair: [b, ops.mul(a, a)] });
    const a = randn([2, 3]);
    const b = randn([2, 3]);
    const model = await toOnnx(f, [a, b, a], { inputNames: ['a', 'b'], outputNames: ['sum', 'b_out', 'square'] });
    expect(model.inputs.map((i) => i.name)).toEqual(['a', 'b']);
    expect(model.outputs.map((o) => o.name)).toEqual(['sum', 'b_out', 'square']);
    await expectSameOutputs(model, [a, b], f(a, b, a));
  });

  it('a returned Parameter is an output holding its value', async () => {
    const w = new Parameter(tensor([[1, 2]], 'float32'), 'w');
    const model = await toOnnx((x: Tensor) => [ops.matmul(x, w), w], [randn([2, 1])]);
    const [, out] = await runOrt(model, [randn([4, 1])]);
    expect(Array.from(out?.data as Float32Array)).toEqual([1, 2]);
  });

  it('checks its arguments and options', async () => {
    const x = randn([2, 3]);
    const relu = (a: Tensor) => ops.relu(a);
    await expect(toOnnx(relu, [x], { dynamic_batch: true } as never)).rejects.toThrow(
      /unknown option 'dynamic_batch' for toOnnx; did you mean 'dynamicBatch'/,
    );
    await expect(toOnnx(relu, [x], { dynamicBatch: 'yes' as never })).rejects.toThrow(
      /'dynamicBatch' must be true, false or 'auto', but got yes/,
    );
    await expect(toOnnx(relu, [x], { batchAxis: -1 })).rejects.toThrow(/'batchAxis' must be an integer >= 0, but got -1/);
    await expect(toOnnx(relu, [x], { inputNames: ['a', 'b'] })).rejects.toThrow(/'inputNames' must name each of the 1 inputs, but got 2/);
    await expect(toOnnx(relu, [x], { inputNames: ['x'], outputNames: ['x'] })).rejects.toThrow(/'x' is both an input's and an output's/);
    await expect(toOnnx(relu, x as never)).rejects.toThrow(/'inputs' must be an array of the network's arguments, but got Tensor/);
    await expect(toOnnx(42 as never, [x])).rejects.toThrow(/'net' must be a Cell or a function, but got number/);
    await expect((toOnnx as (...a: unknown[]) => Promise<unknown>)(relu, [x], {}, 1)).rejects.toThrow(
      /toOnnx takes at most 3 arguments, but got 4/,
    );
  });
});
