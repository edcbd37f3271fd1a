/**
 * Gorilla-style compressed float chunks with the bit layout of Prometheus's XOR chunk
 * body (tsdb/chunkenc/xor.go; checked against a hand-encoded vector in the tests), minus
 * its 2-byte sample-count header, which lives in {@link XorChunk.count} instead.
 *
 * Encoding, per sample i:
 * - i = 0: timestamp as a zig-zag varint, value as its raw 64 bits.
 * - i = 1: timestamp delta as an unsigned varint, value XOR-encoded against sample 0.
 * - i ≥ 2: delta-of-delta `dod` of the timestamp: `0` if dod = 0; `10`+14 bits,
 *   `110`+17 bits, `1110`+20 bits when dod fits in that many bits (range −(2ⁿ⁻¹−1)…2ⁿ⁻¹,
 *   as Prometheus's bitRange); else `1111`+64 bits. Then the value XOR-encoded.
 * - XOR value encoding: `0` if equal to the previous stored value; else `1`, then `0` +
 *   the meaningful bits when they fit the previous leading/trailing-zero window, or `1` +
 *   5 bits leading-zero count (clamped to 31) + 6 bits significant-bit count (64 written
 *   as 0) + the significant bits.
 *
 * Staleness markers are a side channel: {@link XorChunk.staleIndices} lists the sample
 * indices that are markers. A marker's value slot stores a repeat of the previous value
 * (1 bit) and decodes as NaN; no NaN bit pattern ever carries meaning.
 *
 * Start timestamps (ST, the `@st` lines of promqltest) are a second side channel:
 * {@link XorChunk.st} holds one ST per sample, uncompressed (8 bytes each, NaN = none),
 * and only in chunks that received at least one ST. Keeping it uncompressed is a
 * deliberate simplification (Prometheus's XOR2 chunks delta-encode it): ST data is rare
 * (only start_timestamps.test uses it) and chunks without ST pay nothing.
 */
import { BitWriter } from './bit-writer.ts';
import { floatBitsHi, floatBitsLo, floatFromBits } from './float-bits.ts';

/** Samples per chunk before a new one is cut (Prometheus's head targets 120). */
export const SAMPLES_PER_CHUNK = 120;

/** An immutable encoded chunk with its header. Times in ms. */
export interface XorChunk {
  readonly bytes: Uint8Array;
  readonly count: number;
  readonly minT: number;
  readonly maxT: number;
  /** Ascending indices of staleness markers, or null when the chunk has none. */
  readonly staleIndices: Uint16Array | null;
  /**
   * Start timestamp (ms) of every sample, NaN where a sample has none; absent or null
   * when no sample of the chunk has one.
   */
  readonly st?: Float64Array | null;
}

/**
 * Bytes a chunk accounts for in bytes/sample reports: its body, the 2-byte count header
 * Prometheus keeps in the chunk, and 2 bytes per staleness-marker index.
 */
export function chunkSizeBytes(c: XorChunk): number {
  return c.bytes.length + 2 + (c.staleIndices ? c.staleIndices.length * 2 : 0) + (c.st ? c.st.length * 8 : 0);
}

const TWO_32 = 4294967296;

/** Appends samples to one chunk. The caller guarantees strictly increasing times. */
export class XorChunkAppender {
  private readonly w = new BitWriter(64);
  private n = 0;
  private firstT = 0;
  private lastT = 0;
  private lastDelta = 0;
  private lastHi = 0;
  private lastLo = 0;
  /** 0xff until the first full XOR window is written, as Prometheus. */
  private leading = 0xff;
  private trailing = 0;
  private stale: number[] | null = null;
  /** Per-sample start timestamps (NaN = none), created at the first sample that has one. */
  private st: number[] | null = null;

  get count(): number {
    return this.n;
  }

  get maxT(): number {
    return this.lastT;
  }

