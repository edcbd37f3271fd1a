import { describe, expect, it } from 'vitest';
import { labelsFromRecord, labelsToRecord, type Labels } from '../model/labels.ts';
import { newMatcher, type Matcher, type MatchType } from '../model/matcher.ts';
import { PromQLError } from '../model/errors.ts';
import { StorageBuilder } from './storage-builder.ts';
import type { Storage } from './storage.ts';
import { Rng } from '../datasets/prng.ts';

/** A small seeded PRNG (the datasets' mulberry32) so failures reproduce. */
function prng(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}

function m(name: string, type: MatchType, value: string): Matcher {
  return newMatcher(type, name, value);
}

function names(s: Storage, ms: Matcher[]): Record<string, string>[] {
  return s.select(ms).map((id) => labelsToRecord(s.labels(id)));
}

describe('Storage samples', () => {
  const seed = 12345;
  const rnd = prng(seed);
  const b = new StorageBuilder();
  const ref: { t: number[]; v: number[]; stale: boolean[] } = { t: [], v: [], stale: [] };
  const ls = labelsFromRecord({ __name__: 'x', job: 'a' });
  let t = 1000;
  for (let i = 0; i < 1000; i++) {
    t += 1 + Math.floor(rnd() * 30000);
    const stale = rnd() < 0.05;
    const r = rnd();
    const v = r < 0.05 ? NaN : r < 0.1 ? -0 : r < 0.15 ? Infinity : Math.round(rnd() * 1e6) / 100;
    b.append(ls, t, v, stale);
    ref.t.push(t);
    ref.v.push(stale ? NaN : v);
    ref.stale.push(stale);
  }
  const s = b.seal();
  const id = s.select([m('__name__', '=', 'x')])[0];

  it(`counts samples and chunks (seed ${seed})`, () => {
    expect(s.sampleCount).toBe(1000);
    expect(s.seriesCount).toBe(1);
    expect(s.chunkCount).toBe(Math.ceil(1000 / 120));
    expect(s.minTimeMs).toBe(ref.t[0]);
    expect(s.maxTimeMs).toBe(ref.t[999]);
    expect(s.chunkBytes).toBeGreaterThan(0);
  });

  it('decode returns exactly the inclusive range, at every chunk boundary', () => {
    const chunks = s.chunksOf(id);
    const bounds: number[] = [-Infinity, Infinity, ref.t[0] - 1, ref.t[999] + 1];
    for (const c of chunks) bounds.push(c.minT, c.maxT, c.minT - 1, c.maxT + 1, c.minT + 1);
    for (let k = 0; k < 30; k++) bounds.push(ref.t[Math.floor(rnd() * 1000)]);
    for (const lo of bounds) {
      for (const hi of bounds) {
        const d = s.decode(id, lo, hi);
        const want: number[] = [];
        for (let i = 0; i < 1000; i++) if (ref.t[i] >= lo && ref.t[i] <= hi) want.push(i);
        expect(d.t.length).toBe(want.length);
        expect(s.countSamples(id, lo, hi)).toBe(want.length);
        let anyStale = false;
        for (let j = 0; j < want.length; j++) {
          const i = want[j];
          if (d.t[j] !== ref.t[i] || !Object.is(d.v[j], ref.v[i])) throw new Error(`mismatch at ${i} for [${lo}, ${hi}]`);
          if (ref.stale[i]) anyStale = true;
          if ((d.stale?.[j] === 1) !== ref.stale[i]) throw new Error(`stale mismatch at ${i}`);
        }
        expect(d.stale === null).toBe(!anyStale);
      }
    }
  });

  it('iterator visits every sample in order and seeks to the first sample ≥ t at every boundary', () => {
    const it0 = s.iterator(id);
    let i = 0;
    while (it0.next()) {
      expect(it0.t).toBe(ref.t[i]);
      expect(Object.is(it0.v, ref.v[i])).toBe(true);
      expect(it0.stale).toBe(ref.stale[i]);
      i++;
    }
    expect(i).toBe(1000);
    expect(it0.next()).toBe(false);

    const targets: number[] = [];
    for (const c of s.chunksOf(id)) targets.push(c.minT - 1, c.minT, c.maxT, c.maxT + 1);
    targets.sort((a, b) => a - b);
    const it1 = s.iterator(id);
    for (const target of targets) {
      const want = ref.t.findIndex((x) => x >= target);
      const ok = it1.seek(target);
      expect(ok).toBe(want >= 0);
      if (ok) expect(it1.t).toBe(ref.t[want]);
    }
    // Fresh iterators: seek to each sample time, and seek never goes backwards.
    for (let k = 0; k < 50; k++) {
      const j = Math.floor(rnd() * 1000);
      const it2 = s.iterator(id);
      expect(it2.seek(ref.t[j])).toBe(true);
      expect(it2.t).toBe(ref.t[j]);
      expect(it2.seek(ref.t[0])).toBe(true);
      expect(it2.t).toBe(ref.t[j]);
      if (j < 999) {
        expect(it2.next()).toBe(true);
        expect(it2.t).toBe(ref.t[j + 1]);
      }
    }
    const it3 = s.iterator(id);
    expect(it3.seek(ref.t[999] + 1)).toBe(false);
    expect(it3.next()).toBe(false);
  });

  it('chunkReader decodes whole chunks without their stale markers and skips chunks by max time', () => {
    const r = s.chunkReader();
    r.reset(id);
    const outT = new Float64Array(1000);
    const outV = new Float64Array(1000);
    let written = 0;
    let chunks = 0;
    while (!r.done) {
      expect(r.nextMinT).toBe(s.chunksOf(id)[chunks].minT);
      const need = r.nextCount;
      const n = r.decodeNext(outT, outV, null, written);
      expect(n).toBeLessThanOrEqual(need);
      written += n;
      chunks++;
    }
    const live = [...ref.t.keys()].filter((i) => !ref.stale[i]);
    expect(written).toBe(live.length);
    for (let j = 0; j < live.length; j++) {
      if (outT[j] !== ref.t[live[j]] || !Object.is(outV[j], ref.v[live[j]])) throw new Error(`mismatch at ${live[j]}`);
    }
    // Skipping: after skipEndingAtOrBefore(t) the next chunk is the first with maxT > t.
    const cs = s.chunksOf(id);
    for (let k = 0; k < 30; k++) {
      const t = ref.t[Math.floor(rnd() * 1000)] + Math.floor(rnd() * 3) - 1;
      r.reset(id);
      r.skipEndingAtOrBefore(t);
      const want = cs.findIndex((c) => c.maxT > t);
      if (want < 0) expect(r.done).toBe(true);
      else expect(r.nextMinT).toBe(cs[want].minT);
    }
    expect(() => r.reset(-1)).toThrow(RangeError);
  });

  it('chunkReader keeps and flags the stale markers when asked to', () => {
    const r = s.chunkReader();
    r.reset(id);
    const outT = new Float64Array(1000);
    const outV = new Float64Array(1000);
    const outStale = new Uint8Array(1000).fill(7);
    let written = 0;
    while (!r.done) written += r.decodeNext(outT, outV, null, written, outStale);
    expect(written).toBe(1000);
    expect(ref.stale.some((x) => x)).toBe(true);
    for (let i = 0; i < 1000; i++) {
      if (outT[i] !== ref.t[i] || !Object.is(outV[i], ref.v[i]) || outStale[i] !== (ref.stale[i] ? 1 : 0)) throw new Error(`mismatch at ${i}`);
    }
  });
});

