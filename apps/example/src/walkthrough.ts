/**
 * A short tour of mindts tensors and ops, printed step by step, ending with a plugin.
 */
import { cpu } from '@mindts/backend-cpu';
import { nn } from '@mindts/cell';
import { initializer } from '@mindts/initializer';
import * as ops from '@mindts/ops';
import { MishDense, mish, registerPluginExample } from '@mindts/plugin-example';
import {
  arange,
  eye,
  getBackend,
  listBackends,
  memory,
  ones,
  randn,
  registerBackend,
  setSeed,
  slice,
  type Tensor,
  tensor,
  tidy,
  zeros,
} from '@mindts/tensor';

/** Where the walkthrough prints (console.log by default; tests capture it). */
export type Print = (line: string) => void;

/**
 * Runs the walkthrough on the CPU backend, printing each step.
 * @example
 * walkthrough(console.log);
 */
export function walkthrough(print: Print = console.log): void {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  const step = (title: string) => print(`\n== ${title}`);

  step('1. Tensors');
  const x = tensor(
    [
      [1, 2, 3],
      [4, 5, 6],
    ],
    'float32',
  );
  print(`x = ${x}`);
  print(`shape=[${x.shape.join(', ')}] dtype=${x.dtype} size=${x.size} rank=${x.rank} backend=${getBackend().name}`);
  print(`tensor([1, 2, 3]) infers ${tensor([1, 2, 3]).dtype}; tensor(2.5) infers ${tensor(2.5).dtype}`);
  print(`zeros([2]) = ${zeros([2])}`);
  print(`ones([2], 'int32') = ${ones([2], 'int32')}`);
  print(`arange(6) = ${arange(6)}`);
  print(`eye(2) = ${eye(2)}`);
  setSeed(42);
  print(`setSeed(42); randn([3]) = ${randn([3])}`);

  step('2. Indexing (MindSpore t[0], t[:, 1:], t[..., -1])');
  print(`x.getItem(0) = ${x.getItem(0)}`);
  print(`x.getItem([slice(), slice(1)]) = ${x.getItem([slice(), slice(1)])}`);
  print(`x.getItem(['...', -1]) = ${x.getItem(['...', -1])}`);
  const y = x.getItem(0);
  y.setItem(0, 10);
  print(`y = x[0]; y[0] = 10 -> ${y}`);

  step('3. Elementwise ops with broadcasting and numbers');
  const b = tensor([10, 20, 30], 'float32');
  print(`ops.add(x, b) = ${ops.add(x, b)}`);
  print(`ops.mul(x, 2) = ${ops.mul(x, 2)}`);
  print(`ops.relu(ops.sub(x, 3)) = ${ops.relu(ops.sub(x, 3))}`);
  print(`ops.greater(x, 3) = ${ops.greater(x, 3)}`);

  step('4. Reductions, matmul and softmax');
  print(`ops.sum(x) = ${ops.sum(x)}`);
  print(`ops.mean(x, 1, true) = ${ops.mean(x, 1, true)}`);
  print(`ops.argmax(x, 1) = ${ops.argmax(x, 1)}`);
  print(`ops.matmul(x, x, { transposeB: true }) = ${ops.matmul(x, x, { transposeB: true })}`);
  print(`ops.softmax(x) = ${ops.softmax(x)}`);

  step('5. Convolution and pooling (NCHW)');
  const img = ops.reshape(arange(16, undefined, 1, 'float32'), [1, 1, 4, 4]);
  const kernel = ops.reshape(tensor([1, 0, 0, -1], 'float32'), [1, 1, 2, 2]);
  print(`conv2d(4x4 image, 2x2 kernel) = ${ops.conv2d(img, kernel)}`);
  print(`maxPool2d(image, 2) = ${ops.maxPool2d(img, 2)}`);

  step('6. In-place assignment (ops.assign, as MindSpore changes a Parameter at run time)');
  const w = tensor([1, 2, 3], 'float32');
  ops.assign(w, tensor([7, 8, 9]));
  print(`ops.assign(w, tensor([7, 8, 9])) -> ${w}`);
  ops.assignAdd(w, 1);
  print(`ops.assignAdd(w, 1) -> ${w}`);

  step('7. Memory: tidy() frees intermediates');
  const before = memory().numTensors;
  const z = tidy(() => ops.sum(ops.square(ops.sub(x, ops.mean(x)))));
  print(`tidy(() => sum((x - mean(x))^2)) = ${z}; live tensors: ${before} -> ${memory().numTensors}`);
  print(`memory() = ${JSON.stringify(memory())}`);

  plugin(print, step);
}

/**
 * Step 8: a plugin package (`@mindts/plugin-example`, docs/plugins.md) used like the library:
 * a new op with its gradient, a new initializer by name, and a Cell that trains.
 */
function plugin(print: Print, step: (title: string) => void): void {
  step('8. A plugin: @mindts/plugin-example (a new op and its gradient, an initializer, a Cell)');
  registerPluginExample(); // explicit, like registerBackend: importing a plugin registers nothing
  const v = tensor([-2, -1, 0, 1, 2], 'float32');
  print(`mish(v) = ${mish(v)}`);
  print(`grad(sum(mish(v))) = ${ops.grad((a: Tensor) => ops.sum(mish(a)))(v)}`);
  setSeed(7);
  print(`initializer('rademacher', [2, 4]) = ${initializer('rademacher', [2, 4])}`);
  const net = new nn.SequentialCell([new MishDense(4, 8), new nn.Dense(8, 1)]);
  print(`net = ${net}`);
  const x = randn([32, 4]);
  const y = ops.sum(x, 1, true); // a target the net can learn: the sum of the features
  const lossFn = new nn.MSELoss();
  const opt = new nn.Adam(net.trainableParams(), { learningRate: 0.05 });
  const gradFn = ops.valueAndGrad((a: Tensor, b: Tensor) => lossFn.call(net.call(a), b), null, opt.parameters);
  const losses: number[] = [];
  for (let i = 0; i < 40; i++) {
    tidy(() => {
      const [loss, grads] = gradFn(x, y);
      opt.call(grads);
      losses.push(loss.dataSync()[0] as number);
    });
  }
  print(
    `training MishDense(4, 8) -> Dense(8, 1) with Adam: loss ${losses[0]?.toFixed(4)} -> ${losses[losses.length - 1]?.toFixed(4)} in 40 steps`,
  );
}
