import { describe, expect, it } from 'vitest';
import { buildStorage, stream, vectorRecord } from '../test-support.ts';
import { runQuery } from '../../engine.ts';

const M = 60_000;
const storage = buildStorage([
  { labels: { __name__: 'x', job: 'a', i: '1' }, samples: [[0, 1], [M, 2]] },
  { labels: { __name__: 'x', job: 'b', i: '1' }, samples: [[0, 10]] },
  { labels: { __name__: 'x', job: 'a', i: '2' }, samples: [[0, 3], [M, 6]] },
  { labels: { __name__: 'x', job: 'b', i: '2' }, samples: [[0, 10], [M, 30]] },
]);

describe('aggregations', () => {
  it('sum/avg/count/max by group, per step', () => {
    // x{job="b",i="1"} has no sample at 1m, but its 10 at 0 is still within the 5m lookback.
    expect(vectorRecord(stream(storage, 'sum by (job) (x)', 0, M, M).value as never)).toEqual({ '{job=a}': [4, 8], '{job=b}': [20, 40] });
    expect(vectorRecord(stream(storage, 'avg without (i) (x)', 0, M, M).value as never)).toEqual({ '{job=a}': [2, 4], '{job=b}': [10, 20] });
    expect(vectorRecord(stream(storage, 'count(x)', 0, M, M).value as never)).toEqual({ '{}': [4, 4] });
    expect(vectorRecord(stream(storage, 'max by (i) (x)', 0, M, M).value as never)).toEqual({ '{i=1}': [10, 10], '{i=2}': [10, 30] });
    // Offset 1m: at 1m the data of 0 are seen; at 0 nothing (no sample at or before −1m).
    expect(vectorRecord(stream(storage, 'sum(x offset 1m)', 0, M, M).value as never)).toEqual({ '{}': [undefined, 24] });
  });

  it('stddev and quantile', () => {
    // Values at 0: 1, 10, 3, 10 → mean 6, variance (25 + 16 + 9 + 16) / 4 = 16.5.
    expect(vectorRecord(stream(storage, 'stdvar(x)', 0, 0, M).value as never)).toEqual({ '{}': [16.5] });
    // Sorted 1, 3, 10, 10: rank 0.5 · 3 = 1.5 → 3 + 0.5 · 7 = 6.5.
    expect(vectorRecord(stream(storage, 'quantile(0.5, x)', 0, 0, M).value as never)).toEqual({ '{}': [6.5] });
  });

  it('topk keeps the input labels and, in an instant query, the selection order', () => {
    const { value } = stream(storage, 'topk(2, x)', 0, 0, M);
    expect(value.kind === 'vector' && value.ordered).toBe(true);
    if (value.kind !== 'vector') return;
    expect(value.series.map((s) => s.values[0])).toEqual([10, 10]);
    const range = vectorRecord(stream(storage, 'bottomk(1, x)', 0, M, M).value as never);
    expect(range).toEqual({ '{__name__=x,i=1,job=a}': [1, 2] });
  });

  it('in an instant query, a group takes its place at its first member with a value (topk ties see that order)', () => {
    // The first series in label order, y{env="dev",job="web"}, has no sample in the
    // lookback window at 6m; Prometheus never sees it, so group api comes before web.
    const s = buildStorage([
      { labels: { __name__: 'y', job: 'web', env: 'dev' }, samples: [[0, 1]] },
      { labels: { __name__: 'y', job: 'api' }, samples: [[2 * M, 1]] },
      { labels: { __name__: 'y', job: 'web' }, samples: [[2 * M, 1]] },
    ]);
    for (const evaluator of ['naive', 'streaming'] as const) {
      // Every group's quantile is +Inf (φ > 1): a tie that topk breaks by group order.
      const r = runQuery(s, { expr: 'topk(1, quantile by (job) (1.2, y))', startMs: 6 * M, endMs: 6 * M, stepMs: M }, { evaluator });
      if (!r.ok || r.value.kind !== 'vector') throw new Error(`${evaluator} failed`);
      expect(r.value.series.map((x) => x.labels.map((l) => `${l.name}=${l.value}`).join(','))).toEqual(['job=api']);
    }
  });

  it('count_values labels each distinct value', () => {
    expect(vectorRecord(stream(storage, 'count_values("v", x)', 0, 0, M).value as never)).toEqual({ '{v=1}': [1], '{v=10}': [2], '{v=3}': [1] });
  });

  it('topk over a group larger than k gives the naive selection, ties and NaN included, holding only current selections', () => {
    // 400 series over 60 steps; series i peaks at the step i mod 60 and ties elsewhere, so
    // every step has its own winners and many equal values (ties are broken by the heap).
    const ties = buildStorage(Array.from({ length: 400 }, (_, i) => ({
      labels: { __name__: 'z', i: String(i), job: i % 2 === 0 ? 'even' : 'odd' },
      samples: Array.from({ length: 60 }, (_, t) => [t * M, t === i % 60 ? 1000 + i : t % 7 === 0 ? NaN : (i * t) % 5] as [number, number]),
    })));
    // The same shape where the same few series win at every step (as with real counters).
    const stable = buildStorage(Array.from({ length: 400 }, (_, i) => ({
      labels: { __name__: 'z', i: String(i), job: i % 2 === 0 ? 'even' : 'odd' },
      samples: Array.from({ length: 60 }, (_, t) => [t * M, i + (t % 3) / 10] as [number, number]),
    })));
    const run = (data: typeof ties, expr: string) => {
      const [n, st] = (['naive', 'streaming'] as const).map((evaluator) => runQuery(data, { expr, startMs: 0, endMs: 59 * M, stepMs: M }, { evaluator }));
      if (!n.ok || !st.ok) throw new Error(`${expr} failed`);
      expect(vectorRecord(st.value as never), expr).toEqual(vectorRecord(n.value as never));
      return [n.stats.peakTrackedBytes, st.stats.peakTrackedBytes];
    };
    for (const expr of ['topk(3, z)', 'bottomk by (job) (2, z)', 'limitk(2, z)', 'topk by (job) (1, z)']) run(ties, expr);
    for (const expr of ['topk(3, z)', 'bottomk by (job) (2, z)', 'limitk(2, z)']) {
      const [naive, streaming] = run(stable, expr);
      // The naive evaluator holds all 400 input series; the streaming one, the few selected.
      expect(streaming, expr).toBeLessThan(naive * 0.3);
    }
  });
});
