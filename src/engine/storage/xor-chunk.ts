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
import { floatBitsHi, floatBitsLo } from './float-bits.ts';

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
 *
 * Values are written as their exact bit patterns (through an int32 view of `outV`), so
 * every NaN payload, -0, subnormal and ±Inf comes back as encoded. Corrupt or short
 * input throws RangeError: bits past `end` read as 0, and a cursor past `end` (checked
 * at every sample and at the end) is an error.
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
  // Int32 offsets and bit positions throughout: V8 then keeps them in machine words
  // (start/end arrive as doubles from the chunk table's Float64Array columns).
  const buf = bytes;
  const first = start | 0;
  const last = end | 0;
  const o = offset | 0;
  const endBit = (last - first) << 3;
  const bitsOut = int32ViewOf(outV);

  // Sample 0 (zig-zag varint time, raw 64-bit value) and sample 1's time delta (uvarint)
  // are whole bytes.
  let p8 = first;
  let u = 0;
  let scale = 1;
  for (let k = 0; ; k++) {
    if (k === 10) throw new RangeError('varint too long');
    const byte = p8 < last ? buf[p8] : 0;
    p8++;
    u += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) break;
    scale *= 0x80;
  }
  const half = Math.floor(u / 2);
  let t = u === half * 2 ? half : -half - 1;
  let hi = 0;
  let lo = 0;
  for (let k = 0; k < 4; k++, p8++) hi = (hi << 8) | (p8 < last ? buf[p8] : 0);
  for (let k = 0; k < 4; k++, p8++) lo = (lo << 8) | (p8 < last ? buf[p8] : 0);
  outT[o] = t;
  bitsOut[2 * o + HI_WORD] = hi;
  bitsOut[2 * o + LO_WORD] = lo;
  let delta = 0;
  if (n > 1) {
    let sc = 1;
    for (let k = 0; ; k++) {
      if (k === 10) throw new RangeError('varint too long');
      const byte = p8 < last ? buf[p8] : 0;
      p8++;
      delta += (byte & 0x7f) * sc;
      if ((byte & 0x80) === 0) break;
      sc *= 0x80;
    }
  }

  // Bit `pos` of the chunk is bit (pos & 7) of byte `base + (pos >>> 3)` of `view`: the
  // arena while a whole sample's reads stay inside the chunk, then a zero-padded copy of
  // the chunk's tail (so no read needs its own bounds check).
  let pos = (p8 - first) << 3;
  let view = dataViewOf(buf);
  let base = first;
  let switchBit = endBit - TAIL_BITS;
  let leading = 0;
  let trailing = 0;
  let sig = 64;
  for (let i = 1; i < n; i++) {
    if (pos > switchBit) {
      if (pos > endBit) throw new RangeError(`bit stream exhausted at bit ${pos}`);
      if (view !== tailView) {
        let k = 0;
        for (let b = first + (pos >>> 3); b < last; b++) tailBytes[k++] = buf[b];
        tailBytes.fill(0, k);
        view = tailView;
        base = -(pos >>> 3);
        switchBit = endBit;
      }
    }
    // w: the stream from pos, MSB first. One getInt32 gives its top vw ≥ 25 bits; a
    // full 32-bit window (for fields longer than 25 bits) also needs the fifth byte.
    let q = base + (pos >>> 3);
    let sh = pos & 7;
    let w = view.getInt32(q) << sh;
    let vw = 32 - sh;
    if (i > 1) {
      // Timestamp delta-of-delta: 0, 10+14, 110+17, 1110+20 or 1111+64 bits.
      if (w >= 0) {
        pos += 1;
        w <<= 1;
        vw -= 1;
      } else {
        // Field values above the class's positive limit are negative (Prometheus's
        // bitRange): subtract 2^bits without a branch (the sign is data, unpredictable).
        let dod: number;
        if ((w & 0x40000000) === 0) {
          dod = (w >>> 16) & 0x3fff;
          dod -= ((8192 - dod) >> 31) & 16384;
          pos += 16;
        } else if ((w & 0x20000000) === 0) {
          dod = (w >>> 12) & 0x1ffff;
          dod -= ((65536 - dod) >> 31) & 131072;
          pos += 20;
        } else if ((w & 0x10000000) === 0) {
          dod = (w >>> 8) & 0xfffff;
          dod -= ((524288 - dod) >> 31) & 1048576;
          pos += 24;
        } else {
          pos += 4;
          q = base + (pos >>> 3);
          sh = pos & 7;
          const dHi = (view.getInt32(q) << sh) | (view.getUint8(q + 4) >>> (8 - sh));
          pos += 32;
          q = base + (pos >>> 3);
          sh = pos & 7;
          const dLo = ((view.getInt32(q) << sh) | (view.getUint8(q + 4) >>> (8 - sh))) >>> 0;
          pos += 32;
          dod = dHi * TWO_32 + dLo;
        }
        delta += dod;
        q = base + (pos >>> 3);
        sh = pos & 7;
        w = view.getInt32(q) << sh;
        vw = 32 - sh;
      }
    }
    t += delta;
    outT[o + i] = t;
    // Value: mirrors xorRead, tsdb/chunkenc/xor.go. Here vw ≥ 24, enough for the
    // 2 control bits and the 11-bit window header.
    if (w < 0) {
      if ((w & 0x40000000) !== 0) {
        leading = (w >>> 25) & 31;
        sig = (w >>> 19) & 63;
        if (sig === 0) sig = 64;
        trailing = 64 - leading - sig;
        pos += 13;
        w <<= 13;
        vw -= 13;
      } else {
        pos += 2;
        w <<= 2;
        vw -= 2;
      }
      let sHi = 0;
      let sLo: number;
      if (sig <= vw) {
        sLo = (w >>> (32 - sig)) | 0;
        pos += sig;
      } else {
        q = base + (pos >>> 3);
        sh = pos & 7;
        if (sig <= 25) {
          sLo = ((view.getInt32(q) << sh) >>> (32 - sig)) | 0;
          pos += sig;
        } else {
          w = (view.getInt32(q) << sh) | (view.getUint8(q + 4) >>> (8 - sh));
          if (sig <= 32) {
            sLo = (w >>> (32 - sig)) | 0;
            pos += sig;
          } else {
            sHi = (w >>> (64 - sig)) | 0;
            pos += sig - 32;
            q = base + (pos >>> 3);
            sh = pos & 7;
            sLo = (view.getInt32(q) << sh) | (view.getUint8(q + 4) >>> (8 - sh));
            pos += 32;
          }
        }
      }
      // XOR (sHi:sLo) << trailing into the value. Branches, not masks: `trailing` only
      // changes with a new window, so they predict well (masks measured slower).
      if (trailing === 0) {
        hi ^= sHi;
        lo ^= sLo;
      } else if (trailing < 32) {
        hi ^= (sHi << trailing) | (sLo >>> (32 - trailing));
        lo ^= sLo << trailing;
      } else {
        hi ^= sLo << (trailing - 32);
      }
      bitsOut[2 * (o + i) + HI_WORD] = hi;
      bitsOut[2 * (o + i) + LO_WORD] = lo;
    } else {
      pos += 1;
      bitsOut[2 * (o + i) + HI_WORD] = hi;
      bitsOut[2 * (o + i) + LO_WORD] = lo;
      // The samples after it with the same interval and the same value are `0` `0`
      // pairs: take the window's run of them at once (constant series such as `up`,
      // info metrics and idle counters are mostly this).
      w <<= 1;
      const zeros = Math.clz32(w);
      let k = (zeros < vw - 1 ? zeros : vw - 1) >>> 1;
      if (k > n - 1 - i) k = n - 1 - i;
      if (k > 0) {
        pos += 2 * k;
        const stop = i + k;
        while (i < stop) {
          i++;
          t += delta;
          outT[o + i] = t;
          bitsOut[2 * (o + i) + HI_WORD] = hi;
          bitsOut[2 * (o + i) + LO_WORD] = lo;
        }
      }
    }
  }
  if (pos > endBit) throw new RangeError(`bit stream exhausted at bit ${pos}`);
  const stale = staleIndices;
  if (stale !== null) {
    for (let k = 0; k < stale.length; k++) {
      outV[o + stale[k]] = NaN;
      if (outStale !== null) outStale[o + stale[k]] = 1;
    }
  }
  return n;
}