  /**
   * Appends a sample. A stale marker's `v` is ignored. `stMs` is the sample's start
   * timestamp in ms, NaN (the default) when it has none.
   */
  append(t: number, v: number, stale: boolean, stMs = NaN): void {
    if (stMs === stMs) {
      if (this.st === null) this.st = new Array<number>(this.n).fill(NaN);
      this.st.push(stMs);
    } else if (this.st !== null) this.st.push(NaN);
    const w = this.w;
    let hi: number;
    let lo: number;
    if (stale) {
      (this.stale ??= []).push(this.n);
      hi = this.lastHi;
      lo = this.lastLo;
    } else {
      hi = floatBitsHi(v);
      lo = floatBitsLo();
    }
    if (this.n === 0) {
      w.writeVarint(t);
      w.writeBits(hi, 32);
      w.writeBits(lo, 32);
      this.firstT = t;
    } else if (this.n === 1) {
      const delta = t - this.lastT;
      w.writeUvarint(delta);
      this.lastDelta = delta;
      this.writeValue(hi, lo);
    } else {
      const delta = t - this.lastT;
      const dod = delta - this.lastDelta;
      if (dod === 0) {
        w.writeBit(0);
      } else if (dod >= -8191 && dod <= 8192) {
        w.writeBits(0b10, 2);
        w.writeBits(dod, 14);
      } else if (dod >= -65535 && dod <= 65536) {
        w.writeBits(0b110, 3);
        w.writeBits(dod, 17);
      } else if (dod >= -524287 && dod <= 524288) {
        w.writeBits(0b1110, 4);
        w.writeBits(dod, 20);
      } else {
        w.writeBits(0b1111, 4);
        // Two's complement over 64 bits, split into halves (|dod| < 2^53).
        const dHi = Math.floor(dod / TWO_32);
        w.writeBits(dHi >>> 0, 32);
        w.writeBits((dod - dHi * TWO_32) >>> 0, 32);
      }
      this.lastDelta = delta;
      this.writeValue(hi, lo);
    }
    this.lastT = t;
    this.lastHi = hi;
    this.lastLo = lo;
    this.n++;
  }

  /** An immutable copy of the chunk as written so far; appending may continue. */
  toChunk(): XorChunk {
    return {
      bytes: this.w.snapshot(),
      count: this.n,
      minT: this.firstT,
      maxT: this.lastT,
      staleIndices: this.stale ? Uint16Array.from(this.stale) : null,
      st: this.st ? Float64Array.from(this.st) : null,
    };
  }

  // Mirrors xorWrite, tsdb/chunkenc/xor.go.
  private writeValue(hi: number, lo: number): void {
    const w = this.w;
    const xHi = (hi ^ this.lastHi) >>> 0;
    const xLo = (lo ^ this.lastLo) >>> 0;
    if (xHi === 0 && xLo === 0) {
      w.writeBit(0);
      return;
    }
    w.writeBit(1);
    let leading = xHi !== 0 ? Math.clz32(xHi) : 32 + Math.clz32(xLo);
    const trailing = xLo !== 0 ? ctz32(xLo) : 32 + ctz32(xHi);
    if (leading >= 32) leading = 31;
    if (this.leading !== 0xff && leading >= this.leading && trailing >= this.trailing) {
      w.writeBit(0);
      writeShifted(w, xHi, xLo, this.trailing, 64 - this.leading - this.trailing);
      return;
    }
    this.leading = leading;
    this.trailing = trailing;
    w.writeBit(1);
    w.writeBits(leading, 5);
    const sigbits = 64 - leading - trailing;
    w.writeBits(sigbits & 63, 6);
    writeShifted(w, xHi, xLo, trailing, sigbits);
  }
}

