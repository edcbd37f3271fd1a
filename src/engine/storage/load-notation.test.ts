import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatLabels, labelsEqual, labelsFromRecord, labelsKey, labelsToRecord } from '../model/labels.ts';
import { parseSeriesDescription } from '../parser/series-description.ts';
import { newMatcher } from '../model/matcher.ts';
import { appendLoadBlock, loadNotation, parseLoadHeader } from './load-notation.ts';
import { StorageBuilder } from './storage-builder.ts';
import type { Storage } from './storage.ts';
import { expectLoadError } from './expect-load-error.ts';

function samplesOf(s: Storage, name: string, extra: Record<string, string> = {}): { t: number[]; v: number[]; stale: number[] } {
  const ms = [newMatcher('=', '__name__', name), ...Object.entries(extra).map(([k, v]) => newMatcher('=', k, v))];
  const ids = s.select(ms);
  expect(ids.length).toBe(1);
  const d = s.decode(ids[0], -Infinity, Infinity);
  const stale: number[] = [];
  if (d.stale) d.stale.forEach((x, i) => x && stale.push(i));
  return { t: Array.from(d.t), v: Array.from(d.v), stale };
}

describe('parseLoadHeader', () => {
  it('parses intervals with model.ParseDuration', () => {
    expect(parseLoadHeader('load 5m', 1)).toEqual({ intervalMs: 300000, withNhcb: false });
    expect(parseLoadHeader('load 1m30s', 1).intervalMs).toBe(90000);
    expect(parseLoadHeader('load 10s53ms', 1).intervalMs).toBe(10053);
    expect(parseLoadHeader('load_with_nhcb 1m', 1)).toEqual({ intervalMs: 60000, withNhcb: true });
  });
  it('reports bad headers with their line', () => {
    expectLoadError(() => parseLoadHeader('load 5x', 7), /^line 7: invalid load interval "5x"/);
    expectLoadError(() => parseLoadHeader('load 1.5m', 3), /^line 3: invalid load interval/);
    expectLoadError(() => parseLoadHeader('load', 2), /^line 2: invalid load command/);
  });
});

