import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeXor, decodeXorChunk, XorChunkAppender, type XorChunk } from './xor-chunk.ts';
import { BitReader } from './bit-reader.ts';
import { BitWriter } from './bit-writer.ts';
import { floatFromBits } from './float-bits.ts';

interface Sample {
  t: number;
  v: number;
  stale: boolean;
}

function encode(samples: readonly Sample[]): XorChunk {
  const a = new XorChunkAppender();
  for (const s of samples) a.append(s.t, s.v, s.stale);
  return a.toChunk();
}

function roundTrip(samples: readonly Sample[]): void {
  const c = encode(samples);
  expect(c.count).toBe(samples.length);
  const t = new Float64Array(samples.length);
  const v = new Float64Array(samples.length);
  const st = new Uint8Array(samples.length);
  expect(decodeXorChunk(c, t, v, st, 0)).toBe(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    if (t[i] !== s.t) throw new Error(`t[${i}] = ${t[i]}, want ${s.t}`);
    if (s.stale) {
      if (st[i] !== 1 || !Number.isNaN(v[i])) throw new Error(`sample ${i} should be stale`);
    } else if (!Object.is(v[i], s.v)) {
      throw new Error(`v[${i}] = ${v[i]}, want ${s.v}`);
    } else if (st[i] !== 0) throw new Error(`sample ${i} wrongly stale`);
  }
  if (samples.length > 0) {
    expect(c.minT).toBe(samples[0].t);
    expect(c.maxT).toBe(samples[samples.length - 1].t);
  }
}

const special = [0, -0, NaN, Infinity, -Infinity, 5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, -1.7976931348623157e308, 1e-300, 1, -1, 0.1, 42];

const valueArb = fc.oneof(
  fc.constantFrom(...special),
  fc.double(),
  fc.integer({ min: -1000, max: 1000 }),
  fc.integer({ min: 0, max: 2 ** 53 - 1 }),
);

/** Timestamps: a start and positive gaps mixing regular steps with jitter and huge jumps. */
const gapArb = fc.oneof(
  fc.constant(15000),
  fc.integer({ min: 1, max: 20 }),
  fc.integer({ min: 14000, max: 16000 }),
  fc.integer({ min: 1, max: 2 ** 20 }),
  fc.integer({ min: 1, max: 2 ** 40 }),
);

const seriesArb = fc
  .record({
    start: fc.integer({ min: -(2 ** 45), max: 2 ** 45 }),
    rows: fc.array(fc.record({ gap: gapArb, v: valueArb, stale: fc.integer({ min: 0, max: 9 }) }), { maxLength: 200 }),
  })
  .map(({ start, rows }) => {
    let t = start;
    return rows.map((r, i) => {
      if (i > 0) t += r.gap;
      return { t, v: r.v, stale: r.stale === 0 };
    });
  });

