import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpu } from '@mindts/backend-cpu';
import { Cell, nn } from '@mindts/cell';
import { Parameter } from '@mindts/parameter';
import { DTYPES, listBackends, registerBackend, setSeed, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeCkpt, encodeCkpt } from './ckptFormat.js';
import { CheckpointError } from './errors.js';
import { memoryIO } from './io.js';
import { loadCheckpoint } from './loadCheckpoint.js';
import { loadParamIntoNet } from './loadParamIntoNet.js';
import { saveCheckpoint } from './saveCheckpoint.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url);
const vals = (t: unknown) => Array.from((t as Tensor).dataSync());

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

class Net extends Cell {
  conv = new nn.Conv2d(1, 2, 3, { hasBias: true });
  dense = new nn.Dense(4, 3);
  override construct(x: Tensor) {
    return x;
  }
}

describe('golden files', () => {
  it('reads the MindSpore .ckpt and writes it back byte for byte', async () => {
    const bytes = new Uint8Array(readFileSync(fixture('golden.ckpt')));
    const dict = await loadCheckpoint(fixture('golden.ckpt').pathname);
    expect(Object.keys(dict)).toEqual(['conv.weight', 'step', 'moments.conv.weight', 'flag', 'global_step', 'note']);
    expect((dict['conv.weight'] as Parameter).arraySync()).toEqual([
      [1.5, -2],
      [0.25, 3],
    ]);
    expect((dict.step as Parameter).shape).toEqual([]);
    expect(vals(dict.step)).toEqual([7]);
    expect((dict['moments.conv.weight'] as Parameter).dtype).toBe('float16');
    expect(vals(dict['moments.conv.weight'])).toEqual([0.5, -1]);
    expect((dict.flag as Parameter).arraySync()).toEqual([true]);
    expect(vals(dict.global_step)).toEqual([2 ** 40 + 3]);
    expect(dict.note).toBe('hello');
    expect((dict['conv.weight'] as Parameter).name).toBe('conv.weight');
    expect(encodeCkpt(decodeCkpt(bytes, 'golden'))).toEqual(bytes);
  });

  it("stores strings as MindSpore does (NumPy 'U', UTF-32LE) and still reads older UTF-8 ones", async () => {
    const utf32 = (s: string) => new Uint8Array(Uint32Array.from(Array.from(s, (c) => c.codePointAt(0) as number)).buffer);
    const text = 'héllo ✓ 𝄞';
    const io = memoryIO();
    await saveCheckpoint([], io, { appendDict: { note: text, empty: '' } });
    const entries = decodeCkpt(io.bytes as Uint8Array, 'm');
    expect((await loadCheckpoint(io)).note).toBe(text);
    expect((await loadCheckpoint(io)).empty).toBe('');
    const bytes = io.bytes as Uint8Array;
    const find = (needle: Uint8Array) => bytes.findIndex((_, i) => needle.every((b, j) => bytes[i + j] === b));
    expect(find(utf32(text))).toBeGreaterThan(0); // 'héllo ✓ 𝄞'.encode('utf-32-le')
    expect(entries.map((e) => e.name)).toEqual(['note', 'empty']);
    for (const legacy of ['hello', 'abcd', '']) {
      const old = encodeCkpt([{ name: 'w', dtype: 'float32', shape: [1], bytes: new Uint8Array(4) }]);
      // A 'str' record written the old way: UTF-8 content.
      const tag = new TextEncoder().encode(legacy);
      const tensor = [0x08, 0, 0x12, 3, ...new TextEncoder().encode('str'), 0x1a, tag.length, ...tag];
      const value = [0x0a, 4, ...new TextEncoder().encode('note'), 0x12, tensor.length, ...tensor];
      const file = new Uint8Array([...old, 0x0a, value.length, ...value]);
      expect((await loadCheckpoint(memoryIO(file))).note, legacy).toBe(legacy);
    }
  });

  it('reads the safetensors file with its metadata', async () => {
    const dict = await loadCheckpoint(fixture('golden.safetensors').pathname);
    expect(dict.format).toBe('pt');
    expect(vals(dict['conv.bias'])).toEqual([0.125, -7]);
    expect((dict['conv.bias'] as Parameter).dtype).toBe('float64');
    expect(vals(dict.ids)).toEqual([-1, 0, 2147483647]);
  });
});

describe('round trips', () => {
  it.each(['ckpt', 'safetensors'] as const)('every dtype through %s', async (format) => {
    const io = memoryIO();
    const items = DTYPES.map((d, i) => ({
      name: `t_${d}`,
      data: tensor(d === 'bool' ? [true, false, true] : [i, -1, 2.5].map((v) => (d.startsWith('u') ? Math.abs(v) : v)), d),
    }));
    await saveCheckpoint(items, io, { format });
    const dict = await loadCheckpoint(io, { format });
    for (const { name, data } of items) {
      expect((dict[name] as Parameter).dtype, name).toBe(data.dtype);
      expect(vals(dict[name]), name).toEqual(vals(data));
    }
  });

  it('a Cell to a file and back into another net; appendDict, filterPrefix, choiceFunc', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mindts-ckpt-'));
    setSeed(1);
    const a = new Net();
    await saveCheckpoint(a, join(dir, 'a.ckpt'), { appendDict: { epoch: 3, lr: 0.5, tag: 'run1' } });
    const dict = await loadCheckpoint(join(dir, 'a.ckpt'));
    expect(vals(dict.epoch)).toEqual([3]);
    expect((dict.epoch as Parameter).dtype).toBe('int64');
    expect(dict.tag).toBe('run1');
    setSeed(2);
    const b = new Net();
    expect(vals(b.dense.weight)).not.toEqual(vals(a.dense.weight));
    const [paramNotLoad, ckptNotLoad, mismatches] = loadParamIntoNet(b, dict);
    expect(paramNotLoad).toEqual([]);
    expect(ckptNotLoad.sort()).toEqual(['epoch', 'lr', 'tag']);
    expect(mismatches).toEqual([]);
    for (const [name, p] of a.parametersAndNames()) expect(vals(b.parametersDict().get(name)), name).toEqual(vals(p));
    const filtered = await loadCheckpoint(join(dir, 'a.ckpt'), { filterPrefix: ['conv.', 'epoch'], choiceFunc: (n) => n !== 'lr' });
    expect(Object.keys(filtered).sort()).toEqual(['dense.bias', 'dense.weight', 'tag']);
    await saveCheckpoint(a, join(dir, 'a.safetensors'), { choiceFunc: (n) => n.startsWith('dense') });
    expect(Object.keys(await loadCheckpoint(join(dir, 'a.safetensors'))).sort()).toEqual(['dense.bias', 'dense.weight']);
  });

  it('rejects bad arguments and duplicate names', async () => {
    await expect(saveCheckpoint(42 as never, memoryIO())).rejects.toThrow(/saveObj must be a Cell/);
    const p = new Parameter(tensor([1], 'float32'), 'w');
    await expect(saveCheckpoint([p, new Parameter(tensor([2], 'float32'), 'w')], memoryIO())).rejects.toThrow(CheckpointError);
    await expect(loadCheckpoint(memoryIO())).rejects.toThrow('The in-memory checkpoint is empty');
    await expect(loadCheckpoint('/nonexistent/x.ckpt')).rejects.toThrow(/Cannot read the checkpoint file \/nonexistent\/x.ckpt/);
    writeFileSync(join(mkdtempSync(join(tmpdir(), 'mindts-ckpt-')), 'empty.ckpt'), '');
  });
});