describe('Storage with many series in one chunk table', () => {
  it('keeps each series to its own chunks (interleaved appends, varied lengths, empty series)', () => {
    const rnd = prng(777);
    const b = new StorageBuilder();
    const want = new Map<string, { t: number[]; v: number[] }>();
    const lens = [0, 1, 119, 120, 121, 240, 500, 3];
    const refs = lens.map((_, i) => b.seriesRef(labelsFromRecord({ __name__: 's', i: String(i) })));
    lens.forEach((_, i) => want.set(String(i), { t: [], v: [] }));
    for (let step = 0; step < 500; step++) {
      for (let i = 0; i < lens.length; i++) {
        if (step >= lens[i]) continue;
        const t = step * 1000 + i;
        const v = Math.floor(rnd() * 1e6) / 7;
        b.appendRef(refs[i], t, v);
        want.get(String(i))!.t.push(t);
        want.get(String(i))!.v.push(v);
      }
    }
    const s = b.seal();
    expect(s.seriesCount).toBe(lens.length - 1); // the empty series is left out
    expect(s.chunkCount).toBe(lens.reduce((n, l) => n + Math.ceil(l / 120), 0));
    for (let id = 0; id < s.seriesCount; id++) {
      const key = labelsToRecord(s.labels(id)).i;
      const d = s.decode(id, -Infinity, Infinity);
      expect(Array.from(d.t)).toEqual(want.get(key)!.t);
      expect(Array.from(d.v)).toEqual(want.get(key)!.v);
      const it = s.iterator(id);
      let n = 0;
      while (it.next()) expect(it.t).toBe(want.get(key)!.t[n++]);
      expect(n).toBe(want.get(key)!.t.length);
      expect(s.seriesSampleCount(id)).toBe(n);
    }
    expect(() => s.decode(s.seriesCount, 0, 1)).toThrow(RangeError);
    expect(() => s.iterator(-1)).toThrow(RangeError);
  });
});

