/**
 * A short tour of mindts tensors and ops, printed step by step.
 */
import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
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
}
