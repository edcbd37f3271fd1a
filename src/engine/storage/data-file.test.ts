import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PromQLError } from '../model/errors.ts';
import { detectDataFileFormat, loadDataFile } from './data-file.ts';
import { loadApiJson } from './api-json.ts';
import { labelsEqual } from '../model/labels.ts';
import { newMatcher } from '../model/matcher.ts';

describe('loadDataFile', () => {
  it('detects the format by content', () => {
    expect(detectDataFileFormat('# c\nload 5m\n  a 1')).toBe('load');
    expect(detectDataFileFormat('a 1 2\n# EOF\n')).toBe('openmetrics');
    expect(detectDataFileFormat('a 1 2\n')).toBe('prometheus');
    expect(detectDataFileFormat('loadavg 1 2\n')).toBe('prometheus');
  });

  it('summarizes a load-notation file', () => {
    const { storage, summary } = loadDataFile('load 1m\n  a{x="1"} 0+1x119\n  a{x="2"} 1 2 3\n  h {{count:1}}\n', 'demo');
    expect(summary).toMatchObject({ name: 'demo', format: 'load', series: 2, samples: 123, chunks: 2, minTimeMs: 0, maxTimeMs: 119 * 60000 });
    expect(summary.histogramSeries.length).toBe(1);
    expect(summary.bytesPerSample).toBeCloseTo(storage.chunkBytes / 123, 10);
    expect(summary.bytesPerSample).toBeLessThan(2);
  });

  it('ignores a UTF-8 byte-order mark', () => {
    expect(loadDataFile('\ufeffa 1 10\n').summary).toMatchObject({ format: 'prometheus', series: 1 });
    expect(loadDataFile('\ufeffload 1m\n a 1\n').summary).toMatchObject({ format: 'load', series: 1 });
  });

  it('summarizes exposition files', () => {
    const om = loadDataFile('a 1 10\na 2 20.5\n# EOF\n').summary;
    expect(om).toMatchObject({ format: 'openmetrics', series: 1, samples: 2, minTimeMs: 10000, maxTimeMs: 20500 });
    expect(om.name).toBeUndefined();
    const prom = loadDataFile('a 1 10\nb 2 20\n').summary;
    expect(prom).toMatchObject({ format: 'prometheus', series: 2, samples: 2, minTimeMs: 10, maxTimeMs: 20 });
  });

  it('throws line-numbered bad_data errors and returns nothing', () => {
    expect(() => loadDataFile('load 1m\n a 1\n\nb 2 3\n')).toThrow(PromQLError);
    expect(() => loadDataFile('load 1m\n a 1\n\nb 2 3\n')).toThrow(/^line 4: expected "load <interval>"/);
    expect(() => loadDataFile('a 1 10\na 1 10\n')).toThrow(/^line 2: duplicate sample/);
  });
});

describe('loadDataFile (more formats)', () => {
  it('detects and loads promtool tsdb dump output with Go-quoted values', () => {
    const dump = '{__name__="up", instance="a\\tb", job="x"} 1 1700000000000\n{__name__="up", instance="a\\tb", job="x"} 1e+06 1700000015000\n';
    const { storage, summary } = loadDataFile(dump);
    expect(summary.format).toBe('promtool-dump');
    expect(storage.labels(0).find((l) => l.name === 'instance')!.value).toBe('a\tb');
    expect(storage.decode(0, 0, Infinity).v[1]).toBe(1e6);
  });

  it('detects API JSON but not exposition lines that start with a quoted name', () => {
    expect(detectDataFileFormat('{"status":"success","data":{"resultType":"matrix","result":[]}}')).toBe('api-json');
    expect(detectDataFileFormat('{"my.metric"} 1 2\n')).toBe('promtool-dump');
    expect(loadDataFile('{"my.metric"} 1 2\n').storage.metricNames()).toEqual(['my.metric']);
    expect(loadDataFile('[{"metric":{"__name__":"x"},"values":[[1,"1"]]}]').summary).toMatchObject({ format: 'api-json', samples: 1 });
  });
});

describe('oracle example data (counts as real Prometheus loaded them)', () => {
  const dir = '/work/shared/oracle/examples';
  const cases: [string, string][] = [
    ['data.om', 'results.json'],
    ['stale.prom', 'stale-results.json'],
    ['v2-probes.om', 'v2-probes-results.json'],
  ];
  for (const [data, results] of cases) {
    it.skipIf(!existsSync(`${dir}/${data}`))(`${data} has the series and sample counts Prometheus reported`, () => {
      const meta = (JSON.parse(readFileSync(`${dir}/${results}`, 'utf8')) as { meta: { series: number; samples: number } }).meta;
      const { summary } = loadDataFile(readFileSync(`${dir}/${data}`, 'utf8'), data);
      expect({ series: summary.series, samples: summary.samples }).toEqual({ series: meta.series, samples: meta.samples });
    });
  }
});

describe('raw samples as real Prometheus 2.42 returned them (oracle results)', () => {
  const dir = '/work/shared/oracle/examples';
  // [data file, results file, query id, range ms]; 2.42 windows are closed at both ends, as decode().
  const cases: [string, string, string, number][] = [
    ['data.om', 'results.json', 'raw-range-vector', 60_000],
    ['stale.prom', 'stale-results.json', 'raw-samples', 300_000],
  ];
  for (const [data, results, id, rangeMs] of cases) {
    it.skipIf(!existsSync(`${dir}/${results}`))(`${data}: ${id} equals select + decode minus stale markers`, () => {
      const all = (JSON.parse(readFileSync(`${dir}/${results}`, 'utf8')) as { results: { id: string; params: { time: string }; data: unknown }[] }).results;
      const r = all.find((x) => x.id === id)!;
      const evalMs = Number(r.params.time) * 1000;
      // The oracle's answer, read with our own API-JSON loader.
      const want = loadApiJson(JSON.stringify(r.data)).storage;
      const got = loadDataFile(readFileSync(`${dir}/${data}`, 'utf8')).storage;
      expect(want.seriesCount).toBeGreaterThan(0);
      for (let w = 0; w < want.seriesCount; w++) {
        const ls = want.labels(w);
        const ids = got.select(ls.map((l) => newMatcher('=', l.name, l.value))).filter((x) => labelsEqual(got.labels(x), ls));
        expect(ids.length).toBe(1);
        const d = got.decode(ids[0], evalMs - rangeMs, evalMs);
        const t: number[] = [];
        const v: number[] = [];
        for (let i = 0; i < d.t.length; i++) {
          if (d.stale?.[i]) continue;
          t.push(d.t[i]);
          v.push(d.v[i]);
        }
        const e = want.decode(w, -Infinity, Infinity);
        expect(t).toEqual(Array.from(e.t));
        expect(v).toEqual(Array.from(e.v));
      }
    });
  }
});