function ctz32(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/** Writes the low `nbits` of (hi:lo) >> shift. */
function writeShifted(w: BitWriter, hi: number, lo: number, shift: number, nbits: number): void {
  let sHi: number;
  let sLo: number;
  if (shift === 0) {
    sHi = hi;
    sLo = lo;
  } else if (shift < 32) {
    sLo = ((lo >>> shift) | (hi << (32 - shift))) >>> 0;
    sHi = hi >>> shift;
  } else {
    sLo = hi >>> (shift - 32);
    sHi = 0;
  }
  w.writeBits64(sHi, sLo, nbits);
}

/**
 * Decodes every sample of `chunk` into `outT`/`outV` starting at `offset`, and when
 * `outStale` is given sets `outStale[offset + i]` to 1 for markers (it is not cleared for
 * other samples: pass zeroed memory). Markers decode with v = NaN. Returns chunk.count.
 */
export function decodeXorChunk(
  chunk: XorChunk,
  outT: Float64Array,
  outV: Float64Array,
  outStale: Uint8Array | null,
  offset: number,
): number {
  return decodeXor(chunk.bytes, 0, chunk.bytes.length, chunk.count, chunk.staleIndices, outT, outV, outStale, offset);
}

/**
 * As {@link decodeXorChunk}, for a chunk body stored at `bytes[start, end)` of an arena
 * with `count` samples and the given stale-marker indices.
 */
export function decodeXor(
  bytes: Uint8Array,
  start: number,
  end: number,
  count: number,
  staleIndices: Uint16Array | null,
  outT: Float64Array,
  outV: Float64Array,
  outStale: Uint8Array | null,
  offset: number,
): number {
  const n = count;
  if (n === 0) return 0;
  // The bit cursor is a local (no BitReader object or per-read bounds check); reads past
  // `end` see zero bits and are caught by one check after the loop.
  const buf = bytes;
  const view = dataViewOf(bytes);
  const endBit = end * 8;
  let pos = start * 8;
  // First timestamp: zig-zag varint.
  let u = 0;
  let scale = 1;
  for (let k = 0; ; k++) {
    if (k === 10) throw new RangeError('varint too long');
    const byte = peekBits(buf, view, pos, 8, end);
    pos += 8;
    u += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) break;
    scale *= 0x80;
  }
  let t = u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  let hi = peekBits(buf, view, pos, 32, end);
  pos += 32;
  let lo = peekBits(buf, view, pos, 32, end);
  pos += 32;
  let delta = 0;
  let leading = 0;
  let trailing = 0;
  // The current value as a float, converted only when its bits change.
  let value = floatFromBits(hi, lo);
  outT[offset] = t;
  outV[offset] = value;
  // The value's two control bits when the timestamp read already fetched them, else -1.
  let ctl = -1;
  for (let i = 1; i < n; i++) {
    if (i === 1) {
      let d = 0;
      let sc = 1;
      for (let k = 0; ; k++) {
        if (k === 10) throw new RangeError('varint too long');
        const byte = peekBits(buf, view, pos, 8, end);
        pos += 8;
        d += (byte & 0x7f) * sc;
        if ((byte & 0x80) === 0) break;
        sc *= 0x80;
      }
      delta = d;
    } else {
      // Up to 4 prefix bits: 0, 10, 110, 1110, 1111; with a 0 (the common unchanged
      // interval) the same read already holds the value's two control bits.
      const p = peekBits(buf, view, pos, 4, end);
      if ((p & 8) === 0) {
        pos += 1;
        ctl = (p >>> 1) & 3;
      } else {
        let dod: number;
        if ((p & 4) === 0) {
          pos += 2;
          dod = peekBits(buf, view, pos, 14, end);
          pos += 14;
          if (dod > 8192) dod -= 16384;
        } else if ((p & 2) === 0) {
          pos += 3;
          dod = peekBits(buf, view, pos, 17, end);
          pos += 17;
          if (dod > 65536) dod -= 131072;
        } else if ((p & 1) === 0) {
          pos += 4;
          dod = peekBits(buf, view, pos, 20, end);
          pos += 20;
          if (dod > 524288) dod -= 1048576;
        } else {
          pos += 4;
          const dHi = peekBits(buf, view, pos, 32, end) | 0;
          pos += 32;
          dod = dHi * TWO_32 + peekBits(buf, view, pos, 32, end);
          pos += 32;
        }
        delta += dod;
      }
    }
    t += delta;
    // Value: mirrors xorRead, tsdb/chunkenc/xor.go.
    const c = ctl >= 0 ? ctl : peekBits(buf, view, pos, 2, end);
    ctl = -1;
    if ((c & 2) === 0) {
      pos += 1;
    } else {
      pos += 2;
      if ((c & 1) !== 0) {
        const lz = peekBits(buf, view, pos, 11, end);
        pos += 11;
        leading = lz >>> 6;
        let sigbits = lz & 63;
        if (sigbits === 0) sigbits = 64;
        trailing = 64 - leading - sigbits;
      }
      const sig = 64 - leading - trailing;
      let sHi: number;
      let sLo: number;
      if (sig > 32) {
        sHi = peekBits(buf, view, pos, sig - 32, end);
        pos += sig - 32;
        sLo = peekBits(buf, view, pos, 32, end);
        pos += 32;
      } else {
        sHi = 0;
        sLo = peekBits(buf, view, pos, sig, end);
        pos += sig;
      }
      // (sHi:sLo) << trailing, then XOR into the previous value.
      let xHi: number;
      let xLo: number;
      if (trailing === 0) {
        xHi = sHi;
        xLo = sLo;
      } else if (trailing < 32) {
        xHi = ((sHi << trailing) | (sLo >>> (32 - trailing))) >>> 0;
        xLo = (sLo << trailing) >>> 0;
      } else {
        xHi = (sLo << (trailing - 32)) >>> 0;
        xLo = 0;
      }
      hi = (hi ^ xHi) >>> 0;
      lo = (lo ^ xLo) >>> 0;
      value = floatFromBits(hi, lo);
    }
    outT[offset + i] = t;
    outV[offset + i] = value;
  }
  if (pos > endBit) throw new RangeError(`bit stream exhausted at bit ${pos}`);
  const stale = staleIndices;
  if (stale !== null) {
    for (let k = 0; k < stale.length; k++) {
      outV[offset + stale[k]] = NaN;
      if (outStale !== null) outStale[offset + stale[k]] = 1;
    }
  }
  return n;
}