/** Index of a float's high 32-bit word in an Int32Array view of it: 1 on little-endian hosts. */
const HI_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO_WORD = 1 - HI_WORD;

/**
 * Bits past which a sample's reads might cross the chunk's end: a sample is at most
 * 145 bits (4 + 64 timestamp, 2 + 11 + 64 value) and a window read at bit p touches
 * bytes up to bit p + 40.
 */
const TAIL_BITS = 192;
/** The chunk tail (≤ 25 bytes at the switch) followed by zeros for every read past it. */
const tailBytes = new Uint8Array(64);
const tailView = new DataView(tailBytes.buffer);

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

/** Int32 views of output columns, held weakly like {@link viewsByBytes}. */
const int32Views = new WeakMap<Float64Array, Int32Array>();

/**
 * `out` as pairs of int32 words (sample i's bits at 2i + HI_WORD and 2i + LO_WORD): the
 * decoder stores bit patterns directly instead of converting each changed value through
 * a scratch Float64Array (two stores and a reload that cannot be store-forwarded).
 */
function int32ViewOf(out: Float64Array): Int32Array {
  let view = int32Views.get(out);
  if (view === undefined) {
    view = new Int32Array(out.buffer, out.byteOffset, out.length * 2);
    int32Views.set(out, view);
  }
  return view;
}

