import { describe, expect, it } from 'vitest';
import { decodeCkpt, encodeCkpt } from './ckptFormat.js';
import { memoryIO } from './io.js';
import { decodeSafetensors, encodeSafetensors } from './safetensorsFormat.js';

describe('encoders, decoders and memoryIO check their arguments first', () => {
  it('entries must be an array of entry objects', () => {
    expect(() => encodeCkpt(null as never)).toThrow('encodeCkpt: entries must be an array of entries, but got null.');
    expect(() => encodeSafetensors('abc' as never)).toThrow('encodeSafetensors: entries must be an array of entries, but got string.');
    expect(() => encodeCkpt([{ name: 'w', dtype: 'float32', shape: [1] }] as never)).toThrow(
      'encodeCkpt: entries[0].bytes must be a Uint8Array, but got undefined.',
    );
    expect(() => encodeCkpt([{ name: 'w', dtype: 'float', shape: [1], bytes: new Uint8Array(4) }] as never)).toThrow(
      "encodeCkpt: entries[0].dtype must be a dtype or 'str', but got string.",
    );
    expect(() => encodeSafetensors([], null as never)).toThrow('encodeSafetensors: metadata must be an object of strings, but got null.');
  });

  it('bytes must be a Uint8Array', () => {
    expect(() => decodeCkpt(null as never, 'x')).toThrow('decodeCkpt: bytes must be a Uint8Array, but got null.');
    expect(() => decodeSafetensors([1, 2] as never, 'x')).toThrow('decodeSafetensors: bytes must be a Uint8Array, but got Array.');
    expect(() => memoryIO(Number.POSITIVE_INFINITY as never)).toThrow(
      'memoryIO: initial must be a Uint8Array, an ArrayBuffer or undefined, but got number.',
    );
  });
});

describe('names that are not strings', () => {
  it('decodeCkpt where and indexedDBIO key are checked', async () => {
    const { indexedDBIO } = await import('./indexedDBIO.js');
    expect(() => decodeCkpt(new Uint8Array(4), Symbol('x') as never)).toThrow(
      'decodeCkpt: where must be a string naming the source, but got symbol.',
    );
    expect(() => indexedDBIO(Symbol('x') as never)).toThrow('indexedDBIO: key must be a string, but got symbol.');
  });
});
