import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpu } from '@mindts/backend-cpu';
import { nn } from '@mindts/cell';
import { listBackends, rand, registerBackend, setBackend } from '@mindts/tensor';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnnxExportError } from './errors.js';
import { exportOnnx } from './exportOnnx.js';
import { toOnnx } from './toOnnx.js';

const dir = mkdtempSync(join(tmpdir(), 'mindts-onnx-'));

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  setBackend('cpu');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("exportOnnx (MindSpore's export(net, *inputs, file_name, file_format='ONNX'))", () => {
  const net = new nn.SequentialCell([new nn.Dense(6, 4, { activation: 'tanh' }), new nn.Dense(4, 2)]);

  it('writes <fileName>.onnx, the same model toOnnx makes, which onnxruntime loads from the file', async () => {
    const x = rand([3, 6]);
    const written = await exportOnnx(net, x, { fileName: join(dir, 'mlp'), fileFormat: 'ONNX' });
    expect(written.fileName).toBe(join(dir, 'mlp.onnx'));
    const bytes = new Uint8Array(readFileSync(written.fileName));
    expect(bytes).toEqual((await toOnnx(net, [x])).bytes);
    const session = await ort.InferenceSession.create(written.fileName);
    const { output } = await session.run({ input: new ort.Tensor('float32', new Float32Array(5 * 6).fill(0.5), [5, 6]) });
    expect(output?.dims).toEqual([5, 2]);
    await session.release();
    // A name ending in .onnx is kept; no temporary file is left behind.
    expect((await exportOnnx(net, x, { fileName: join(dir, 'again.onnx') })).fileName).toBe(join(dir, 'again.onnx'));
    expect(readdirSync(dir).sort()).toEqual(['again.onnx', 'mlp.onnx']);
  });

  it('refuses other formats, a missing fileName, unknown options and a missing options object, writing nothing', async () => {
    const x = rand([3, 6]);
    const file = join(dir, 'never');
    await expect(exportOnnx(net, x, { fileName: file, fileFormat: 'MINDIR' as never })).rejects.toThrow(
      /'fileFormat' must be 'ONNX' \(mindts writes no MINDIR or AIR\), but got MINDIR/,
    );
    await expect(exportOnnx(net, x, {} as never)).rejects.toThrow(/'fileName' must be a non-empty string, but got undefined/);
    await expect(exportOnnx(net, x, { fileName: file, file_format: 'ONNX' } as never)).rejects.toThrow(
      /unknown option 'file_format' for export; did you mean 'fileFormat'/,
    );
    await expect((exportOnnx as (...a: unknown[]) => Promise<unknown>)(net, x)).rejects.toThrow(
      /last argument must be the options with the 'fileName', but got Tensor/,
    );
    expect(readdirSync(dir).some((f) => f.startsWith('never'))).toBe(false);
  });

  it('reports a folder it cannot write to, leaving no temporary file', async () => {
    const err = await exportOnnx(net, rand([1, 6]), { fileName: join(dir, 'missing', 'mlp') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OnnxExportError);
    expect((err as Error).message).toMatch(/Cannot write the ONNX file .*missing.*mlp\.onnx/);
  });
});