describe('appendLoadBlock', () => {
  it('expands series notation with slot times i × interval', () => {
    const b = new StorageBuilder();
    const r = appendLoadBlock(b, 60000, [
      { text: 'a{job="x"} 0+10x3 _ stale 7', line: 2 },
      { text: 'b 1 _x2 NaN -Inf 5-2x2', line: 3 },
    ]);
    expect(r).toEqual({ seriesCount: 2, sampleCount: 12, histogramSeries: [], startTimestampLines: 0 });
    const s = b.seal();
    const a = samplesOf(s, 'a', { job: 'x' });
    expect(a.t).toEqual([0, 60000, 120000, 180000, 300000, 360000]);
    expect(a.v.slice(0, 4)).toEqual([0, 10, 20, 30]);
    expect(Number.isNaN(a.v[4])).toBe(true);
    expect(a.v[5]).toBe(7);
    expect(a.stale).toEqual([4]);
    const bs = samplesOf(s, 'b');
    expect(bs.t).toEqual([0, 180000, 240000, 300000, 360000, 420000]);
    expect(bs.v[0]).toBe(1);
    expect(Number.isNaN(bs.v[1])).toBe(true);
    expect(bs.v.slice(2)).toEqual([-Infinity, 5, 3, 1]);
    expect(bs.stale).toEqual([]); // a loaded NaN is not a stale marker
  });

  it('lets a later line with the same labels replace the earlier one within a block', () => {
    const b = new StorageBuilder();
    appendLoadBlock(b, 1000, [
      { text: 'm{a="1"} 1 2 3', line: 1 },
      { text: 'm{a="1"} 9', line: 2 },
    ]);
    expect(samplesOf(b.seal(), 'm').v).toEqual([9]);
  });

  it('appends later blocks to the same series when they are later in time', () => {
    const b = new StorageBuilder();
    appendLoadBlock(b, 1000, [{ text: 'm 1 2', line: 1 }]);
    appendLoadBlock(b, 1000, [{ text: 'm _ _ 3 4', line: 4 }]);
    expect(samplesOf(b.seal(), 'm')).toEqual({ t: [0, 1000, 2000, 3000], v: [1, 2, 3, 4], stale: [] });
  });

  it('rejects overlapping blocks without changing the builder', () => {
    const b = new StorageBuilder();
    appendLoadBlock(b, 1000, [{ text: 'm 1 2', line: 1 }]);
    expectLoadError(
      () => appendLoadBlock(b, 1000, [
        { text: 'other 5 6', line: 4 },
        { text: 'm _ 3', line: 5 },
      ]),
      /^line 5: duplicate sample for timestamp 1000 for series m/,
    );
    expectLoadError(() => appendLoadBlock(b, 500, [{ text: 'm 3', line: 9 }]), /^line 9: out of order sample 0/);
    const s = b.seal();
    expect(s.seriesCount).toBe(1);
    expect(s.sampleCount).toBe(2);
  });

  it('reports series-line syntax errors with line and column', () => {
    const b = new StorageBuilder();
    expectLoadError(() => appendLoadBlock(b, 1000, [{ text: 'm 1', line: 1 }, { text: 'm{a="b" 1 2', line: 12 }]), /^line 12: /);
    expectLoadError(() => appendLoadBlock(b, 1000, [{ text: 'm 1 foo', line: 3 }]), /^line 3: col \d+: parse error/);
    expect(b.seriesCount).toBe(0);
  });

  it('flags series with native histogram values and stores only their floats', () => {
    const b = new StorageBuilder();
    const r = appendLoadBlock(b, 1000, [
      { text: 'h {{schema:0 sum:1 count:1}} {{count:2}}', line: 1 },
      { text: 'f 1', line: 2 },
    ]);
    expect(r.histogramSeries.map(labelsToRecord)).toEqual([{ __name__: 'h' }]);
    expect(r.sampleCount).toBe(1);
    expect(b.seal().seriesCount).toBe(1);
  });

  it('attaches @st lines to the following series line (ST = sample time + offset)', () => {
    const b = new StorageBuilder();
    const r = appendLoadBlock(b, 60000, [
      // Slots 2, 3, 4 at 120 s, 180 s, 240 s; offsets −30 s, −90 s, −150 s → ST 90 s each.
      { text: 'cumulative{type="x"}@st _ _ -30s-1mx2', line: 1 },
      { text: 'cumulative{type="x"} _ _ 1 2 3', line: 2 },
      { text: 'plain 1 2', line: 3 },
    ]);
    expect(r.startTimestampLines).toBe(1);
    const s = b.seal();
    const ids = s.select([newMatcher('=', '__name__', 'cumulative')]);
    const d = s.decode(ids[0], -Infinity, Infinity);
    expect(Array.from(d.t)).toEqual([120000, 180000, 240000]);
    expect(Array.from(d.st!)).toEqual([90000, 90000, 90000]);
    const plain = s.decode(s.select([newMatcher('=', '__name__', 'plain')])[0], -Infinity, Infinity);
    expect(plain.st ?? null).toBeNull();
  });

  it('keeps slots without ST as NaN and reads every item form', () => {
    const b = new StorageBuilder();
    appendLoadBlock(b, 10000, [
      // slot: 0   1    2  3  4      5      6 7 8 9
      { text: 's@st _ 1ms _x1 0 -1s+1sx1 _x2 +2sx1', line: 1 },
      { text: 's    1 2   3   4 5      6 7   8 9 10', line: 2 },
    ]);
    const s = b.seal();
    const d = s.decode(0, -Infinity, Infinity);
    const st = Array.from(d.st!);
    // ST = 10 s × slot + offset.
    expect(st).toEqual([NaN, 10001, NaN, 30000, 39000, 50000, NaN, NaN, 82000, 92000]);
    // The iterator exposes the same column.
    const it = s.iterator(0);
    const seen: number[] = [];
    if (it.seek(0)) do seen.push(it.st!); while (it.next());
    expect(seen).toEqual(st);
  });

  it('refuses @st lines that do not fit the next series line', () => {
    const b = new StorageBuilder();
    expectLoadError(() => appendLoadBlock(b, 1000, [{ text: 'a@st -1s', line: 4 }]), /^line 4: @st line has no following sample line$/);
    expectLoadError(
      () => appendLoadBlock(b, 1000, [{ text: 'a@st -1s', line: 4 }, { text: 'b@st -1s', line: 5 }, { text: 'b 1', line: 6 }]),
      /^line 4: @st line has no following sample line$/,
    );
    expectLoadError(
      () => appendLoadBlock(b, 1000, [{ text: 'a{x="1"}@st -1s', line: 2 }, { text: 'a{x="2"} 1', line: 3 }]),
      /^line 2: @st metric does not match the following sample line metric$/,
    );
    expectLoadError(
      () => appendLoadBlock(b, 1000, [{ text: 'a@st -1sx2', line: 2 }, { text: 'a 1 2', line: 3 }]),
      /^line 2: @st line has 3 values but sample line has 2$/,
    );
    expectLoadError(() => appendLoadBlock(b, 1000, [{ text: 'a@st 5y-', line: 1 }, { text: 'a 1', line: 2 }]), /^line 1: invalid @st sequence: invalid ST item "5y-"/);
    expect(b.seal().seriesCount).toBe(0);
  });

  it('loads the start_timestamps.test ST lines (gcp delta: ST = T − 59.999 s)', () => {
    const r = loadNotation(['load 1m', '    delta{type="gcp"}@st  _ _ -59999msx2', '    delta{type="gcp"}     _ _ 60x2'].join('\n'));
    expect(r.startTimestampLines).toBe(1);
    const d = r.storage.decode(0, -Infinity, Infinity);
    expect(Array.from(d.t)).toEqual([120000, 180000, 240000]);
    expect(Array.from(d.st!)).toEqual([60001, 120001, 180001]);
  });
});

