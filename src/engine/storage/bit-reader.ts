/**
 * Reads a bit stream written by {@link BitWriter}, most significant bit first.
 * Reading past the end throws `RangeError` (a corrupt chunk is a bug, not bad input).
 */
export class BitReader {
  private readonly buf: Uint8Array;
  private pos: number;
  private readonly endByte: number;
  private readonly endBit: number;

  /** Reads `buf[startByte, endByte)`, so a stream can live inside a larger arena. */
  constructor(buf: Uint8Array, startByte = 0, endByte = buf.length) {
    this.buf = buf;
    this.pos = startByte * 8;
    this.endByte = endByte;
    this.endBit = endByte * 8;
  }

  /** Current position in bits. */
  get bitPosition(): number {
    return this.pos;
  }

  readBit(): number {
    const pos = this.pos;
    if (pos >= this.endBit) throw new RangeError(`bit stream exhausted at bit ${pos}`);
    this.pos = pos + 1;
    return (this.buf[pos >>> 3] >>> (7 - (pos & 7))) & 1;
  }

  /** Reads `nbits` (0 ≤ nbits ≤ 32) bits as an unsigned integer. */
  readBits(nbits: number): number {
    if (nbits === 0) return 0;
    let pos = this.pos;
    const byte = pos >>> 3;
    if (nbits <= 24 && byte + 3 < this.endByte) {
      // Fast path: one big-endian 32-bit window holds all bits (offset ≤ 7, nbits ≤ 24).
      const buf = this.buf;
      const word = (buf[byte] << 24) | (buf[byte + 1] << 16) | (buf[byte + 2] << 8) | buf[byte + 3];
      this.pos = pos + nbits;
      return (word << (pos & 7)) >>> (32 - nbits);
    }
    if (pos + nbits > this.endBit) throw new RangeError(`bit stream exhausted reading ${nbits} bits at bit ${pos}`);
    const buf = this.buf;
    let left = nbits;
    let out = 0;
    while (left > 0) {
      const avail = 8 - (pos & 7);
      const take = avail < left ? avail : left;
      const bits = (buf[pos >>> 3] >>> (avail - take)) & ((1 << take) - 1);
      out = (out << take) | bits;
      pos += take;
      left -= take;
    }
    this.pos = pos;
    return out >>> 0;
  }

  /** Reads an unsigned LEB128 varint. */
  readUvarint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.readBits(8);
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return result;
      scale *= 0x80;
    }
    throw new RangeError('varint too long');
  }

  /** Reads a zig-zag signed varint. */
  readVarint(): number {
    const u = this.readUvarint();
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }
}
