import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32.js';

describe('crc32', () => {
  it("matches zlib's CRC-32 (binascii.crc32) and chains like it", async () => {
    const { crc32: zlibCrc } = (await import('node:zlib')) as { crc32?: (b: Uint8Array, c?: number) => number };
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
    // Values from Python: binascii.crc32(b'crc_num') and binascii.crc32(bytes(range(256)) * 3).
    expect(crc32(new TextEncoder().encode('crc_num'))).toBe(PY_CRC_NUM);
    const big = new Uint8Array(768).map((_, i) => i % 256);
    expect(crc32(big)).toBe(PY_RANGE3);
    for (const cut of [0, 1, 2, 3, 5, 100, 767]) expect(crc32(big.subarray(cut), crc32(big.subarray(0, cut)))).toBe(PY_RANGE3);
    if (zlibCrc) expect(crc32(big)).toBe(zlibCrc(big));
  });
});

const PY_CRC_NUM = 254165465;
const PY_RANGE3 = 2965430058;
