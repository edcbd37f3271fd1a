import { describe, expect, it } from 'vitest';
import { evaluateStreaming } from '../index.ts';
import { buildStorage, call, makeContext, ms, vectorRecord, vs } from '../test-support.ts';

const M = 60_000;

describe('vector selector', () => {
  const storage = buildStorage([
    { labels: { __name__: 'x', a: '1' }, samples: [[0, 1], [M, 2], [2 * M, 'stale'], [10 * M, 5]] },
    { labels: { __name__: 'x', a: '2' }, samples: [[30_000, 7]] },
  ]);

  it('applies the left-open lookback window and staleness markers', () => {
    const ctx = makeContext(storage, 0, 11 * M, M);
    const v = evaluateStreaming(vs('x'), ctx);
    // a=1: 1 at 0, 2 at 1m, stale from 2m until the sample at 10m.
    const r = vectorRecord(v as never);
    expect(r['{__name__=x,a=1}']).toEqual([1, 2, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, 5, 5]);
    // a=2: sample at 30s is visible from 1m to 5m (5m30s − 5m = 30s is outside the left-open window at 5.5m; at 5m it is 4m30s old).
    expect(r['{__name__=x,a=2}']).toEqual([undefined, 7, 7, 7, 7, 7, undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('honours offset and @', () => {
    const ctx = makeContext(storage, 2 * M, 3 * M, M);
    const off = vectorRecord(evaluateStreaming(vs('x', { a: '1' }, { offsetMs: 2 * M }), ctx) as never);
    expect(off['{__name__=x,a=1}']).toEqual([1, 2]);
    const at = vectorRecord(evaluateStreaming(vs('x', { a: '1' }, { timestampMs: M }), ctx) as never);
    expect(at['{__name__=x,a=1}']).toEqual([2, 2]);
  });
});

describe('matrix selector and range functions', () => {
  // A counter: 0, 10, 20, reset to 5, 15 at one-minute intervals.
  const storage = buildStorage([{ labels: { __name__: 'c_total', job: 'j' }, samples: [[0, 0], [M, 10], [2 * M, 20], [3 * M, 5], [4 * M, 15]] }]);

  it('slides the window and feeds the shared kernels', () => {
    const ctx = makeContext(storage, 2 * M, 4 * M, M);
    const r = vectorRecord(evaluateStreaming(call('count_over_time', ms(vs('c_total'), 2 * M)), ctx) as never);
    // Left-open (t−2m, t]: two samples per window.
    expect(r['{job=j}']).toEqual([2, 2, 2]);
    const inc = vectorRecord(evaluateStreaming(call('resets', ms(vs('c_total'), 2 * M)), ctx) as never);
    expect(inc['{job=j}']).toEqual([0, 1, 0]); // only (1m, 3m] holds the 20 → 5 reset
  });

  it('returns the raw window at an instant query of a matrix', () => {
    const ctx = makeContext(storage, 4 * M, 4 * M, M);
    const v = evaluateStreaming(ms(vs('c_total'), 150_000), ctx);
    expect(v.kind).toBe('matrix');
    if (v.kind !== 'matrix') return;
    expect(Array.from(v.series[0].t)).toEqual([2 * M, 3 * M, 4 * M]);
    expect(Array.from(v.series[0].v)).toEqual([20, 5, 15]);
  });

  it('marks rate for name removal and drops the name at the end', () => {
    const ctx = makeContext(storage, 4 * M, 4 * M, M);
    const r = vectorRecord(evaluateStreaming(call('increase', ms(vs('c_total'), 4 * M + 1)), ctx) as never);
    // Window (−1ms, 4m]: all five samples, raw increase 20 + 15 = 35; the counter starts at 0, so
    // extrapolation toward the window start is capped at the zero point (no extension): 35.
    expect(Object.keys(r)).toEqual(['{job=j}']);
    expect(r['{job=j}'][0]).toBe(35);
  });
});