/**
 * V8 optimizes the decoder once it is hot, with the type feedback gathered so far. A
 * branch not taken by then (a wide timestamp jump, a wide value window, the chunk tail, a
 * stale marker) deoptimizes it when first taken, and which optimized version a process
 * settled on depended on the data it happened to decode first: the same streaming
 * benchmark decoded at 10 or at 21 ns/sample from one process to the next. Decoding one
 * synthetic chunks that take every branch when the module loads gives the first
 * optimization complete feedback (a few ms, once per process). Without it a process
 * sometimes ran on on-stack-replacement code that never got replaced. The chunks use
 * epoch-millisecond times (a smaller first timestamp left the varint's overflow branch
 * unseen) and windows of every width, each series in a chunk of its own; until they did,
 * the decoder still deoptimized twice in every process, and one instant query in four or
 * five ran 40% slower for good (`count_over_time(x[5m])` over 1,000 series: 3.8 instead
 * of 2.6 ms).
 */
function warmUpDecoder(): void {
  // Deltas whose delta-of-delta is 0 and then each encoding class, both signs.
  const deltas = [15_000, 15_000, 15_005, 15_000, 24_000, 15_000, 85_000, 15_000, 615_000, 15_000, 15_000 + 2 ** 33, 15_000];
  // Unchanged values, changes inside the window, and new windows of every width.
  const special = [1, 1, 1, 2, 3, 1.5, 5e-324, Math.PI, -Math.PI, 1e300, NaN, Infinity, -0, 0, 123456789.123, 2 ** 40, 2 ** 40 + 1, 7, 7, 7, 7];
  // A value window only widens within a chunk (the encoder reuses it whenever the XOR
  // fits), so narrower windows need chunks of their own: a counter in cents, values that
  // differ in the middle of the mantissa (windows of 19 to 32 bits, which may or may not
  // fit the bits already read) and a noisy gauge.
  // And a constant series at a regular interval (as `up`), whose samples decode in runs.
  const constant = (): number => 1;
  const series: ((i: number) => number)[] = [
    (i) => special[i % special.length],
    (i) => Math.round((1000 + i * 37.77) * 100) / 100,
    (i) => 1 + ((i * 12345) % 1000003) * 2 ** -30,
    (i) => 1 + ((i * 2654435761) % 2 ** 30) * 2 ** -42,
    (i) => Math.sin(i) * 1000,
    constant,
  ];
  const n = 160;
  const chunks = series.map((value) => {
    const regular = value === constant;
    const a = new XorChunkAppender();
    let t = 1_700_000_000_000; // epoch ms, as real data: the first varint does not fit 31 bits
    for (let i = 0; i < n; i++) {
      t += regular ? 15_000 : deltas[i % deltas.length];
      a.append(t, value(i), !regular && i % 50 === 49);
    }
    return a.toChunk();
  });
  // Fresh arrays each time, so the view caches' miss paths run too; V8 records feedback
  // only for functions run a few times already (lazy feedback allocation), hence repeats.
  for (let k = 0; k < WARM_UP_ROUNDS; k++) {
    for (const c of chunks) {
      const bytes = c.bytes.slice();
      const outT = new Float64Array(n + 1);
      const outV = new Float64Array(n + 1);
      decodeXor(bytes, 0, bytes.length, c.count, c.staleIndices, outT, outV, k % 2 === 0 ? new Uint8Array(n + 1) : null, k % 2);
    }
  }
}
const WARM_UP_ROUNDS = 8;
warmUpDecoder();
