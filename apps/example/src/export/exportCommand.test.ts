import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cell } from '@mindts/cell';
import { loadCheckpoint, loadParamIntoNet, saveCheckpoint } from '@mindts/checkpoint';
import { loadMnist } from '@mindts/datasets';
import * as ops from '@mindts/ops';
import type { Parameter } from '@mindts/parameter';
import type { Tensor } from '@mindts/tensor';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTrain } from '../train/trainCommand.js';
import { createModel } from '../train/models.js';
import { runExport } from './exportCommand.js';

const dir = mkdtempSync(join(tmpdir(), 'mindts-export-'));

async function run(command: typeof runExport, argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command(argv, {
    stdout: { isTTY: false, write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** onnxruntime's logits for `images` from `file` against the network's own. */
async function expectSameLogits(file: string, net: Cell, images: Tensor): Promise<void> {
  const session = await ort.InferenceSession.create(file);
  const { logits } = await session.run({ image: new ort.Tensor('float32', images.dataSync() as Float32Array, [...images.shape]) });
  await session.release();
  const want = (net.call(images) as Tensor).dataSync();
  expect(logits?.dims).toEqual([images.shape[0], 10]);
  const got = logits?.data as Float32Array;
  let worst = 0;
  for (let i = 0; i < want.length; i++)
    worst = Math.max(worst, Math.abs((got[i] as number) - (want[i] as number)) / Math.max(1, Math.abs(want[i] as number)));
  expect(worst).toBeLessThanOrEqual(1e-5);
}

beforeAll(async () => {
  const trained = await run(runTrain as typeof runExport, [
    '--limit',
    '300',
    '--epochs',
    '1',
    '--batch-size',
    '50',
    '--backend',
    'cpu',
    '--out',
    dir,
  ]);
  expect(trained.code, trained.stderr).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('export command', () => {
  const digits = () => loadMnist({ split: 'test', limit: 7 }).images;

  it("writes train's MLP to mnist-mlp.onnx, says where, and onnxruntime gives the model's logits for any batch", async () => {
    const { code, stdout, stderr } = await run(runExport, ['--out', dir]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const file = join(dir, 'mnist-mlp.onnx');
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(`Exporting the mlp in ${join(dir, 'mnist-mlp.ckpt')} to ONNX`);
    expect(lines[1]).toMatch(new RegExp(`^Wrote ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\([\\d,]+ KB, ONNX opset 17\\)$`));
    expect(lines[2]).toBe("  input 'image' float32[batch, 784]: flattened 28×28 digits, pixels in [0, 1]");
    expect(lines[3]).toBe("  output 'logits' float32[batch, 10]: one score per digit (argmax is the prediction)");
    const net = createModel('mlp');
    const dict = await loadCheckpoint(join(dir, 'mnist-mlp.ckpt'));
    loadParamIntoNet(net, dict);
    const images = digits();
    await expectSameLogits(file, net, images);
    await expectSameLogits(file, net, ops.reshape(images.getItem([0]), [1, 784]));
  });

  it("writes the example's CNN (BatchNorm in inference) from a given checkpoint to a given file", async () => {
    const net = createModel('cnn');
    for (const [name, p] of net.parametersAndNames() as Iterable<[string, Parameter]>) {
      if (/moving_variance/.test(name)) p.setData(ops.add(ops.abs(p), 0.7));
      if (/moving_mean/.test(name)) p.setData(ops.add(p, 0.2));
    }
    await saveCheckpoint(net, join(dir, 'cnn.ckpt'));
    const file = join(dir, 'lenet.onnx');
    const { code, stdout } = await run(runExport, ['--model', 'cnn', '--checkpoint', join(dir, 'cnn.ckpt'), '--file', file]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Wrote ${file}`);
    await expectSameLogits(file, net, digits());
  });

  it('exports an untrained model when there is no checkpoint, saying so; a missing --checkpoint is an error', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'mindts-export-empty-'));
    try {
      const fresh = await run(runExport, ['--out', join(empty, 'new')]);
      expect(fresh.code).toBe(0);
      expect(fresh.stdout.split('\n')[0]).toBe(
        `No checkpoint at ${join(empty, 'new', 'mnist-mlp.ckpt')}: exporting an untrained mlp (train one first: pnpm start -- train --model mlp)`,
      );
      expect(existsSync(join(empty, 'new', 'mnist-mlp.onnx'))).toBe(true); // the folder is made
      const missing = await run(runExport, ['--checkpoint', join(empty, 'nope.ckpt')]);
      expect(missing).toMatchObject({ code: 2, stderr: `export: no checkpoint at ${join(empty, 'nope.ckpt')}\n` });
      const mismatch = await run(runExport, ['--model', 'cnn', '--checkpoint', join(dir, 'mnist-mlp.ckpt'), '--out', empty]);
      expect(mismatch.code).toBe(2);
      expect(mismatch.stderr).toMatch(/does not hold a cnn model/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
