import { describe, expect, it } from 'vitest';
import { EngineHost, familyName, inferMetricInfo } from './engine-host.ts';

const DATA = `load 1m
  http_requests_total{job="api", code="200"} 0+10x10
  http_requests_total{job="api", code="500"} 0+1x10
  temperature{room="lab"} 20 21 22
`;

describe('EngineHost', () => {
  it('loads a data file and serves metadata and label values from it', () => {
    const host = new EngineHost();
    const r = host.loadDataset({ kind: 'file', name: 'mine.txt', text: DATA });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dataset).toMatchObject({ name: 'mine.txt', seriesCount: 3, sampleCount: 11 + 11 + 3, minTimeMs: 0, maxTimeMs: 600_000 });
    const md = host.metadata();
    expect(md.ok && md.metadata.metricNames).toEqual(['http_requests_total', 'temperature']);
    expect(md.ok && md.metadata.metricInfo.http_requests_total.type).toBe('counter');
    expect(host.labelValues({ labelName: 'code', metricName: 'http_requests_total' })).toEqual({ ok: true, values: ['200', '500'] });
    expect(host.labelValues({ labelName: 'room' })).toEqual({ ok: true, values: ['lab'] });
    expect(host.labelNames('temperature')).toEqual({ ok: true, names: ['__name__', 'room'] });
  });

  it('keeps the current dataset when a file fails, with the line number', () => {
    const host = new EngineHost();
    expect(host.loadDataset({ kind: 'file', name: 'good', text: DATA }).ok).toBe(true);
    const bad = host.loadDataset({ kind: 'file', name: 'bad', text: 'load 1m\n  ok_metric 1 2 3\n  broken{ 1 2\n' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.line).toBe(3);
    expect(bad.error.message).toMatch(/^line 3: /);
    const md = host.metadata();
    expect(md.ok && md.metadata.metricNames).toEqual(['http_requests_total', 'temperature']);
  });

  it('lists and generates sample datasets', () => {
    const host = new EngineHost();
    const list = host.listDatasets();
    expect(list.ok).toBe(true);
    if (!list.ok) return;
    expect(list.datasets.length).toBeGreaterThanOrEqual(4);
    for (const d of list.datasets) {
      expect(d.exampleQueries.length).toBeGreaterThanOrEqual(5);
      expect(d.defaultRange.endMs).toBeGreaterThan(d.defaultRange.startMs);
    }
    const lab = list.datasets.find((d) => d.seriesCount);
    expect(lab?.seriesCount?.min).toBe(1000);
    const r = host.loadDataset({ kind: 'sample', id: list.datasets[0].id });
    expect(r.ok && r.dataset.seriesCount).toBeGreaterThan(100);
  });

  it('runs both evaluators, sends the naive run early, and compares them', () => {
    const host = new EngineHost();
    host.loadDataset({ kind: 'file', name: 'mine', text: DATA });
    const phases: string[] = [];
    let early: unknown = null;
    const { outcome } = host.query({ id: 7, expr: 'sum by (job) (rate(http_requests_total[5m]))', startMs: 300_000, endMs: 600_000, stepMs: 60_000 }, (p, transfer) => {
      phases.push(p.phase);
      if (p.naive) {
        early = p.naive;
        expect(transfer.length).toBeGreaterThan(0);
      }
    });
    expect(phases).toEqual(['naive', 'streaming', 'compare']);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const r = outcome.response;
    expect(r.naiveSentEarly).toBe(true);
    expect(r.naive).toBeNull();
    expect(r.comparison).toEqual({ status: 'identical' });
    const naive = early as { ok: boolean; value: { kind: string; labels: unknown; values: Float64Array; present: Uint8Array } };
    expect(naive.ok).toBe(true);
    expect(naive.value.kind).toBe('vector');
    expect(naive.value.labels).toEqual([[['job', 'api']]]);
    // 11 requests per minute in total: rate = 11/60 per second at every step (hand-computed).
    expect(Array.from(naive.value.present)).toEqual([1, 1, 1, 1, 1, 1]);
    for (const v of naive.value.values) expect(v).toBeCloseTo(11 / 60, 12);
    expect(r.streaming?.ok && r.streaming.stats.seriesOut).toBe(1);
    // Identical, so the streaming value is not sent twice.
    expect(r.streaming?.ok && r.streaming.value).toBeNull();
    const again = host.query({ id: 8, expr: 'sum(http_requests_total)', startMs: 300_000, endMs: 600_000, stepMs: 60_000, sendIdenticalValues: true });
    expect(again.outcome.ok && again.outcome.response.streaming?.ok && again.outcome.response.streaming.value?.kind).toBe('vector');
  });

  it('answers queries without a dataset as data, not exceptions', () => {
    const host = new EngineHost();
    const { outcome } = host.query({ id: 1, expr: 'up', startMs: 0, endMs: 0, stepMs: 1000 });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.response.naive?.ok).toBe(false);
    expect(outcome.response.id).toBe(1);
  });
});

describe('check', () => {
  it('reports parse errors with their range and types valid expressions', () => {
    const host = new EngineHost();
    const bad = host.check('sum(rate(x[5m])');
    expect(bad.ok).toBe(true);
    if (!bad.ok) return;
    expect(bad.diagnostics.length).toBeGreaterThan(0);
    expect(bad.diagnostics[0].severity).toBe('error');
    expect(bad.diagnostics[0].from).toBeGreaterThanOrEqual(0);
    expect(bad.diagnostics[0].to).toBeLessThanOrEqual('sum(rate(x[5m])'.length);
    expect(bad.valueType).toBeNull();
    const good = host.check('rate(x[5m])');
    expect(good).toMatchObject({ ok: true, diagnostics: [], valueType: 'vector' });
    expect(host.check('x[5m]')).toMatchObject({ ok: true, valueType: 'matrix' });
    // A type error: rate() needs a range vector.
    const typeErr = host.check('rate(x)');
    expect(typeErr.ok && typeErr.diagnostics[0].message).toMatch(/range vector/);
  });
});

describe('metric helpers', () => {
  it('infers types from names and maps parts to their family', () => {
    expect(inferMetricInfo('x_total').type).toBe('counter');
    expect(inferMetricInfo('x_bucket').type).toBe('histogram');
    expect(inferMetricInfo('temperature').type).toBe('gauge');
    expect(familyName('http_request_duration_seconds_bucket')).toBe('http_request_duration_seconds');
    expect(familyName('up')).toBe('up');
  });
});