describe('XOR chunk', () => {
  it('round-trips random samples exactly (Object.is), including special floats and stale markers', () => {
    fc.assert(fc.property(seriesArb, (samples) => roundTrip(samples)), { numRuns: 400 });
  });

  it('keeps -0 distinct from 0 and NaN as NaN', () => {
    roundTrip([
      { t: 0, v: -0, stale: false },
      { t: 1, v: 0, stale: false },
      { t: 2, v: -0, stale: false },
      { t: 3, v: NaN, stale: false },
      { t: 4, v: -0, stale: false },
    ]);
  });

  it('keeps NaNs with any payload (including the bit pattern Prometheus uses for stale markers) as plain NaN', () => {
    const payloads = [floatFromBits(0x7ff00000, 1), floatFromBits(0x7ff00000, 2), floatFromBits(0xfff80000, 0), floatFromBits(0x7fffffff, 0xffffffff)];
    const samples: Sample[] = [];
    payloads.forEach((v, i) => samples.push({ t: i * 2, v, stale: false }, { t: i * 2 + 1, v: i, stale: false }));
    const c = encode(samples);
    const t = new Float64Array(samples.length);
    const v = new Float64Array(samples.length);
    const st = new Uint8Array(samples.length);
    decodeXorChunk(c, t, v, st, 0);
    for (let i = 0; i < samples.length; i++) {
      if (i % 2 === 0) expect(Number.isNaN(v[i])).toBe(true);
      else expect(v[i]).toBe((i - 1) / 2);
    }
    expect(Array.from(st)).toEqual(new Array(samples.length).fill(0)); // a NaN is never a stale marker
  });

  it('handles every delta-of-delta size class boundary', () => {
    // dod boundaries of the 14/17/20/64-bit classes: ±(2^(n-1)-1), 2^(n-1), and one beyond.
    const dods = [0, 1, -1, 8192, 8193, -8191, -8192, 65536, 65537, -65535, -65536, 524288, 524289, -524287, -524288, 2 ** 40, -(2 ** 39)];
    const samples: Sample[] = [{ t: 1000, v: 1, stale: false }];
    let delta = 2 ** 41;
    let t = 1000 + delta;
    samples.push({ t, v: 2, stale: false });
    for (const dod of dods) {
      delta += dod;
      t += delta;
      samples.push({ t, v: samples.length, stale: false });
    }
    roundTrip(samples);
  });

  it('stores a first-sample stale marker and an all-stale chunk', () => {
    roundTrip([
      { t: 10, v: NaN, stale: true },
      { t: 20, v: 5, stale: false },
      { t: 30, v: NaN, stale: true },
    ]);
    roundTrip([
      { t: 10, v: 0, stale: true },
      { t: 20, v: 0, stale: true },
    ]);
  });

  it('writes the byte layout of the Prometheus XOR chunk body (hand-encoded from xor.go)', () => {
    const c = encode([
      { t: 1000, v: 1, stale: false },
      { t: 2000, v: 1, stale: false },
      { t: 3000, v: 2, stale: false },
    ]);
    // t0: varint(1000) = zig-zag 2000 → D0 0F; v0: 1.0 raw = 3F F0 00…; t1: uvarint(1000) = E8 07;
    // then bits: v1 '0' (equal), dod '0', v2 '1' '1' leading=00001 sigbits=001011 + 11 bits 0x7FF
    // (1.0 XOR 2.0 = 0x7FF0…): 26 bits → 0011 0000 1001 0111 1111 1111 11(00 0000 pad) = 30 97 FF C0.
    expect(Array.from(c.bytes)).toEqual([0xd0, 0x0f, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0, 0xe8, 0x07, 0x30, 0x97, 0xff, 0xc0]);
  });

  it('compresses a regular counter to a few bits per sample', () => {
    const samples: Sample[] = [];
    for (let i = 0; i < 120; i++) samples.push({ t: 1_700_000_000_000 + i * 15000, v: 1000 + i * 3, stale: false });
    const c = encode(samples);
    // Constant step → 1 bit per timestamp; small integer increments → ~2 bytes per value at most.
    expect(c.bytes.length).toBeLessThan(120 * 2);
    roundTrip(samples);
  });
});

/** The IEEE-754 bits of `v` as stored by a Float64Array (what the encoder sees). */
function bitsOf(v: number): [number, number] {
  const f = new Float64Array([v]);
  const u = new Uint32Array(f.buffer);
  return [u[0], u[1]];
}

/**
 * Long series mixing the shapes the decoder has fast paths for: constant runs (up,
 * idle buckets), integer counters, 10 ms float counters, full-mantissa gauges and
 * special values, on regular, jittered and gappy timestamps.
 */
