import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpu } from '@mindts/backend-cpu';
import { Parameter } from '@mindts/parameter';
import { listBackends, memory, registerBackend, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeCkpt, encodeCkpt } from './ckptFormat.js';
import { CheckpointError } from './errors.js';
import { memoryIO } from './io.js';
import { loadCheckpoint } from './loadCheckpoint.js';
import { decodeSafetensors, encodeSafetensors } from './safetensorsFormat.js';
import { saveCheckpoint } from './saveCheckpoint.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const dir = () => mkdtempSync(join(tmpdir(), 'mindts-safeload-'));
const f32 = (...v: number[]) => new Uint8Array(new Float32Array(v).buffer);

describe('loadCheckpoint refuses what is not a regular file, before reading', () => {
  it('/dev/zero fails at once', { timeout: 5000 }, async () => {
    await expect(loadCheckpoint('/dev/zero')).rejects.toThrow(CheckpointError);
    await expect(loadCheckpoint('/dev/zero')).rejects.toThrow(
      'Cannot read the checkpoint file /dev/zero: it is a character device, not a regular file.',
    );
  });

  it.skipIf(process.platform === 'win32')('a FIFO fails at once, with no writer', { timeout: 5000 }, async () => {
    const fifo = join(dir(), 'pipe.ckpt');
    execFileSync('mkfifo', [fifo]);
    await expect(loadCheckpoint(fifo)).rejects.toThrow(`${fifo}: it is a FIFO, not a regular file`);
  });

  it('a folder', async () => {
    const d = dir();
    await expect(loadCheckpoint(d)).rejects.toThrow(CheckpointError);
    await expect(loadCheckpoint(d)).rejects.toThrow(/a folder, not a regular file|EISDIR/);
  });

  it('a file over maxBytes, naming the path, the size and the option', async () => {
    const file = join(dir(), 'big.ckpt');
    await saveCheckpoint([{ name: 'w', data: tensor(new Array(100).fill(1), 'float32') }], file);
    const size = (await import('node:fs')).statSync(file).size;
    await expect(loadCheckpoint(file, { maxBytes: 100 })).rejects.toThrow(
      `Cannot read the checkpoint file ${file}: it has ${size} bytes, more than maxBytes (100); pass a larger { maxBytes } to loadCheckpoint to read it.`,
    );
    expect(Object.keys(await loadCheckpoint(file, { maxBytes: size }))).toEqual(['w']);
    // Bytes, Blobs and other stores are held to the limit too.
    const bytes = new Uint8Array((await import('node:fs')).readFileSync(file));
    await expect(loadCheckpoint(memoryIO(bytes), { maxBytes: 100 })).rejects.toThrow(
      `memory holds ${size} bytes, more than maxBytes (100)`,
    );
    await expect(loadCheckpoint(new Blob([bytes]), { maxBytes: 100 })).rejects.toThrow(
      `The Blob holds ${size} bytes, more than maxBytes (100)`,
    );
  });

  it('checks its options', async () => {
    await expect(loadCheckpoint(memoryIO(), { max_bytes: 1 } as never)).rejects.toThrow(
      /unknown option 'max_bytes' for loadCheckpoint; did you mean 'maxBytes'/,
    );
    await expect(loadCheckpoint(memoryIO(), { maxBytes: -1 })).rejects.toThrow(/maxBytes must be a non-negative integer/);
    await expect(loadCheckpoint(memoryIO(), { crcCheck: 'yes' } as never)).rejects.toThrow(/crcCheck must be a boolean/);
    await expect(loadCheckpoint(memoryIO(), { filterPrefix: ['a', ''] })).rejects.toThrow(/filterPrefix can't include ''/);
    await expect(loadCheckpoint(memoryIO(), { format: 'onnx' } as never)).rejects.toThrow(/format must be 'ckpt' or 'safetensors'/);
    await expect(saveCheckpoint([], memoryIO(), { crc_check: true } as never)).rejects.toThrow(
      /unknown option 'crc_check' for saveCheckpoint; did you mean 'crcCheck'/,
    );
    await expect(saveCheckpoint([], memoryIO(), { appendDict: { x: null } } as never)).rejects.toThrow(
      /appendDict\['x'\] must be a number, boolean, string or Tensor/,
    );
    expect(() => encodeCkpt([], { crc: true } as never)).toThrow(/unknown option 'crc' for encodeCkpt/);
    await expect((loadCheckpoint as (...a: unknown[]) => Promise<unknown>)(memoryIO(), {}, 'extra')).rejects.toThrow(
      'loadCheckpoint takes at most 2 arguments, but got 3.',
    );
    await expect((saveCheckpoint as (...a: unknown[]) => Promise<unknown>)([], memoryIO(), {}, 'extra')).rejects.toThrow(
      'saveCheckpoint takes at most 3 arguments, but got 4.',
    );
  });
});

describe('names', () => {
  /** A .ckpt of one float32 entry named `name`, encoded by hand (the encoder refuses such names). */
  function ckptNamed(name: string): Uint8Array {
    const varint = (n: number) => {
      const out: number[] = [];
      while (n > 0x7f) {
        out.push((n & 0x7f) | 0x80);
        n >>>= 7;
      }
      out.push(n);
      return out;
    };
    const field = (num: number, payload: Uint8Array | number[]) => [(num << 3) | 2, ...varint(payload.length), ...payload];
    const tensorProto = [0x08, 1, ...field(2, new TextEncoder().encode('Float32')), ...field(3, f32(1))];
    return new Uint8Array(field(1, [...field(1, new TextEncoder().encode(name)), ...field(2, tensorProto)]));
  }

  it.each([1025, 5000])('a %i-character name is a CheckpointError in both formats, on save and on load', async (n) => {
    const name = 'x'.repeat(n);
    const before = memory().numTensors;
    const data = tensor([1], 'float32');
    for (const format of ['ckpt', 'safetensors'] as const) {
      await expect(saveCheckpoint([{ name, data }], memoryIO(), { format })).rejects.toThrow(
        /has \d+ characters; names in a checkpoint may have at most 1024/,
      );
      await expect(saveCheckpoint([], memoryIO(), { format, appendDict: { [name]: 1 } })).rejects.toThrow(CheckpointError);
    }
    data.dispose();
    await expect(loadCheckpoint(memoryIO(ckptNamed(name)))).rejects.toThrow(CheckpointError);
    expect(() => decodeCkpt(ckptNamed(name), 'hand.ckpt')).toThrow(`hand.ckpt: the name '${'x'.repeat(40)}…' has ${n} characters`);
    const header = new TextEncoder().encode(JSON.stringify({ [name]: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }));
    const st = new Uint8Array(8 + header.length + 4);
    new DataView(st.buffer).setBigUint64(0, BigInt(header.length), true);
    st.set(header, 8);
    await expect(loadCheckpoint(memoryIO(st), { format: 'safetensors' })).rejects.toThrow(CheckpointError);
    const meta = encodeSafetensors([], { [name]: 'v' });
    await expect(loadCheckpoint(memoryIO(meta), { format: 'safetensors' })).rejects.toThrow(CheckpointError);
    // A 1024-character name is fine.
    expect(Object.keys(await loadCheckpoint(memoryIO(ckptNamed('y'.repeat(1024)))))).toEqual(['y'.repeat(1024)]);
    for (const v of Object.values(await loadCheckpoint(memoryIO(ckptNamed('y'))))) if (typeof v !== 'string') v.dispose();
    expect(memory().numTensors).toBe(before + 1); // only the 1024-name Parameter above stays alive
  });

  it.each(['ckpt', 'safetensors'] as const)('__proto__, toString and constructor are plain entries (%s)', async (format) => {
    const io = memoryIO();
    const items = ['__proto__', 'toString', 'constructor', 'hasOwnProperty'].map((name, i) => ({ name, data: tensor([i], 'float32') }));
    await saveCheckpoint(items, io, { format, appendDict: { valueOf: 'text' } });
    const dict = await loadCheckpoint(io);
    expect(Object.getPrototypeOf(dict)).toBe(null);
    expect(Object.keys(dict).sort()).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf']);
    for (const [i, { name }] of items.entries()) {
      expect(Object.hasOwn(dict, name)).toBe(true);
      expect(Array.from((dict[name] as Parameter).dataSync())).toEqual([i]);
    }
    expect(dict.valueOf).toBe('text');
    if (format === 'safetensors') expect(Object.keys(decodeSafetensors(io.bytes as Uint8Array, 'm').metadata)).toEqual(['valueOf']);
  });
});

describe('a failed load frees what it made', () => {
  it('a failure after some Parameters were made disposes them', async () => {
    const good = encodeCkpt([
      { name: 'a', dtype: 'float32', shape: [1], bytes: f32(1) },
      { name: 'b', dtype: 'float32', shape: [2], bytes: f32(1, 2) },
    ]);
    const before = memory();
    const failing = {
      name: 'failing',
      read: async () => good,
      write: async () => undefined,
    };
    const choiceFunc = (n: string) => {
      if (n === 'b') throw new Error('choiceFunc failed on b');
      return true;
    };
    await expect(loadCheckpoint(failing, { choiceFunc })).rejects.toThrow('choiceFunc failed on b');
    expect([memory().numTensors, memory().numBytes]).toEqual([before.numTensors, before.numBytes]);
  });
});

describe('regular files still load', () => {
  it('through a symlink to a regular file', async () => {
    const d = dir();
    await saveCheckpoint([new Parameter(tensor([3], 'float32'), 'w')], join(d, 'real.ckpt'));
    (await import('node:fs')).symlinkSync(join(d, 'real.ckpt'), join(d, 'link.ckpt'));
    expect(Object.keys(await loadCheckpoint(join(d, 'link.ckpt')))).toEqual(['w']);
    writeFileSync(join(d, 'empty.ckpt'), '');
    await expect(loadCheckpoint(join(d, 'empty.ckpt'))).rejects.toThrow('the checkpoint file is empty');
  });
});
