import { describe, expect, it } from 'vitest';
import { buildStorage, stream, vectorRecord } from '../test-support.ts';
import { subqueryGrid } from './subquery.ts';
import { makeGrid } from '../step-grid.ts';
import { subquery, vs } from '../test-support.ts';
import { runQuery } from '../../engine.ts';

const M = 60_000;

describe('subqueries', () => {
  it('align their own grid to absolute multiples of the step', () => {
    // Outer instant query at 150s, [2m:1m]: first step after 150 − 120 = 30s is 60s.
    const g = subqueryGrid(subquery(vs('x'), 2 * M, M), makeGrid(150_000, 150_000, 1000), M);
    expect([g.startMs, g.endMs, g.stepCount]).toEqual([60_000, 120_000, 2]);
  });

  it('feed the inner steps to range functions', () => {
    const storage = buildStorage([{ labels: { __name__: 'x' }, samples: [[0, 1], [M, 5], [2 * M, 3], [3 * M, 2]] }]);
    // At 3m, the inner steps in (1m, 3m] are 2m (3) and 3m (2).
    const r = vectorRecord(stream(storage, 'max_over_time(x[2m:1m])', 3 * M, 3 * M, M).value as never);
    expect(r).toEqual({ '{}': [3] });
    // Range query 2m..3m: at 2m the inner steps 1m (5), 2m (3) → 5.
    const rr = vectorRecord(stream(storage, 'max_over_time(x[2m:1m])', 2 * M, 3 * M, M).value as never);
    expect(rr).toEqual({ '{}': [5, 3] });
  });
});

describe('memory', () => {
  it('aggregating many series holds far less than the input', () => {
    const series = [];
    for (let s = 0; s < 200; s++) {
      const samples: [number, number][] = [];
      for (let t = 0; t <= 60; t++) samples.push([t * 15_000, s + t]);
      series.push({ labels: { __name__: 'm', id: String(s), job: String(s % 2) }, samples });
    }
    const storage = buildStorage(series);
    const q = { expr: 'sum by (job) (rate(m[1m]))', startMs: 60_000, endMs: 900_000, stepMs: 15_000 };
    const { value, ctx } = stream(storage, q.expr, q.startMs, q.endMs, q.stepMs);
    expect(value.kind === 'vector' && value.series.length).toBe(2);
    expect(ctx.tracker.current).toBe(0);
    const naive = runQuery(storage, q, { evaluator: 'naive' });
    expect(naive.ok).toBe(true);
    // The naive evaluator holds every decoded series (200 × 61 samples × 16 B ≈ 195 kB) and
    // every rate() output; streaming holds one series' window plus two accumulators.
    expect(ctx.tracker.peak).toBeLessThan(0.4 * (naive.stats?.peakTrackedBytes ?? 0));
  });
});
