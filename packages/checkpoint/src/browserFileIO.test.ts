import { cpu } from '@mindts/backend-cpu';
import { nn } from '@mindts/cell';
import { registerBackend, removeBackend } from '@mindts/tensor';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// The browser build: what `#fileIO` resolves to under the `browser` and `default` conditions.
vi.mock('#fileIO', () => import('./browserFileIO.js'));
const { CheckpointError, fileIO, loadCheckpoint, memoryIO, saveCheckpoint } = await import('./index.js');

beforeAll(() => registerBackend(cpu()));
afterAll(() => removeBackend('cpu'));

const ALTERNATIVES =
  /a file path needs Node\.js's file system, and this is the browser build of @mindts\/checkpoint .*memoryIO\(\).*indexedDBIO\('name'\).*Blob/;

describe('the browser build of @mindts/checkpoint', () => {
  it('refuses a file path with an error naming the browser alternatives, and writes nothing', async () => {
    const net = new nn.Dense(2, 1);
    await expect(saveCheckpoint(net, 'net.ckpt')).rejects.toThrow(CheckpointError);
    await expect(saveCheckpoint(net, 'net.ckpt')).rejects.toThrow(ALTERNATIVES);
    await expect(loadCheckpoint('net.ckpt')).rejects.toThrow(ALTERNATIVES);
    expect(() => fileIO('net.ckpt')).toThrow('Cannot use the checkpoint file "net.ckpt"');
    expect(() => fileIO('')).toThrow('fileIO: path must be a non-empty string, but got .');
  });

  it('saves to and loads from memory and Blobs as in Node', async () => {
    const net = new nn.Dense(2, 1);
    const io = memoryIO();
    await saveCheckpoint(net, io);
    const dict = await loadCheckpoint(new Blob([io.bytes as Uint8Array<ArrayBuffer>]));
    expect(Object.keys(dict).sort()).toEqual(['bias', 'weight']);
  });
});