describe('StorageBuilder', () => {
  const a = labelsFromRecord({ __name__: 'a' });

  it('rejects duplicate and out-of-order timestamps without appending', () => {
    const b = new StorageBuilder();
    b.append(a, 10, 1);
    expect(() => b.append(a, 10, 2)).toThrow(/duplicate sample for timestamp 10/);
    expect(() => b.append(a, 5, 2)).toThrow(/out of order sample 5/);
    expect(() => b.append(a, 11.5, 2)).toThrow(PromQLError);
    const s = b.seal();
    expect(s.sampleCount).toBe(1);
    expect(Array.from(s.decode(0, -Infinity, Infinity).v)).toEqual([1]);
  });

  it('keeps appending after a seal without changing the earlier snapshot', () => {
    const b = new StorageBuilder();
    b.append(a, 1, 1);
    const s1 = b.seal();
    for (let t = 2; t < 300; t++) b.append(a, t, t);
    const s2 = b.seal();
    expect(s1.sampleCount).toBe(1);
    expect(Array.from(s1.decode(0, 0, 1000).t)).toEqual([1]);
    expect(s2.sampleCount).toBe(299);
    expect(s2.decode(0, 0, 1000).v[298]).toBe(299);
  });

  it('interns label strings across series', () => {
    const b = new StorageBuilder();
    b.append(labelsFromRecord({ __name__: 'm', job: 'x'.repeat(3) }), 1, 1);
    b.append(labelsFromRecord({ __name__: 'n', job: ['x', 'x', 'x'].join('') }), 1, 1);
    const s = b.seal();
    expect(s.labels(0)[1].value).toBe(s.labels(1)[1].value);
  });

  it('reports an empty storage as zeros', () => {
    const s = new StorageBuilder().seal();
    expect([s.seriesCount, s.sampleCount, s.chunkBytes, s.minTimeMs, s.maxTimeMs, s.bytesPerSample]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(s.select([m('__name__', '=~', '.+')])).toEqual([]);
  });
});

describe('select (matcher semantics as Prometheus PostingsForMatchers)', () => {
  const b = new StorageBuilder();
  const rows: Record<string, string>[] = [
    { __name__: 'up', job: 'api', instance: 'a:1' },
    { __name__: 'up', job: 'db', instance: 'b:1' },
    { __name__: 'up', job: 'api', instance: 'c:1', env: 'prod' },
    { __name__: 'http_requests_total', job: 'api', code: '200' },
    { __name__: 'http_requests_total', job: 'api', code: '500' },
    { __name__: 'http_requests_total', job: 'API', code: '404' },
    { __name__: 'multi', text: 'line1\nline2' },
    { __name__: 'uni', text: 'ümlaut' },
    { __name__: 'uni', text: '日本' },
    { __name__: 'uni', text: '😀' },
    { __name__: 'uni', text: '\uffff' },
  ];
  // Append out of label order to check that ids come out sorted.
  for (const r of [...rows].reverse()) b.append(labelsFromRecord(r), 0, 1);
  const s = b.seal();

  it('returns series in labels.Compare order', () => {
    const all = s.select([m('__name__', '=~', '.+')]).map((id) => s.labels(id));
    const sorted: Labels[] = [...all].sort((x, y) => {
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        if (x[i].name !== y[i].name) return Buffer.compare(Buffer.from(x[i].name), Buffer.from(y[i].name));
        if (x[i].value !== y[i].value) return Buffer.compare(Buffer.from(x[i].value), Buffer.from(y[i].value));
      }
      return x.length - y.length;
    });
    expect(all).toEqual(sorted);
    expect(all.length).toBe(rows.length);
    // 😀 (U+1F600) sorts after U+FFFF in byte order, though not in UTF-16 order.
    expect(names(s, [m('__name__', '=', 'uni')]).map((r) => r.text)).toEqual(['ümlaut', '日本', '\uffff', '😀']);
  });

  it('equality and inequality', () => {
    expect(names(s, [m('__name__', '=', 'up'), m('job', '=', 'api')]).map((r) => r.instance)).toEqual(['c:1', 'a:1']);
    expect(names(s, [m('__name__', '=', 'up'), m('job', '!=', 'api')]).map((r) => r.instance)).toEqual(['b:1']);
    expect(names(s, [m('__name__', '=', 'nope')])).toEqual([]);
    expect(names(s, [m('__name__', '=', 'up'), m('nolabel', '=', 'x')])).toEqual([]);
    expect(names(s, [m('__name__', '=', 'up'), m('nolabel', '!=', 'x')]).length).toBe(3);
  });

  it('empty-value matchers select by absence/presence', () => {
    expect(names(s, [m('__name__', '=', 'up'), m('env', '=', '')]).map((r) => r.instance)).toEqual(['a:1', 'b:1']);
    expect(names(s, [m('__name__', '=', 'up'), m('env', '!=', '')]).map((r) => r.instance)).toEqual(['c:1']);
    expect(names(s, [m('__name__', '=', 'up'), m('env', '=~', '')]).map((r) => r.instance)).toEqual(['a:1', 'b:1']);
    expect(names(s, [m('__name__', '=', 'up'), m('env', '=~', 'prod|')]).map((r) => r.instance)).toEqual(['c:1', 'a:1', 'b:1']);
    expect(names(s, [m('__name__', '=', 'up'), m('env', '!~', '.+')]).map((r) => r.instance)).toEqual(['a:1', 'b:1']);
    expect(names(s, [m('__name__', '=', 'up'), m('env', '=~', '.*')]).length).toBe(3);
    // Only empty-matching matchers: start from every series.
    expect(names(s, [m('code', '=', '')]).length).toBe(rows.length - 3);
    expect(names(s, [m('env', '!~', 'prod')]).length).toBe(rows.length - 1);
  });

  it('regexes are anchored, case-sensitive unless (?i), and . matches newline', () => {
    expect(names(s, [m('__name__', '=~', 'http_.*'), m('job', '=~', 'api')]).map((r) => r.code)).toEqual(['200', '500']);
    expect(names(s, [m('__name__', '=~', 'http_.*'), m('job', '=~', '(?i)api')]).map((r) => r.code)).toEqual(['200', '404', '500']);
    expect(names(s, [m('__name__', '=~', 'up|multi')]).length).toBe(4);
    expect(names(s, [m('__name__', '=~', '(up|multi)')]).length).toBe(4);
    expect(names(s, [m('__name__', '=~', 'u')])).toEqual([]); // anchored: no partial match
    expect(names(s, [m('__name__', '=~', 'u.')]).length).toBe(3); // 'up'
    expect(names(s, [m('text', '=~', 'line1.line2')]).length).toBe(1);
    expect(names(s, [m('text', '=~', 'line1.*')]).length).toBe(1);
    expect(names(s, [m('__name__', '=', 'multi'), m('text', '!~', 'line1.*')])).toEqual([]);
    expect(names(s, [m('code', '=~', '[45]..')]).map((r) => r.code)).toEqual(['404', '500']);
    expect(names(s, [m('code', '!~', '[45]..'), m('__name__', '=~', 'http.+')]).map((r) => r.code)).toEqual(['200']);
  });

  it('unicode in regexes matches whole code points', () => {
    expect(names(s, [m('text', '=~', '..')]).map((r) => r.text)).toEqual(['日本']);
    expect(names(s, [m('text', '=~', '.')]).map((r) => r.text)).toEqual(['\uffff', '😀']);
    expect(names(s, [m('text', '=~', '(?i)ÜMLAUT')]).map((r) => r.text)).toEqual(['ümlaut']);
    expect(names(s, [m('text', '=~', '日.*')]).map((r) => r.text)).toEqual(['日本']);
  });

  it('metadata for autocomplete', () => {
    expect(s.metricNames()).toEqual(['http_requests_total', 'multi', 'uni', 'up']);
    expect(s.labelNames()).toEqual(['__name__', 'code', 'env', 'instance', 'job', 'text']);
    expect(s.labelValues('job')).toEqual(['API', 'api', 'db']);
    expect(s.labelValues('none')).toEqual([]);
  });

  it('metadata scoped by matchers', () => {
    expect(s.labelNamesFor([m('__name__', '=', 'up')])).toEqual(['__name__', 'env', 'instance', 'job']);
    expect(s.labelValuesFor('job', [m('__name__', '=', 'http_requests_total')])).toEqual(['API', 'api']);
    expect(s.labelValuesFor('code', [m('job', '=', 'api')])).toEqual(['200', '500']);
    expect(s.labelValuesFor('job', [])).toEqual(['API', 'api', 'db']);
    expect(s.labelNamesFor([m('__name__', '=', 'nope')])).toEqual([]);
  });
});

