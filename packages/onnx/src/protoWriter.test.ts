import { describe, expect, it } from 'vitest';
import { ProtoWriter } from './protoWriter.js';

describe('ProtoWriter', () => {
  it('writes varints as protobuf does: 150 in two bytes, negative int64 in ten', () => {
    expect(Array.from(new ProtoWriter().int64(1, 150).finish())).toEqual([0x08, 0x96, 0x01]);
    expect(Array.from(new ProtoWriter().int64(1, -1).finish())).toEqual([0x08, ...new Array(9).fill(0xff), 0x01]);
    expect(Array.from(new ProtoWriter().int64(2, 2n ** 63n - 1n).finish())).toEqual([0x10, ...new Array(8).fill(0xff), 0x7f]);
    expect(Array.from(new ProtoWriter().int64(1, 2 ** 40).finish())).toEqual([0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20]);
  });

  it('writes strings, nested messages, packed int64s and floats, length-delimited', () => {
    const inner = new ProtoWriter().string(1, 'hé').finish();
    expect(Array.from(inner)).toEqual([0x0a, 3, 0x68, 0xc3, 0xa9]);
    expect(Array.from(new ProtoWriter().bytes(7, inner).finish())).toEqual([0x3a, 5, ...inner]);
    expect(Array.from(new ProtoWriter().packedInt64(1, [3, 270]).finish())).toEqual([0x0a, 3, 3, 0x8e, 0x02]);
    expect(Array.from(new ProtoWriter().float(2, 1).packedFloat(7, [-2]).finish())).toEqual([
      0x15, 0, 0, 0x80, 0x3f, 0x3a, 4, 0, 0, 0, 0xc0,
    ]);
  });
});