const longSeriesArb = fc
  .record({
    start: fc.integer({ min: -(2 ** 45), max: 2 ** 45 }),
    n: fc.integer({ min: 1, max: 3000 }),
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    valueKind: fc.constantFrom('constant', 'sparse', 'int-counter', 'float-counter', 'gauge', 'mixed'),
    timeKind: fc.constantFrom('regular', 'jitter', 'gappy'),
    staleRate: fc.constantFrom(0, 0.01, 0.3),
  })
  .map(({ start, n, seed, valueKind, timeKind, staleRate }) => {
    let a = seed;
    const rnd = (): number => {
      a = (a + 0x6d2b79f5) | 0;
      let x = Math.imul(a ^ (a >>> 15), a | 1);
      x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
    const out: Sample[] = [];
    let t = start;
    let v = rnd() < 0.5 ? 0 : Math.floor(rnd() * 1e9);
    for (let i = 0; i < n; i++) {
      if (i > 0) {
        const r = rnd();
        if (timeKind === 'regular') t += 15000;
        else if (timeKind === 'jitter') t += 15000 + Math.round((rnd() * 2 - 1) * 25);
        else t += r < 0.9 ? 15000 : r < 0.95 ? 1 + Math.floor(rnd() * 2 ** 20) : 1 + Math.floor(rnd() * 2 ** 40);
      }
      const kind = valueKind === 'mixed' ? ['constant', 'sparse', 'int-counter', 'float-counter', 'gauge', 'special'][Math.floor(rnd() * 6)] : valueKind;
      if (kind === 'sparse') v = rnd() < 0.3 ? v + 1 + Math.floor(rnd() * 5) : v;
      else if (kind === 'int-counter') v += Math.floor(rnd() * 300);
      else if (kind === 'float-counter') v = Math.round((v + rnd() * 15) * 100) / 100;
      else if (kind === 'gauge') v = rnd() + rnd() / 4294967296;
      else if (kind === 'special') v = special[Math.floor(rnd() * special.length)];
      out.push({ t, v, stale: rnd() < staleRate });
    }
    return out;
  });

describe('decodeXor on an arena', () => {
  it('decodes long random chunks bit-exactly from inside an arena with junk around them, at an output offset', () => {
    fc.assert(
      fc.property(longSeriesArb, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 7 }), (samples, before, after, outAt) => {
        const c = encode(samples);
        const arena = new Uint8Array(before + c.bytes.length + after);
        for (let k = 0; k < arena.length; k++) arena[k] = (k * 167 + 89) & 0xff; // junk, never zero bits only
        arena.set(c.bytes, before);
        // Output columns as views at a non-zero byte offset of a larger buffer.
        const n = samples.length;
        const tBuf = new Float64Array(n + outAt + 3);
        const vBuf = new Float64Array(n + outAt + 3);
        const outT = tBuf.subarray(1);
        const outV = vBuf.subarray(1);
        const outStale = new Uint8Array(n + outAt + 2);
        expect(decodeXor(arena, before, before + c.bytes.length, c.count, c.staleIndices, outT, outV, outStale, outAt)).toBe(n);
        const vBits = new Uint32Array(outV.buffer, outV.byteOffset, outV.length * 2);
        for (let i = 0; i < n; i++) {
          const s = samples[i];
          const at = outAt + i;
          if (outT[at] !== s.t) throw new Error(`t[${i}] = ${outT[at]}, want ${s.t}`);
          if (s.stale) {
            if (outStale[at] !== 1 || !Number.isNaN(outV[at])) throw new Error(`sample ${i} should be stale`);
            continue;
          }
          if (outStale[at] !== 0) throw new Error(`sample ${i} wrongly stale`);
          const [w0, w1] = bitsOf(s.v);
          if (vBits[2 * at] !== w0 || vBits[2 * at + 1] !== w1) throw new Error(`v[${i}] = ${outV[at]}, want ${s.v}`);
        }
        // Nothing written outside [outAt, outAt + n).
        for (let k = 0; k < outAt; k++) if (outT[k] !== 0 || outV[k] !== 0) throw new Error(`wrote before the offset at ${k}`);
        if (tBuf[0] !== 0 || vBuf[0] !== 0 || outT[outAt + n] !== 0 || outV[outAt + n] !== 0) throw new Error('wrote outside the output range');
      }),
      { numRuns: 300 },
    );
  });

  it('reads bits past the chunk end as zeros, not as the next chunk in the arena', () => {
    // Two chunks back to back: decoding the first with a larger count must not consume
    // the second one's bits; the extra samples come out as repeats and then the stream runs out.
    const samples: Sample[] = [];
    for (let i = 0; i < 40; i++) samples.push({ t: 1000 + i * 15000, v: i * 7, stale: false });
    const a = encode(samples);
    const b = encode(samples.map((s) => ({ ...s, v: s.v + 0.5 })));
    const arena = new Uint8Array(a.bytes.length + b.bytes.length);
    arena.set(a.bytes, 0);
    arena.set(b.bytes, a.bytes.length);
    const outT = new Float64Array(200);
    const outV = new Float64Array(200);
    expect(decodeXor(arena, 0, a.bytes.length, 40, null, outT, outV, null, 0)).toBe(40);
    for (let i = 0; i < 40; i++) expect([outT[i], outV[i]]).toEqual([samples[i].t, samples[i].v]);
    expect(() => decodeXor(arena, 0, a.bytes.length, 200, null, outT, outV, null, 0)).toThrow(RangeError);
  });

  it('throws RangeError for a chunk shorter than its sample count needs', () => {
    const samples: Sample[] = [];
    for (let i = 0; i < 120; i++) samples.push({ t: 1_700_000_000_000 + i * 15000 + (i % 3), v: Math.sqrt(i), stale: false });
    const c = encode(samples);
    const outT = new Float64Array(400);
    const outV = new Float64Array(400);
    expect(() => decodeXor(c.bytes, 0, c.bytes.length, 121, null, outT, outV, null, 0)).toThrow(RangeError);
    expect(() => decodeXor(c.bytes, 0, c.bytes.length, 400, null, outT, outV, null, 0)).toThrow(RangeError);
    // The first sample alone needs ≥ 9 bytes (varint time + raw 64-bit value).
    expect(() => decodeXor(c.bytes, 0, 6, 1, null, outT, outV, null, 0)).toThrow(RangeError);
    expect(() => decodeXor(c.bytes, 0, 12, 3, null, outT, outV, null, 0)).toThrow(RangeError);
  });

  it('decodes constant runs that end exactly at the chunk end and restart after a change', () => {
    for (const n of [2, 3, 12, 13, 14, 120, 121, 1000]) {
      const samples: Sample[] = [];
      for (let i = 0; i < n; i++) samples.push({ t: 5000 + i * 1000, v: i === Math.floor(n / 2) ? 2 : 1, stale: false });
      roundTrip(samples);
    }
  });
});

