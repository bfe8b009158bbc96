/**
 * MindSpore's "Cell and Parameter" tutorial, step by step, printing what MindSpore prints
 * (`print(param.asnumpy())` is `param.toNumpyString()` here).
 */
import { Cell } from '@mindts/cell';
import { initializer } from '@mindts/initializer';
import { jit } from '@mindts/jit';
import * as ops from '@mindts/ops';
import { Parameter, ParameterTuple } from '@mindts/parameter';
import { arange, ones, randn, setSeed, type Tensor, tensor } from '@mindts/tensor';
import type { Print } from './walkthrough.js';

/** The tutorial's network: z = x·w + b, with w (5×3) and b (3) drawn from a normal distribution. */
export class Network extends Cell {
  w = new Parameter(randn([5, 3]), 'w');
  b = new Parameter(randn([3]), 'b');

  override construct(x: Tensor): Tensor {
    return ops.add(ops.matmul(x, this.w), this.b);
  }
}

/**
 * Runs the tutorial (seeded, so the values are the same every run) on the active backend.
 * @example
 * parameterTutorial(console.log);
 */
export function parameterTutorial(print: Print = console.log, seed = 1): void {
  const step = (title: string, code: string) => print(`\n-- ${title}\n>>> ${code}`);
  setSeed(seed);
  const net = new Network();

  step('Get one parameter by its property', 'print(net.b.toNumpyString())');
  print(net.b.toNumpyString());

  step('The trainable parameters', 'print(net.trainableParams())');
  print(`[${net.trainableParams().join(', ')}]`);

  step('getParameters() is an iterator', 'for (const p of net.getParameters()) print(p.name)');
  for (const p of net.getParameters()) print(p.name);

  step('parametersAndNames()', "for (const [name, param] of net.parametersAndNames()) print(name + ':\\n' + param.toNumpyString())");
  for (const [name, param] of net.parametersAndNames()) print(`${name}:\n${param.toNumpyString()}`);

  step('Change one element (net.b[0] = 1.)', 'net.b.setItem(0, 1)');
  net.b.setItem(0, 1);
  print(net.b.toNumpyString());

  step('Replace the data with an int tensor (cast up to float32)', 'net.b.setData(tensor([3, 4, 5]))');
  net.b.setData(tensor([3, 4, 5]));
  print(net.b.toNumpyString());

  step(
    'Change it at run time with ops.assign, inside a jitted function (MindSpore @ms.jit)',
    'const modifyParameter = jit(() => { ops.assign(net.b, tensor([7, 8, 9])); return true; }); modifyParameter()',
  );
  const modifyParameter = jit(() => {
    const bHat = tensor([7, 8, 9]);
    ops.assign(net.b, bHat);
    return true;
  });
  print(String(modifyParameter()));
  print(net.b.toNumpyString());

  step('A forward pass', 'net.call(ones([2, 5]))');
  print(net.call(ones([2, 5])).toNumpyString());

  step('ParameterTuple and clone', "new ParameterTuple([x, y, z]).clone('params_copy')");
  const x = new Parameter(ops.reshape(arange(6), [2, 3]), 'x');
  const y = new Parameter(initializer('ones', [1, 2, 3], 'float32'), 'y');
  const z = new Parameter(2.0, 'z', { dtype: 'float32' }); // JS has no 2.0 distinct from 2
  const params = new ParameterTuple([x, y, z]);
  const paramsCopy = params.clone('params_copy');
  print(String(params));
  print(String(paramsCopy));
  net.dispose();
}
