/**
 * MindSpore's beginner quickstart training loop, line for line as MindSpore users write it — no
 * `tidy`, no `dispose` — and what it does to memory. mindts's ownership rules keep it flat: a
 * gradient function's results live until its next call, an optimizer frees the gradients it is
 * handed, and `batches` frees each batch when it hands out the next.
 */
import { Cell, nn } from '@mindts/cell';
import { batches, loadMnist } from '@mindts/datasets';
import * as ops from '@mindts/ops';
import { memory, type Tensor } from '@mindts/tensor';

/** MindSpore's quickstart `Network` (Flatten, then Dense–ReLU–Dense–ReLU–Dense), `hidden` wide. */
class Network extends Cell {
  flatten = new nn.Flatten();
  denseReluSequential: nn.SequentialCell;
  constructor(hidden: number) {
    super();
    this.denseReluSequential = new nn.SequentialCell([
      new nn.Dense(784, hidden),
      new nn.ReLU(),
      new nn.Dense(hidden, hidden),
      new nn.ReLU(),
      new nn.Dense(hidden, 10),
    ]);
  }
  override construct(x: Tensor): Tensor {
    return this.denseReluSequential.call(this.flatten.call(x)) as Tensor;
  }
}

/**
 * Live tensors and bytes (`memory()`) after a step, and that step's loss.
 * @example
 * const { step, numTensors, numBytes, loss }: MemorySample = samples[0];
 */
export interface MemorySample {
  readonly step: number;
  readonly numTensors: number;
  readonly numBytes: number;
  readonly loss: number;
}

/**
 * Options of {@link quickstartLoop}.
 * @example
 * quickstartLoop({ steps: 1000, sampleEvery: 100 });
 */
export interface QuickstartOptions {
  /** Training steps in all (batches of 64 from 2,000 MNIST digits, epoch after epoch). */
  readonly steps: number;
  /** Take a memory sample every this many steps (and after the last). */
  readonly sampleEvery: number;
  /** Width of the hidden layers (MindSpore's quickstart: 512). */
  readonly hidden?: number;
  /** Called with each sample as it is taken. */
  readonly onSample?: (sample: MemorySample) => void;
}

/**
 * Runs the quickstart loop on the active backend for `steps` steps and returns the memory samples.
 * @example
 * const samples = quickstartLoop({ steps: 200, sampleEvery: 50 });
 * samples.at(-1)?.numTensors === samples[0]?.numTensors; // true: nothing grows
 */
export function quickstartLoop(options: QuickstartOptions): MemorySample[] {
  const { steps, sampleEvery, hidden = 64, onSample } = options;
  const { images, labels } = loadMnist({ split: 'train', limit: 2000 });
  const model = new Network(hidden);
  const lossFn = new nn.CrossEntropyLoss();
  const optimizer = new nn.SGD(model.trainableParams(), { learningRate: 1e-2 });
  const samples: MemorySample[] = [];
  try {
    // def forward_fn(data, label): logits = model(data); loss = loss_fn(logits, label); return loss, logits
    const forwardFn = (data: Tensor, label: Tensor): [Tensor, Tensor] => {
      const logits = model.call(data) as Tensor;
      const loss = lossFn.call(logits, label) as Tensor;
      return [loss, logits];
    };
    // grad_fn = mindspore.value_and_grad(forward_fn, None, optimizer.parameters, has_aux=True)
    const gradFn = ops.valueAndGrad(forwardFn, null, optimizer.parameters, { hasAux: true });
    // def train_step(data, label): (loss, _), grads = grad_fn(data, label); optimizer(grads); return loss
    const trainStep = (data: Tensor, label: Tensor) => {
      const [[loss], grads] = gradFn(data, label);
      optimizer.call(grads);
      return loss;
    };
    let step = 0;
    for (let epoch = 0; step < steps; epoch++) {
      // Full batches only, so that every memory sample is taken after a step of the same shape.
      for (const { images: data, labels: label } of batches(images, labels, 64, { shuffle: true, seed: epoch, dropRemainder: true })) {
        const loss = trainStep(data, label);
        step++;
        if (step % sampleEvery === 0 || step === steps) {
          const { numTensors, numBytes } = memory();
          const sample = { step, numTensors, numBytes, loss: loss.dataSync()[0] as number };
          samples.push(sample);
          onSample?.(sample);
        }
        if (step === steps) break;
      }
    }
    return samples;
  } finally {
    model.dispose();
    optimizer.dispose();
    images.dispose();
    labels.dispose();
  }
}
