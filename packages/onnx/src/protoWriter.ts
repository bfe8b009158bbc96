/**
 * A minimal protocol-buffers encoder: varints, fixed 32-bit floats and length-delimited fields,
 * the subset the ONNX schema (`onnx.proto`) needs. Messages are built inside out: a nested
 * message is finished to bytes first, then written as a length-delimited field of its parent.
 */

const WIRE_VARINT = 0;
const WIRE_FIXED32 = 5;
const WIRE_LENGTH = 2;

const utf8 = new TextEncoder();

/**
 * Collects the fields of one message and hands back its bytes.
 * @example
 * const w = new ProtoWriter();
 * w.int64(1, 8).string(2, 'mindts');
 * w.finish(); // Uint8Array [8, 8, 18, 6, 109, 105, 110, 100, 116, 115]
 */
export class ProtoWriter {
  private readonly chunks: Uint8Array[] = [];
  private pending: number[] = [];
  private length = 0;

  private flush(): void {
    if (this.pending.length === 0) return;
    this.chunks.push(Uint8Array.from(this.pending));
    this.pending = [];
  }

  private byte(b: number): void {
    this.pending.push(b);
    this.length++;
  }

  private raw(bytes: Uint8Array): void {
    this.flush();
    this.chunks.push(bytes);
    this.length += bytes.length;
  }

  /** A varint: non-negative integers up to 2^53, and negative ones as 64-bit two's complement (10 bytes). */
  private varint(value: number | bigint): void {
    if (typeof value === 'number' && value >= 0 && value <= Number.MAX_SAFE_INTEGER) {
      let v = value;
      while (v >= 0x80) {
        this.byte((v % 0x80) | 0x80);
        v = Math.floor(v / 0x80);
      }
      this.byte(v);
      return;
    }
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      this.byte(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.byte(Number(v));
  }

  private tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  /** An `int64`/`int32`/enum field (negative values take ten bytes, as protobuf encodes them). */
  int64(field: number, value: number | bigint): this {
    this.tag(field, WIRE_VARINT);
    this.varint(value);
    return this;
  }

  /** A `float` field. */
  float(field: number, value: number): this {
    this.tag(field, WIRE_FIXED32);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.raw(b);
    return this;
  }

  /** A `bytes` field, or a nested message already encoded. */
  bytes(field: number, value: Uint8Array): this {
    this.tag(field, WIRE_LENGTH);
    this.varint(value.length);
    this.raw(value);
    return this;
  }

  /** A `string` field, UTF-8 encoded. */
  string(field: number, value: string): this {
    return this.bytes(field, utf8.encode(value));
  }

  /** A `repeated int64` field, packed (one length-delimited run of varints). */
  packedInt64(field: number, values: readonly (number | bigint)[]): this {
    const inner = new ProtoWriter();
    for (const v of values) inner.varint(v);
    return this.bytes(field, inner.finish());
  }

  /** A `repeated float` field, packed. */
  packedFloat(field: number, values: readonly number[]): this {
    const b = new Uint8Array(values.length * 4);
    const view = new DataView(b.buffer);
    for (const [i, v] of values.entries()) view.setFloat32(i * 4, v, true);
    return this.bytes(field, b);
  }

  /** The message's bytes. */
  finish(): Uint8Array {
    this.flush();
    if (this.chunks.length === 1) return this.chunks[0] as Uint8Array;
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}
