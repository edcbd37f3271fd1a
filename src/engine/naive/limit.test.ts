/**
 * limitk / limit_ratio on the float series of upstream limit.test (its histogram series
 * left out, so the expected counts are 6 where upstream has 8).
 */
import { describe, expect, it } from 'vitest';
import { StorageBuilder } from '../storage/storage-builder.ts';
import { labelsFromRecord } from '../model/labels.ts';
import { runQuery } from '../engine.ts';

const m5 = 300_000;
const b = new StorageBuilder();
const series: [string, string, number][] = [['0', 'production', 10], ['1', 'production', 20], ['0', 'canary', 30], ['1', 'canary', 40], ['2', 'canary', 50], ['3', 'canary', 60]];
const bar = [0, 1, 0, -1, 0, 1, 0, -1, 0, 1, 0];
for (let i = 0; i <= 10; i++) {
  for (const [instance, group, inc] of series) b.append(labelsFromRecord({ __name__: 'http_requests', job: 'api-server', instance, group }), i * m5, i * inc);
  b.append(labelsFromRecord({ __name__: 'foo' }), i * m5, 1 + i);
  b.append(labelsFromRecord({ __name__: 'bar' }), i * m5, bar[i]);
}
const store = b.seal();

function range(expr: string): (number | null)[][] {
  const r = runQuery(store, { expr, startMs: 0, endMs: 10 * m5, stepMs: m5 });
  if (!r.ok || r.value.kind !== 'vector') throw new Error(r.ok ? 'not a vector' : r.error.message);
  return r.value.series.map((s) => Array.from(s.values, (v, i) => (s.present[i] ? v : null)));
}

const all = (v: number) => new Array(11).fill(v);

describe('limitk and limit_ratio', () => {
  it('limitk keeps k series per group, a subset of the input', () => {
    expect(range('count(limitk by (group) (1, http_requests) and http_requests)')).toEqual([all(2)]);
    expect(range('count(limitk by (group) (2, http_requests) and http_requests)')).toEqual([all(4)]);
    expect(range('count(limitk(100, http_requests) and http_requests)')).toEqual([all(6)]);
    expect(range('count(limitk by (group) (0, http_requests))')).toEqual([]);
    expect(range('count(limitk(scalar(foo), http_requests))')).toEqual([[1, 2, 3, 4, 5, 6, 6, 6, 6, 6, 6]]);
  });
  it('limit_ratio(r) and limit_ratio(r - 1) are complements', () => {
    for (const r of [0.2, 0.5, 0.8]) {
      expect(range(`count(limit_ratio(${r}, http_requests) or limit_ratio(${r - 1}, http_requests))`)).toEqual([all(6)]);
      expect(range(`count(limit_ratio(${r}, http_requests) and limit_ratio(${r - 1}, http_requests))`)).toEqual([]);
    }
    expect(range('count(limit_ratio(time() % 17/17, http_requests) or limit_ratio( - (1.0 - (time() % 17/17)), http_requests))')).toEqual([all(6)]);
  });
  it('a zero ratio selects nothing, ±1 everything, and out-of-range ratios warn and cap', () => {
    expect(range('count(limit_ratio(scalar(bar), http_requests))')).toEqual([[null, 6, null, 6, null, 6, null, 6, null, 6, null]]);
    const r = runQuery(store, { expr: 'count(limit_ratio(1.1, http_requests) and http_requests)', startMs: 0, endMs: 10 * m5, stepMs: m5 });
    expect(r.annotations.map((a) => [a.message, a.range.from])).toEqual([['PromQL warning: ratio value should be between -1 and 1, got 1.1, capping to 1', 18]]);
  });
  it('NaN parameters fail', () => {
    const k = runQuery(store, { expr: 'limitk(NaN, http_requests)', startMs: 0, endMs: 0, stepMs: m5 });
    expect(!k.ok && k.error.message).toBe('Parameter value is NaN');
    const r = runQuery(store, { expr: 'limit_ratio(NaN, http_requests)', startMs: 0, endMs: 0, stepMs: m5 });
    expect(!r.ok && r.error.message).toBe('Ratio value is NaN');
  });
});