describe('loadNotation (whole files)', () => {
  it('reads several blocks with comments and blank lines', () => {
    const text = [
      '# a data file',
      'load 5m',
      '  http_requests{job="api", instance="0"} 0+10x10',
      '  http_requests{job="api", instance="1"} 0+20x10',
      '',
      '# later',
      'load 1m',
      '\tother 1 2 3',
    ].join('\n');
    const r = loadNotation(text);
    expect(r.blocks).toBe(2);
    expect(r.storage.seriesCount).toBe(3);
    expect(r.storage.sampleCount).toBe(25);
    expect(r.storage.maxTimeMs).toBe(3000000);
    expect(samplesOf(r.storage, 'http_requests', { instance: '1' }).v[10]).toBe(200);
    expect(r.storage.labels(0)).toEqual(labelsFromRecord({ __name__: 'http_requests', job: 'api', instance: '0' }));
  });

  it('reports every error with its line number', () => {
    expectLoadError(() => loadNotation('load 5m\n  a 1\n\neval instant at 0 a\n'), /^line 4: expected "load <interval>", got "eval instant at 0 a"/);
    expectLoadError(() => loadNotation('\n\nload 5q\n  a 1'), /^line 3: invalid load interval/);
    expectLoadError(() => loadNotation('load 5m\n\n'), /^line 1: load block has no series lines/);
    expectLoadError(() => loadNotation('load 5m\n a 1\n b 2 x\n'), /^line 3: /);
    expectLoadError(() => loadNotation('load 5m\n a 1 2\n\nload 5m\n a 3'), /^line 5: out of order sample 0 for series a \(last sample at 300000\)$/);
    expectLoadError(() => loadNotation('load_with_nhcb 5m\n a_bucket{le="1"} 1'), /^line 1: load_with_nhcb is not supported/);
  });
});

describe('the upstream promqltest corpus', () => {
  const dir = '/work/shared/promqltest/testdata';
  it.skipIf(!existsSync(dir))('loads every load block, and stores exactly the parsed float samples', () => {
    let blocks = 0;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.test'))) {
      const lines = readFileSync(`${dir}/${f}`, 'utf8').split('\n');
      let cumulative = new StorageBuilder();
      let since = 0;
      for (let i = 0; i < lines.length; i++) {
        const head = lines[i].trim();
        if (head === 'clear') {
          cumulative = new StorageBuilder();
          since = 0;
          continue;
        }
        if (!head.startsWith('load')) continue;
        const { intervalMs } = parseLoadHeader(head, i + 1);
        const block: { text: string; line: number }[] = [];
        let j = i + 1;
        for (; j < lines.length && lines[j].trim() !== '' && !lines[j].trim().startsWith('#'); j++) block.push({ text: lines[j], line: j + 1 });
        i = j;
        // Across blocks (until `clear`) the builder accumulates, as Prometheus's storage does.
        since += appendLoadBlock(cumulative, intervalMs, block).sampleCount;
        expect(cumulative.sampleCount, `${f}:${i}`).toBe(since);
        // Per block: decoded samples equal the series-description expansion.
        const fresh = new StorageBuilder();
        appendLoadBlock(fresh, intervalMs, block);
        const s = fresh.seal();
        // The last line per label set wins within a block.
        const winners = new Map<string, ReturnType<typeof parseSeriesDescription>>();
        for (const { text } of block) {
          if (/@st$/.test(text.trim().split(/\s/)[0])) continue;
          const parsed = parseSeriesDescription(text.trim());
          winners.set(labelsKey(parsed.labels), parsed);
        }
        for (const [, d] of winners) {
          const text = formatLabels(d.labels);
          const ids = s.select(d.labels.map((l) => newMatcher('=', l.name, l.value)));
          const id = ids.find((x) => labelsEqual(s.labels(x), d.labels));
          const wantT: number[] = [];
          const wantV: number[] = [];
          const wantStale: number[] = [];
          d.values.forEach((item, k) => {
            if (item.kind === 'value' || item.kind === 'stale') {
              wantT.push(k * intervalMs);
              wantV.push(item.kind === 'value' ? item.v : NaN);
              wantStale.push(item.kind === 'stale' ? 1 : 0);
            }
          });
          if (id === undefined) {
            expect(wantT.length, `${f}: ${text}`).toBe(0);
            continue;
          }
          const got = s.decode(id, -Infinity, Infinity);
          expect(Array.from(got.t), `${f}: ${text}`).toEqual(wantT);
          for (let k = 0; k < wantV.length; k++) {
            if (!Object.is(got.v[k], wantV[k])) throw new Error(`${f}: ${text}: sample ${k} is ${got.v[k]}, want ${wantV[k]}`);
            if ((got.stale?.[k] ?? 0) !== wantStale[k]) throw new Error(`${f}: ${text}: stale flag of sample ${k}`);
          }
        }
        blocks++;
      }
    }
    expect(blocks).toBeGreaterThan(300);
  });
});
