/**
 * An append-only bit stream, most significant bit first, as Prometheus's `bstream`
 * (tsdb/chunkenc/bstream.go). The buffer grows by doubling; {@link BitWriter.snapshot}
 * copies the bytes written so far so a sealed storage can share a chunk that is still
 * being appended to.
 */
export class BitWriter {
  private buf: Uint8Array;
  /** Number of bits written. */
  private bitLen = 0;

  constructor(initialBytes = 32) {
    this.buf = new Uint8Array(Math.max(1, initialBytes));
  }

  /** Bits written so far. */
  get bitLength(): number {
    return this.bitLen;
  }

  /** Bytes needed to hold the bits written so far. */
  get byteLength(): number {
    return (this.bitLen + 7) >>> 3;
  }

  /** Appends one bit (0 or 1). */
  writeBit(bit: number): void {
    this.ensure(1);
    if (bit !== 0) this.buf[this.bitLen >>> 3] |= 0x80 >>> (this.bitLen & 7);
    this.bitLen++;
  }

  /**
   * Appends the low `nbits` bits of `value` (0 ≤ nbits ≤ 32), most significant first.
   * `value` is read as an unsigned 32-bit integer.
   */
  writeBits(value: number, nbits: number): void {
    if (nbits === 0) return;
    this.ensure(nbits);
    const buf = this.buf;
    let pos = this.bitLen;
    let left = nbits;
    value = nbits === 32 ? value >>> 0 : (value & ((1 << nbits) - 1)) >>> 0;
    while (left > 0) {
      const free = 8 - (pos & 7);
      const take = free < left ? free : left;
      // The `take` bits of value just below bit `left`.
      const bits = (value >>> (left - take)) & ((1 << take) - 1);
      buf[pos >>> 3] |= bits << (free - take);
      pos += take;
      left -= take;
    }
    this.bitLen = pos;
  }

  /** Appends a 64-bit pattern given as two 32-bit halves, keeping its low `nbits` bits (≤ 64). */
  writeBits64(hi: number, lo: number, nbits: number): void {
    if (nbits > 32) {
      this.writeBits(hi, nbits - 32);
      this.writeBits(lo, 32);
    } else {
      this.writeBits(lo, nbits);
    }
  }

  /** Appends an unsigned LEB128 varint (value a non-negative safe integer). */
  writeUvarint(value: number): void {
    while (value >= 0x80) {
      this.writeBits((value % 0x80) | 0x80, 8);
      value = Math.floor(value / 0x80);
    }
    this.writeBits(value, 8);
  }

  /** Appends a zig-zag signed varint (value a safe integer), as Go's `binary.PutVarint`. */
  writeVarint(value: number): void {
    this.writeUvarint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  /** A copy of the bytes written so far (the last byte zero-padded). */
  snapshot(): Uint8Array {
    return this.buf.slice(0, this.byteLength);
  }

  private ensure(nbits: number): void {
    const needBytes = (this.bitLen + nbits + 7) >>> 3;
    if (needBytes <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < needBytes) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf);
    this.buf = next;
  }
}