describe('start timestamps', () => {
  it('decodes the ST column across chunks, NaN where a chunk or sample has none', () => {
    const b = new StorageBuilder();
    const ls = labelsFromRecord({ __name__: 'st_series' });
    // 300 samples = chunks of 120, 120, 60; only samples 130…139 have ST (= t − 500).
    for (let i = 0; i < 300; i++) b.append(ls, i * 1000, i, false, i >= 130 && i < 140 ? i * 1000 - 500 : NaN);
    const s = b.seal();
    expect(s.hasStartTimestamps).toBe(true);
    const all = s.decode(0, 0, 299000);
    expect(all.st!.length).toBe(300);
    for (let i = 0; i < 300; i++) {
      if (i >= 130 && i < 140) expect(all.st![i]).toBe(i * 1000 - 500);
      else expect(all.st![i]).toBeNaN();
    }
    // A span inside the first and last chunks has no ST at all.
    expect(s.decode(0, 0, 119000).st ?? null).toBeNull();
    expect(s.decode(0, 250000, 299000).st ?? null).toBeNull();
    // A span that only partly covers the ST samples.
    const part = s.decode(0, 135000, 145000);
    expect(Array.from(part.st!)).toEqual([134500, 135500, 136500, 137500, 138500, NaN, NaN, NaN, NaN, NaN, NaN]);
    // Uncompressed: 8 bytes per sample of the one chunk that has ST.
    const b2 = new StorageBuilder();
    for (let i = 0; i < 300; i++) b2.append(ls, i * 1000, i);
    expect(s.chunkBytes - b2.seal().chunkBytes).toBe(120 * 8);
  });

  it('exposes ST through the iterator across chunks (seek and next)', () => {
    const b = new StorageBuilder();
    const ls = labelsFromRecord({ __name__: 'st_series' });
    for (let i = 0; i < 300; i++) b.append(ls, i * 1000, i, false, i >= 115 && i < 125 ? i * 1000 - 1 : NaN);
    const it = b.seal().iterator(0);
    expect(it.seek(110_000)).toBe(true);
    const got: number[] = [];
    do got.push(it.st!); while (it.t < 126_000 && it.next());
    const want: number[] = [];
    for (let i = 110; i <= 126; i++) want.push(i >= 115 && i < 125 ? i * 1000 - 1 : NaN);
    expect(got).toEqual(want);
    expect(it.seek(250_000)).toBe(true);
    expect(it.st).toBeNaN();
  });

  it('refuses a non-integer start timestamp', () => {
    const b = new StorageBuilder();
    expect(() => b.append(labelsFromRecord({ __name__: 'x' }), 0, 1, false, 0.5)).toThrow(/invalid start timestamp 0.5/);
  });
});