/**
 * The `nbits` (1 ≤ nbits ≤ 32) bits at bit `pos` of `buf` as an unsigned integer, most
 * significant first; bits at or past byte `endByte` read as 0 (the decoder checks its
 * final position once instead of every read).
 */
function peekBits(buf: Uint8Array, view: DataView, pos: number, nbits: number, endByte: number): number {
  const byte = pos >>> 3;
  const sh = pos & 7;
  if (byte + 4 < endByte) {
    const w0 = view.getUint32(byte);
    if (nbits + sh <= 32) return ((w0 << sh) >>> (32 - nbits)) >>> 0;
    const take = nbits + sh - 32;
    return (((w0 << sh) >>> (32 - nbits)) | (buf[byte + 4] >>> (8 - take))) >>> 0;
  }
  // Near the end: bit by bit.
  let out = 0;
  for (let k = 0; k < nbits; k++) {
    const p = pos + k;
    const b = p >>> 3;
    const bit = b < endByte ? (buf[b] >>> (7 - (p & 7))) & 1 : 0;
    out = out * 2 + bit;
  }
  return out;
}

/** DataViews by arena, held weakly so a dropped dataset's chunk bytes can be collected. */
const viewsByBytes = new WeakMap<Uint8Array, DataView>();

/** A DataView over `bytes` (offsets as in `bytes`); one lookup per chunk decoded. */
function dataViewOf(bytes: Uint8Array): DataView {
  let view = viewsByBytes.get(bytes);
  if (view === undefined) {
    view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    viewsByBytes.set(bytes, view);
  }
  return view;
}
