/** runQuery: parsing, preprocessing, dispatch, errors as data, stats. */
import { describe, expect, it } from 'vitest';
import { runQuery } from './engine.ts';
import { StorageBuilder } from './storage/storage-builder.ts';
import { labelsFromRecord } from './model/labels.ts';

const m = 60_000;
const b = new StorageBuilder();
for (let i = 0; i <= 10; i++) {
  b.append(labelsFromRecord({ __name__: 'req_total', job: 'a' }), i * m, i * 60);
  b.append(labelsFromRecord({ __name__: 'req_total', job: 'b' }), i * m, i * 120);
}
const store = b.seal();

describe('runQuery', () => {
  it('evaluates an instant query and drops the name after rate', () => {
    const r = runQuery(store, { expr: 'sum(rate(req_total[5m]))', startMs: 10 * m, endMs: 10 * m, stepMs: m });
    expect(r.ok).toBe(true);
    if (!r.ok || r.value.kind !== 'vector') throw new Error('expected a vector');
    // 1/s + 2/s.
    expect(r.value.series.map((s) => [s.labels, s.values[0]])).toEqual([[[], 3]]);
    expect(r.stats.evaluator).toBe('naive');
    expect(r.stats.samplesDecoded).toBeGreaterThan(0);
    expect(r.stats.peakTrackedBytes).toBeGreaterThan(0);
    expect(r.stats.nodes.length).toBe(3);
  });

  it('lists the same explain rows for both evaluators, a range function\'s range argument first', () => {
    for (const expr of ['quantile_over_time(0.9, req_total[5m])', 'predict_linear(req_total[5m], 60)', 'clamp(req_total, 0, scalar(req_total))']) {
      const req = { expr, startMs: 0, endMs: 10 * m, stepMs: m };
      const [naive, streaming] = (['naive', 'streaming'] as const).map((evaluator) => runQuery(store, req, { evaluator }));
      if (!naive.ok || !streaming.ok) throw new Error('expected results');
      const rows = (r: typeof naive) => r.stats.nodes.map((n) => `${n.depth} ${n.label}`);
      expect(rows(streaming), expr).toEqual(rows(naive));
    }
    const r = runQuery(store, { expr: 'quantile_over_time(0.9, req_total[5m])', startMs: 0, endMs: 0, stepMs: m }, { evaluator: 'streaming' });
    expect(r.ok && r.stats.nodes.map((n) => n.label)).toEqual(['quantile_over_time(0.9, req_total[5m])', 'req_total[5m]', '0.9']);
  });

  it('marks the streaming rows it does not time on their own (range vectors), and times the rest', () => {
    const req = { expr: 'sum(rate(req_total[5m]))', startMs: 0, endMs: 10 * m, stepMs: m };
    const naive = runQuery(store, req, { evaluator: 'naive' });
    const streaming = runQuery(store, req, { evaluator: 'streaming' });
    if (!naive.ok || !streaming.ok) throw new Error('expected results');
    const rows = (r: typeof naive) => r.stats.nodes.map((n) => [n.label, n.timed]);
    expect(rows(naive)).toEqual([['sum(rate(req_total[5m]))', true], ['rate(req_total[5m])', true], ['req_total[5m]', true]]);
    expect(rows(streaming)).toEqual([['sum(rate(req_total[5m]))', true], ['rate(req_total[5m])', true], ['req_total[5m]', false]]);
    // The function's row includes the untimed selector's decoding.
    expect(streaming.stats.nodes[1].samplesDecoded).toBeGreaterThan(0);
  });

  it('runs range queries on the step grid, sorted by labels', () => {
    const r = runQuery(store, { expr: 'req_total / 60', startMs: 0, endMs: 2 * m, stepMs: m });
    if (!r.ok || r.value.kind !== 'vector') throw new Error('expected a vector');
    expect(Array.from(r.value.timestamps)).toEqual([0, m, 2 * m]);
    expect(r.value.series.map((s) => Array.from(s.values))).toEqual([[0, 1, 2], [0, 2, 4]]);
    expect(r.value.series[0].labels).toEqual(labelsFromRecord({ job: 'a' }));
  });

  it('returns parse errors as data with Prometheus text', () => {
    const r = runQuery(store, { expr: 'sum(', startMs: 0, endMs: 0, stepMs: m });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('parse');
    expect(r.error.message).toMatch(/^1:5: parse error: /);
  });

  it('rejects range queries over range vectors', () => {
    const r = runQuery(store, { expr: 'req_total[5m]', startMs: 0, endMs: 5 * m, stepMs: m });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toBe('invalid expression type "range vector" for range query, must be Scalar or instant Vector');
  });

  it('returns evaluation errors and limits as data', () => {
    const dup = runQuery(store, { expr: 'req_total + on() req_total', startMs: 0, endMs: 0, stepMs: m });
    expect(!dup.ok && dup.error.kind).toBe('eval');
    const lim = runQuery(store, { expr: 'req_total', startMs: 0, endMs: 10 * m, stepMs: m }, { maxSamples: 5 });
    expect(!lim.ok && lim.error.message).toBe('query processing would load too many samples into memory in query execution');
    const mem = runQuery(store, { expr: 'req_total', startMs: 0, endMs: 10 * m, stepMs: m }, { memoryLimitBytes: 100 });
    expect(!mem.ok && mem.error.kind).toBe('limit');
  });

  it('dispatches to the streaming evaluator with the same result', () => {
    const req = { expr: 'max by (job) (req_total) > 100', startMs: 0, endMs: 10 * m, stepMs: m };
    const a = runQuery(store, req, { evaluator: 'naive' });
    const s = runQuery(store, req, { evaluator: 'streaming' });
    if (!a.ok || !s.ok || a.value.kind !== 'vector' || s.value.kind !== 'vector') throw new Error('expected vectors');
    expect(s.stats.evaluator).toBe('streaming');
    expect(s.value.series.map((x) => [x.labels, Array.from(x.present)])).toEqual(a.value.series.map((x) => [x.labels, Array.from(x.present)]));
  });
});
