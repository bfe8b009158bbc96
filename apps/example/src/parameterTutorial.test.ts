import { cpu } from '@mindts/backend-cpu';
import { formatNumpy } from '@mindts/tensor/backend';
import { listBackends, randn, registerBackend, setSeed } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { parameterTutorial } from './parameterTutorial.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

/** The lines printed after the step whose code line is `code`, up to the next step's blank line. */
function after(lines: string[], code: string): string {
  const start = lines.indexOf(`>>> ${code}`);
  expect(start, code).toBeGreaterThan(0);
  const end = lines.findIndex((l, i) => i > start && l === '');
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

describe("MindSpore's Cell and Parameter tutorial", () => {
  it('prints every value the tutorial prints', () => {
    const out: string[] = [];
    parameterTutorial((l) => out.push(...l.split('\n')), 1);
    // The same seeded draws, independently.
    setSeed(1);
    const w = Float32Array.from(randn([5, 3]).dataSync());
    const b = Float32Array.from(randn([3]).dataSync());
    const np = (v: Float32Array, shape: number[]) => formatNumpy(v, shape, 'float32');

    expect(after(out, 'print(net.b.toNumpyString())')).toBe(np(b, [3]));
    expect(after(out, 'print(net.trainableParams())')).toBe(
      '[Parameter (name=w, shape=[5, 3], dtype=Float32, requires_grad=True), Parameter (name=b, shape=[3], dtype=Float32, requires_grad=True)]',
    );
    expect(after(out, 'for (const p of net.getParameters()) print(p.name)')).toBe('w\nb');
    expect(after(out, "for (const [name, param] of net.parametersAndNames()) print(name + ':\\n' + param.toNumpyString())")).toBe(
      `w:\n${np(w, [5, 3])}\nb:\n${np(b, [3])}`,
    );
    expect(after(out, 'net.b.setItem(0, 1)')).toBe(np(Float32Array.from([1, b[1]!, b[2]!]), [3]));
    expect(after(out, 'net.b.setData(tensor([3, 4, 5]))')).toBe('[3. 4. 5.]');
    expect(after(out, 'const modifyParameter = jit(() => { ops.assign(net.b, tensor([7, 8, 9])); return true; }); modifyParameter()')).toBe(
      'true\n[7. 8. 9.]',
    );
    // ones(2, 5)·w + [7, 8, 9]: every row is the column sums of w plus b.
    const row = Float32Array.from([0, 1, 2], (j) => [0, 1, 2, 3, 4].reduce((s, i) => s + w[i * 3 + j]!, 0) + 7 + j);
    const forward = after(out, 'net.call(ones([2, 5]))');
    const printed = forward.match(/-?\d+\.\d*/g)!.map(Number);
    expect(printed).toHaveLength(6);
    printed.forEach((v, k) => {
      expect(v).toBeCloseTo(row[k % 3]!, 5);
    });
    expect(after(out, "new ParameterTuple([x, y, z]).clone('params_copy')")).toBe(
      [
        '(Parameter (name=x, shape=[2, 3], dtype=Int32, requires_grad=True), Parameter (name=y, shape=[1, 2, 3], dtype=Float32, requires_grad=True), Parameter (name=z, shape=[], dtype=Float32, requires_grad=True))',
        '(Parameter (name=params_copy.x, shape=[2, 3], dtype=Int32, requires_grad=True), Parameter (name=params_copy.y, shape=[1, 2, 3], dtype=Float32, requires_grad=True), Parameter (name=params_copy.z, shape=[], dtype=Float32, requires_grad=True))',
      ].join('\n'),
    );
  });
});
