import { describe, expect, it } from 'vitest';
import { buildStorage, stream, vectorRecord } from '../test-support.ts';
import { runQuery } from '../../engine.ts';

const M = 60_000;
const storage = buildStorage([
  { labels: { __name__: 'h_bucket', job: 'a', le: '1' }, samples: [[0, 2]] },
  { labels: { __name__: 'h_bucket', job: 'a', le: '2' }, samples: [[0, 4]] },
  { labels: { __name__: 'h_bucket', job: 'a', le: '+Inf' }, samples: [[0, 4]] },
  { labels: { __name__: 'g', instance: 'host-1:9090', job: 'a' }, samples: [[0, 3], [M, 7]] },
  { labels: { __name__: 'g', instance: 'host-2:9090', job: 'a' }, samples: [[0, 5], [M, 1]] },
]);

describe('function operators', () => {
  it('histogram_quantile interpolates inside the bucket holding the rank', () => {
    // 4 observations: rank 2 falls in (0, 1] (count 2) → 1; rank 3 in (1, 2] (counts 2 → 4) → 1.5.
    expect(vectorRecord(stream(storage, 'histogram_quantile(0.5, h_bucket)', 0, 0, M).value as never)).toEqual({ '{job=a}': [1] });
    expect(vectorRecord(stream(storage, 'histogram_quantile(0.75, h_bucket)', 0, 0, M).value as never)).toEqual({ '{job=a}': [1.5] });
  });

  it('label_replace rewrites labels and keeps the values', () => {
    const r = vectorRecord(stream(storage, 'label_replace(g, "host", "$1", "instance", "(.*):.*")', 0, 0, M).value as never);
    expect(r).toEqual({
      '{__name__=g,host=host-1,instance=host-1:9090,job=a}': [3],
      '{__name__=g,host=host-2,instance=host-2:9090,job=a}': [5],
    });
    // Dropping the differing label makes both series one label set: an error at a step where both have a value.
    expect(() => stream(storage, 'label_replace(g, "instance", "", "instance", ".*")', 0, 0, M)).toThrow('vector cannot contain metrics with the same labelset');
  });

  it('sort_desc orders an instant result; absent gives the equality-matcher labels', () => {
    const { value } = stream(storage, 'sort_desc(g)', M, M, M);
    if (value.kind !== 'vector') throw new Error('not a vector');
    expect(value.ordered).toBe(true);
    expect(value.series.map((s) => s.values[0])).toEqual([7, 1]);
    expect(vectorRecord(stream(storage, 'absent(nope{job="x", env=~"p.*"})', 0, M, M).value as never)).toEqual({ '{job=x}': [1, 1] });
    expect(vectorRecord(stream(storage, 'absent(g)', 0, M, M).value as never)).toEqual({});
  });

  it('absent stops decoding a selector once every step has a value, with the same answer', () => {
    // g's first series covers both steps, so the second is never decoded.
    for (const [expr, want] of [['absent(g)', 2], ['absent_over_time(g[1m])', 2]] as const) {
      const r = runQuery(storage, { expr, startMs: 0, endMs: M, stepMs: M }, { evaluator: 'streaming' });
      const n = runQuery(storage, { expr, startMs: 0, endMs: M, stepMs: M }, { evaluator: 'naive' });
      if (!r.ok || !n.ok) throw new Error('query failed');
      expect(vectorRecord(r.value as never)).toEqual({});
      expect(vectorRecord(n.value as never)).toEqual({});
      expect(r.stats.samplesDecoded).toBe(want);
      expect(n.stats.samplesDecoded).toBe(4);
    }
  });

  it('counts the samples read, as the naive evaluator does, not the whole chunks decoded around them', () => {
    // 600 samples at 15 s: five chunks; the queries read only a few minutes of them.
    const long = buildStorage([{ labels: { __name__: 'c_total' }, samples: Array.from({ length: 600 }, (_, i) => [i * 15_000, i] as [number, number]) }]);
    for (const [expr, startMs, endMs] of [['c_total', 60 * M, 60 * M], ['rate(c_total[5m])', 60 * M, 60 * M], ['rate(c_total[5m])', 30 * M, 40 * M], ['c_total', 30 * M, 40 * M]] as const) {
      const req = { expr, startMs, endMs, stepMs: M };
      const s = runQuery(long, req, { evaluator: 'streaming' });
      const n = runQuery(long, req, { evaluator: 'naive' });
      if (!s.ok || !n.ok) throw new Error('query failed');
      expect(s.stats.samplesDecoded).toBe(n.stats.samplesDecoded);
    }
    // A 5m lookback (or range) at a 15 s scrape: 20 samples.
    const r = runQuery(long, { expr: 'c_total', startMs: 60 * M, endMs: 60 * M, stepMs: M }, { evaluator: 'streaming' });
    expect(r.ok && r.stats.samplesDecoded).toBe(20);
  });

  it('a step-invariant @ selector is evaluated once and broadcast', () => {
    expect(vectorRecord(stream(storage, 'sum(g @ 60)', 0, 2 * M, M).value as never)).toEqual({ '{}': [8, 8, 8] });
  });

  it('fails with a limit error naming the memory limit', () => {
    const many = buildStorage(Array.from({ length: 50 }, (_, i) => ({ labels: { __name__: 'm', i: String(i) }, samples: [[0, i]] as [number, number][] })));
    const r = runQuery(many, { expr: 'sum(m)', startMs: 0, endMs: 10 * M, stepMs: 15_000 }, { evaluator: 'streaming', memoryLimitBytes: 2000 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('limit');
    expect(r.error.message).toMatch(/query would use more than 2000 bytes of tracked memory/);
  });
});
