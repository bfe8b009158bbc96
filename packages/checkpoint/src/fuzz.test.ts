import { cpu } from '@mindts/backend-cpu';
import { Parameter } from '@mindts/parameter';
import { listBackends, registerBackend, tensor } from '@mindts/tensor';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CheckpointError } from './errors.js';
import { memoryIO } from './io.js';
import { loadCheckpoint } from './loadCheckpoint.js';
import { saveCheckpoint } from './saveCheckpoint.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

async function validFile(format: 'ckpt' | 'safetensors', crcCheck = false): Promise<Uint8Array> {
  const io = memoryIO();
  await saveCheckpoint(
    [
      new Parameter(
        tensor(
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
          'float32',
        ),
        'dense.weight',
      ),
      new Parameter(tensor([1, -2], 'int32'), 'ids'),
      new Parameter(tensor([0.5], 'float16'), 'moment1.b'),
    ],
    io,
    { format, crcCheck, appendDict: { epoch: 2, note: 'x' } },
  );
  return io.bytes as Uint8Array;
}

/** A mutated copy of `base`: truncated, with bytes overwritten, or with bytes inserted. */
const mutation = (base: Uint8Array) =>
  fc.oneof(
    fc.nat({ max: base.length }).map((n) => base.slice(0, n)),
    fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((edits) => {
      const b = base.slice();
      for (const [i, v] of edits) b[i] = v;
      return b;
    }),
    fc.tuple(fc.nat({ max: base.length }), fc.uint8Array({ minLength: 1, maxLength: 16 })).map(([at, bytes]) => {
      const b = new Uint8Array(base.length + bytes.length);
      b.set(base.subarray(0, at));
      b.set(bytes, at);
      b.set(base.subarray(at), at + bytes.length);
      return b;
    }),
  );

describe('fuzz: mutated and truncated files never crash the reader', () => {
  it.each(['ckpt', 'safetensors'] as const)('%s', async (format) => {
    const base = await validFile(format);
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(mutation(base), async (bytes) => {
        try {
          const dict = await loadCheckpoint(memoryIO(bytes), { format });
          for (const v of Object.values(dict)) {
            expect(typeof v === 'string' || v instanceof Parameter).toBe(true);
            if (v instanceof Parameter) v.dispose();
          }
        } catch (err) {
          rejected++;
          // Every failure is a clear CheckpointError, never a TypeError, RangeError or crash.
          expect(err).toBeInstanceOf(CheckpointError);
        }
      }),
      { numRuns: 2000, seed: 42 },
    );
    expect(rejected).toBeGreaterThan(500);
  });

  it('with crcCheck, every change to a .ckpt saved with crcCheck is refused', async () => {
    const base = await validFile('ckpt', true);
    await fc.assert(
      fc.asyncProperty(mutation(base), async (bytes) => {
        fc.pre(bytes.length !== base.length || bytes.some((b, i) => b !== base[i]));
        await expect(loadCheckpoint(memoryIO(bytes), { crcCheck: true })).rejects.toThrow(CheckpointError);
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  it('random bytes are rejected clearly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 200 }),
        fc.constantFrom('ckpt' as const, 'safetensors' as const),
        async (bytes, format) => {
          await loadCheckpoint(memoryIO(bytes), { format }).then(
            (d) => {
              for (const v of Object.values(d)) if (v instanceof Parameter) v.dispose();
            },
            (err) => expect(err).toBeInstanceOf(CheckpointError),
          );
        },
      ),
      { numRuns: 1000, seed: 7 },
    );
  });

  it('a huge declared size is refused before allocating', async () => {
    const bytes = new Uint8Array(16);
    new DataView(bytes.buffer).setBigUint64(0, 2n ** 62n, true);
    await expect(loadCheckpoint(memoryIO(bytes), { format: 'safetensors' })).rejects.toThrow(/does not fit in the file/);
    const header = new TextEncoder().encode('{"w":{"dtype":"F32","shape":[100000,100000,100000],"data_offsets":[0,4]}}');
    const file = new Uint8Array(8 + header.length + 4);
    new DataView(file.buffer).setBigUint64(0, BigInt(header.length), true);
    file.set(header, 8);
    await expect(loadCheckpoint(memoryIO(file), { format: 'safetensors' })).rejects.toThrow(/more than 2147483647 elements/);
  });
});