describe('bit stream', () => {
  it('reads back what was written, at any alignment', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 2 ** 32 - 1 })), { maxLength: 100 }), (items) => {
        const w = new BitWriter(1);
        for (const [n, x] of items) w.writeBits(x, n);
        const r = new BitReader(w.snapshot());
        for (const [n, x] of items) {
          const want = n === 32 ? x >>> 0 : n === 0 ? 0 : (x & (2 ** n - 1)) >>> 0;
          expect(r.readBits(n)).toBe(want);
        }
      }),
    );
  });

  it('round-trips varints', () => {
    const vals = [0, 1, -1, 63, -64, 64, 127, 128, 2 ** 31, -(2 ** 31), 2 ** 52, -(2 ** 52), 1_700_000_000_000];
    const w = new BitWriter();
    w.writeBit(1);
    for (const v of vals) w.writeVarint(v);
    w.writeUvarint(2 ** 53 - 1);
    const r = new BitReader(w.snapshot());
    expect(r.readBit()).toBe(1);
    for (const v of vals) expect(r.readVarint()).toBe(v);
    expect(r.readUvarint()).toBe(2 ** 53 - 1);
  });

  it('throws RangeError past the end', () => {
    const r = new BitReader(new Uint8Array(1));
    r.readBits(8);
    expect(() => r.readBit()).toThrow(RangeError);
  });
});
