/**
 * Peak samples held, compared with the PeakSamples figures of Prometheus's
 * TestQueryStatistics (promql/engine_test.go) for its float series: one series with a
 * sample every 10s (values 1, 2, …) and three such series, over 0s..1000s.
 */
import { describe, expect, it } from 'vitest';
import { StorageBuilder } from '../storage/storage-builder.ts';
import { labelsFromRecord } from '../model/labels.ts';
import { runQuery } from '../engine.ts';

const b = new StorageBuilder();
for (let i = 0; i <= 100; i++) {
  b.append(labelsFromRecord({ __name__: 'metricWith1SampleEvery10Seconds' }), i * 10_000, 1 + i);
  for (const [a, bb] of [['1', '1'], ['2', '2'], ['3', '2']]) {
    b.append(labelsFromRecord({ __name__: 'metricWith3SampleEvery10Seconds', a, b: bb }), i * 10_000, 1 + i);
  }
}
const store = b.seal();

/** [query, start s, end s, step s, Prometheus's PeakSamples]. */
const CASES: [string, number, number, number, number][] = [
  ["\"literal string\"", 21, 21, 1, 0],
  ["1", 21, 21, 1, 1],
  ["metricWith1SampleEvery10Seconds", 21, 21, 1, 1],
  ["timestamp(metricWith1SampleEvery10Seconds)", 21, 21, 1, 2],
  ["metricWith1SampleEvery10Seconds", 22, 22, 1, 1],
  ["metricWith1SampleEvery10Seconds offset 10s", 21, 21, 1, 1],
  ["metricWith1SampleEvery10Seconds @ 15", 21, 21, 1, 1],
  ["metricWith3SampleEvery10Seconds{a=\"1\"}", 21, 21, 1, 1],
  ["metricWith3SampleEvery10Seconds{a=\"1\"} @ 19", 21, 21, 1, 1],
  ["metricWith3SampleEvery10Seconds{a=\"1\"}[20s] @ 19", 21, 21, 1, 2],
  ["metricWith3SampleEvery10Seconds", 21, 21, 1, 3],
  ["metricWith1SampleEvery10Seconds[60s]", 201, 201, 1, 6],
  ["max_over_time(metricWith1SampleEvery10Seconds[60s])[20s:5s]", 201, 201, 1, 10],
  ["max_over_time(metricWith1SampleEvery10Seconds[61s])[20s:5s]", 201, 201, 1, 11],
  ["metricWith1SampleEvery10Seconds[60s] @ 30", 201, 201, 1, 4],
  ["sum(max_over_time(metricWith3SampleEvery10Seconds[60s] @ 30))", 201, 201, 1, 7],
  ["sum by (b) (max_over_time(metricWith3SampleEvery10Seconds[60s] @ 30))", 201, 201, 1, 7],
  ["metricWith1SampleEvery10Seconds[60s] offset 10s", 201, 201, 1, 6],
  ["metricWith3SampleEvery10Seconds[60s]", 201, 201, 1, 18],
  ["max_over_time(metricWith1SampleEvery10Seconds[60s])", 201, 201, 1, 7],
  ["absent_over_time(metricWith1SampleEvery10Seconds[60s])", 201, 201, 1, 7],
  ["max_over_time(metricWith3SampleEvery10Seconds[60s])", 201, 201, 1, 9],
  ["metricWith1SampleEvery10Seconds[60s:5s]", 201, 201, 1, 12],
  ["metricWith1SampleEvery10Seconds[60s:5s] offset 10s", 201, 201, 1, 12],
  ["max_over_time(metricWith3SampleEvery10Seconds[60s:5s])", 201, 201, 1, 51],
  ["sum(max_over_time(metricWith3SampleEvery10Seconds[60s:5s])) + sum(max_over_time(metricWith3SampleEvery10Seconds[60s:5s]))", 201, 201, 1, 52],
  ["metricWith3SampleEvery10Seconds{a=\"1\"}", 201, 220, 5, 4],
  ["metricWith3SampleEvery10Seconds{a=\"1\"}", 204, 223, 5, 4],
  ["timestamp(metricWith1SampleEvery10Seconds)", 201, 220, 5, 5],
  ["max_over_time(metricWith3SampleEvery10Seconds{a=\"1\"}[10s])", 991, 1021, 10, 2],
  ["metricWith3SampleEvery10Seconds{a=\"1\"} offset 10s", 201, 220, 5, 4],
  ["max_over_time(metricWith3SampleEvery10Seconds[60s] @ 30)", 201, 220, 5, 12],
  ["metricWith3SampleEvery10Seconds", 201, 220, 5, 12],
  ["max_over_time(metricWith3SampleEvery10Seconds[60s])", 201, 220, 5, 18],
  ["max_over_time(metricWith3SampleEvery10Seconds[60s:5s])", 201, 216, 5, 69],
  ["max_over_time(metricWith3SampleEvery10Seconds[60s:5s])", 201, 220, 5, 69],
  ["max_over_time(metricWith1SampleEvery10Seconds[60s:5s])", 201, 220, 5, 31],
  ["sum by (b) (max_over_time(metricWith1SampleEvery10Seconds[60s:5s]))", 201, 220, 5, 31],
  ["sum(max_over_time(metricWith3SampleEvery10Seconds[60s:5s])) + sum(max_over_time(metricWith3SampleEvery10Seconds[60s:5s]))", 201, 220, 5, 73],
  ["sum(max_over_time(metricWith3SampleEvery10Seconds[60s:5s])) + sum(max_over_time(metricWith1SampleEvery10Seconds[60s:5s]))", 201, 216, 5, 69],
  ["sum(max_over_time(metricWith3SampleEvery10Seconds[60s:5s])) + sum(max_over_time(metricWith1SampleEvery10Seconds[60s:5s]))", 201, 220, 5, 69],
  ["max_over_time(metricWith1SampleEvery10Seconds[20s:10s])", 201, 201, 1, 5],
  ["sum_over_time(metricWith1SampleEvery10Seconds[30s:30s])", 90, 90, 1, 3],
  ["max_over_time(metricWith1SampleEvery10Seconds[30s:2m])", 240, 240, 1, 3],
  ["max_over_time(metricWith1SampleEvery10Seconds[30s:10s])", 201, 231, 30, 11],
  ["max_over_time(metricWith1SampleEvery10Seconds[20s:10s])", 201, 261, 10, 17],
  ["max_over_time(metricWith1SampleEvery10Seconds[30s:10s])", 201, 261, 60, 14],
  ["max_over_time(metricWith3SampleEvery10Seconds[60s:10s])", 200, 400, 30, 99],
  ["predict_linear(metricWith1SampleEvery10Seconds[60s] @ 100, 60)", 100, 300, 100, 12],
  ["sum_over_time(metricWith3SampleEvery10Seconds[20s:10s] @ 200)", 250, 250, 1, 11],
  ["sum_over_time(metricWith1SampleEvery10Seconds[20s:10s] offset 1m)", 240, 240, 1, 5],
  ["sum_over_time(metricWith3SampleEvery10Seconds[1m:10s] @ 200 offset 1m)", 300, 300, 1, 27],
  ["sum_over_time(max_over_time(metricWith3SampleEvery10Seconds[60s] @ 300)[5m:1m] @ 600)[10m:2m]", 800, 800, 1, 23],
  ["rate(sum_over_time(metricWith1SampleEvery10Seconds[30s])[1m:30s])", 240, 240, 1, 5],
];

describe('peak samples match Prometheus query statistics', () => {
  it.each(CASES)('%s [%i..%i step %i] peaks at %i', (expr, start, end, step, peak) => {
    const r = runQuery(store, { expr, startMs: start * 1000, endMs: end * 1000, stepMs: step * 1000 }, { evaluator: 'naive' });
    expect(r.stats?.peakSamples).toBe(peak);
  });
});
