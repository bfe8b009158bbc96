import { cpu } from '@mindts/backend-cpu';
import { Parameter } from '@mindts/parameter';
import { listBackends, registerBackend, tensor } from '@mindts/tensor';
import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { indexedDBIO } from './indexedDBIO.js';
import { loadCheckpoint } from './loadCheckpoint.js';
import { saveCheckpoint } from './saveCheckpoint.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

describe('indexedDBIO', () => {
  it('saves and loads through IndexedDB', async () => {
    const factory = new IDBFactory();
    const w = new Parameter(tensor([1, 2, 3], 'float32'), 'w');
    await saveCheckpoint([w], indexedDBIO('net', { factory }));
    const dict = await loadCheckpoint(indexedDBIO('net', { factory }));
    expect(Array.from((dict.w as Parameter).dataSync())).toEqual([1, 2, 3]);
    await saveCheckpoint([w], indexedDBIO('net.safetensors', { factory }), { format: 'safetensors' });
    expect(Object.keys(await loadCheckpoint(indexedDBIO('net.safetensors', { factory })))).toEqual(['w']);
  });

  it('says what is missing', async () => {
    const factory = new IDBFactory();
    await expect(loadCheckpoint(indexedDBIO('nope', { factory }))).rejects.toThrow(
      "No checkpoint named 'nope' in IndexedDB mindts/checkpoints.",
    );
    await expect(loadCheckpoint(indexedDBIO('x'))).rejects.toThrow('IndexedDB is not available here');
  });
});
