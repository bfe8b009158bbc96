import { readFileSync } from 'node:fs';
import { cpu } from '@mindts/backend-cpu';
import { Parameter } from '@mindts/parameter';
import { listBackends, registerBackend, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeCkpt, encodeCkpt } from './ckptFormat.js';
import { CheckpointError } from './errors.js';
import { memoryIO } from './io.js';
import { loadCheckpoint } from './loadCheckpoint.js';
import { saveCheckpoint } from './saveCheckpoint.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

/** The byte offsets where the top-level records (`Checkpoint.value` fields) of a .ckpt end. */
function recordEnds(bytes: Uint8Array, end: number): number[] {
  const ends: number[] = [];
  let at = 0;
  while (at < end) {
    expect(bytes[at]).toBe(0x0a); // field 1, length-delimited
    at++;
    let len = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++] as number;
      len += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
    }
    at += len;
    ends.push(at);
  }
  expect(at).toBe(end);
  return ends;
}

async function crcFile(): Promise<Uint8Array> {
  const io = memoryIO();
  await saveCheckpoint(
    [new Parameter(tensor([[1, 2, 3]], 'float32'), 'dense.weight'), new Parameter(tensor([7, -1], 'int32'), 'ids')],
    io,
    { crcCheck: true, appendDict: { epoch: 3, note: 'run' } },
  );
  return io.bytes as Uint8Array;
}

const dispose = (dict: Record<string, unknown>) => {
  for (const v of Object.values(dict)) if (v instanceof Parameter) v.dispose();
};

describe("MindSpore's crc_check", () => {
  it('writes the CRC record byte for byte as MindSpore (golden file from Python) and reads it', async () => {
    const golden = fixture('golden_crc.ckpt');
    const plain = fixture('golden.ckpt');
    expect(golden.subarray(0, plain.length)).toEqual(plain);
    expect(encodeCkpt(decodeCkpt(plain, 'golden'), { crcCheck: true })).toEqual(golden);
    expect(decodeCkpt(golden, 'golden', { crcCheck: true })).toEqual(decodeCkpt(plain, 'golden'));
    const dict = await loadCheckpoint(memoryIO(golden), { crcCheck: true });
    expect(Object.keys(dict)).toEqual(['conv.weight', 'step', 'moments.conv.weight', 'flag', 'global_step', 'note']);
    dispose(dict);
    // A file without the record is refused when crcCheck asks for it.
    await expect(loadCheckpoint(memoryIO(plain), { crcCheck: true })).rejects.toThrow(/has no CRC record \(crc_num\)/);
  });

  it('a cut at every record boundary (and every other byte) is a CheckpointError with crcCheck', async () => {
    const bytes = await crcFile();
    const ends = recordEnds(bytes, bytes.length - 17);
    expect(ends.length).toBe(4);
    for (const cut of [0, ...ends]) {
      await expect(loadCheckpoint(memoryIO(bytes.slice(0, cut)), { crcCheck: true }), `cut at ${cut}`).rejects.toThrow(CheckpointError);
    }
    for (let cut = 0; cut < bytes.length; cut++) {
      await expect(loadCheckpoint(memoryIO(bytes.slice(0, cut)), { crcCheck: true }), `cut at ${cut}`).rejects.toThrow(CheckpointError);
      if (ends.includes(cut)) continue;
      // Off a record boundary, a cut is refused even without crcCheck.
      await expect(loadCheckpoint(memoryIO(bytes.slice(0, cut))), `cut at ${cut}`).rejects.toThrow(CheckpointError);
    }
    // A plain .ckpt cut at a record boundary still parses: that is what the CRC record is for.
    const partial = await loadCheckpoint(memoryIO(bytes.slice(0, ends[1])));
    expect(Object.keys(partial)).toEqual(['dense.weight', 'ids']);
    dispose(partial);
  });

  it('every flipped byte is a CheckpointError, with or without crcCheck', async () => {
    const bytes = await crcFile();
    for (let i = 0; i < bytes.length; i++) {
      for (const mask of [0x01, 0x80, 0xff]) {
        const b = bytes.slice();
        b[i] = (b[i] as number) ^ mask;
        await expect(loadCheckpoint(memoryIO(b), { crcCheck: true }), `byte ${i} ^ ${mask}`).rejects.toThrow(CheckpointError);
        // Without crcCheck a present record is still verified; a flip in its tag removes it, and
        // then the record's bytes are not a valid protobuf tail.
        await expect(loadCheckpoint(memoryIO(b)), `byte ${i} ^ ${mask}`).rejects.toThrow(CheckpointError);
      }
    }
  });

  it('a CRC mismatch names both values', async () => {
    const bytes = await crcFile();
    const b = bytes.slice();
    b[5] = (b[5] as number) ^ 1;
    expect(() => decodeCkpt(b, 'net.ckpt')).toThrow(/^net.ckpt: the CRC check failed \(stored \d+, computed \d+\): the file is damaged.$/);
  });

  it('is a .ckpt option', async () => {
    await expect(saveCheckpoint([], memoryIO(), { format: 'safetensors', crcCheck: true })).rejects.toThrow(
      /crcCheck applies to the .ckpt format/,
    );
    await expect(loadCheckpoint(memoryIO(fixture('golden.safetensors')), { crcCheck: true })).rejects.toThrow(
      /crcCheck applies to the .ckpt format/,
    );
  });
});
