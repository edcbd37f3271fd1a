/**
 * Naive evaluator unit tests on hand-built ASTs over a small storage, with hand-computed
 * expectations.
 */
import { describe, expect, it } from 'vitest';
import type { AggregateExpr, BinaryExpr, Call, Expr, MatrixSelector, NumberLiteral, SubqueryExpr, VectorSelector } from '../parser/ast.ts';
import type { EvalContext } from '../eval-context.ts';
import { StorageBuilder } from '../storage/storage-builder.ts';
import { MemoryTracker } from '../model/memory-tracker.ts';
import { Annotations } from '../model/annotations.ts';
import { labelsFromRecord, labelsToRecord } from '../model/labels.ts';
import { newMatcher } from '../model/matcher.ts';
import { getFunction } from '../parser/functions.ts';
import type { SeriesStore } from '../storage/types.ts';
import { evaluateNaive } from './index.ts';

const R = { from: 0, to: 1 };
const m = 60_000;

function vs(name: string, extra: Record<string, string> = {}, offsetMs = 0, timestampMs: number | null = null): VectorSelector {
  const matchers = [newMatcher('=', '__name__', name), ...Object.entries(extra).map(([k, v]) => newMatcher('=', k, v))];
  return { type: 'VectorSelector', name, matchers, offsetMs, offsetExpr: null, timestampMs, startOrEnd: null, anchored: false, smoothed: false, range: R };
}
function ms(sel: VectorSelector, rangeMs: number): MatrixSelector {
  return { type: 'MatrixSelector', vectorSelector: sel, rangeMs, rangeExpr: null, range: R };
}
function num(value: number): NumberLiteral {
  return { type: 'NumberLiteral', value, duration: false, range: R };
}
function call(name: string, ...args: Expr[]): Call {
  return { type: 'Call', func: getFunction(name)!, args, range: R };
}
function agg(op: AggregateExpr['op'], expr: Expr, grouping: string[] = [], param: Expr | null = null, without = false): AggregateExpr {
  return { type: 'AggregateExpr', op, expr, param, grouping, without, range: R };
}
function bin(op: BinaryExpr['op'], lhs: Expr, rhs: Expr, matching: BinaryExpr['matching'] = null, returnBool = false): BinaryExpr {
  return { type: 'BinaryExpr', op, lhs, rhs, matching, returnBool, range: R };
}
function subq(expr: Expr, rangeMs: number, stepMs: number): SubqueryExpr {
  return { type: 'SubqueryExpr', expr, rangeMs, rangeExpr: null, stepMs, stepExpr: null, offsetMs: 0, offsetExpr: null, timestampMs: null, startOrEnd: null, range: R };
}
const oneToOne = { card: 'one-to-one' as const, matchingLabels: [], on: false, include: [], fillLeft: null, fillRight: null };

function store(series: { labels: Record<string, string>; samples: [number, number, boolean?][] }[]): SeriesStore {
  const b = new StorageBuilder();
  for (const s of series) for (const [t, v, stale] of s.samples) b.append(labelsFromRecord(s.labels), t, v, stale ?? false);
  return b.seal();
}

function ctx(storage: SeriesStore, startMs: number, endMs = startMs, stepMs = m): EvalContext {
  return {
    storage, startMs, endMs, stepMs, lookbackDeltaMs: 5 * m, defaultSubqueryStepMs: m, delayedNameRemoval: true,
    maxSamples: 1e9, tracker: new MemoryTracker(), annotations: new Annotations(), counters: { currentSamples: 0, peakSamples: 0, samplesDecoded: 0 }, nodes: [],
  };
}

/** Vector result as {labels-record-json: values-or-null per step}. */
function rows(expr: Expr, c: EvalContext): Record<string, (number | null)[]> {
  const v = evaluateNaive(expr, c);
  if (v.kind !== 'vector') throw new Error(`expected vector, got ${v.kind}`);
  const out: Record<string, (number | null)[]> = {};
  for (const s of v.series) out[JSON.stringify(labelsToRecord(s.labels))] = Array.from(s.values, (x, i) => (s.present[i] ? x : null));
  return out;
}

const data = store([
  { labels: { __name__: 'http_total', job: 'a', instance: '1' }, samples: [[0, 0], [m, 10], [2 * m, 20], [3 * m, 30], [4 * m, 40]] },
  { labels: { __name__: 'http_total', job: 'b', instance: '1' }, samples: [[0, 5], [m, 5], [2 * m, 5, true]] },
  { labels: { __name__: 'up', job: 'a' }, samples: [[0, 1], [4 * m, 1]] },
]);

describe('naive evaluator', () => {
  it('instant selector: lookback, staleness, offset', () => {
    const r = rows(vs('http_total'), ctx(data, 0, 4 * m));
    expect(r['{"__name__":"http_total","instance":"1","job":"a"}']).toEqual([0, 10, 20, 30, 40]);
    // The stale marker at 2m hides the series from then on.
    expect(r['{"__name__":"http_total","instance":"1","job":"b"}']).toEqual([5, 5, null, null, null]);
    const off = rows(vs('http_total', { job: 'a' }, m), ctx(data, m, 3 * m));
    expect(Object.values(off)).toEqual([[0, 10, 20]]);
    // Lookback is left-open: a sample exactly 5m old is not seen.
    const up = rows(vs('up'), ctx(data, 5 * m, 9 * m));
    expect(Object.values(up)).toEqual([[1, 1, 1, 1, null]]);
  });

  it('rate over a range selector drops the name (after delayed removal)', () => {
    const r = rows(call('rate', ms(vs('http_total', { job: 'a' }), 2 * m)), ctx(data, 4 * m));
    // (40 - 30) over 1m of samples in (2m, 4m], extrapolated to the 2m window: 20/120s.
    expect(r).toEqual({ '{"instance":"1","job":"a"}': [20 / 120] });
  });

  it('sum by, count, topk with hand-computed values', () => {
    const c = ctx(data, m);
    expect(rows(agg('sum', vs('http_total'), ['instance']), c)).toEqual({ '{"instance":"1"}': [15] });
    expect(rows(agg('count', vs('http_total')), c)).toEqual({ '{}': [2] });
    const top = evaluateNaive(agg('topk', vs('http_total'), [], num(1)), c);
    expect(top.kind === 'vector' && top.series.map((s) => labelsToRecord(s.labels).job)).toEqual(['a']);
  });

  it('one-to-one arithmetic matching and the many-to-many error', () => {
    const c = ctx(data, m);
    const onJob = { ...oneToOne, on: true, matchingLabels: ['job'] };
    expect(rows(bin('*', vs('http_total'), vs('up'), onJob), c)).toEqual({ '{"job":"a"}': [10] });
    const sumUp = agg('sum', vs('up'));
    // Both http_total series match the single right-hand series with on(): one-to-one fails.
    expect(() => evaluateNaive(bin('+', vs('http_total'), sumUp, { ...oneToOne, on: true }), c)).toThrow(
      'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
    );
    expect(() => evaluateNaive(bin('+', sumUp, vs('http_total'), { ...oneToOne, on: true }), c)).toThrow(
      'found duplicate series for the match group {} on the right hand-side of the operation: [{__name__="http_total", instance="1", job="a"}, {__name__="http_total", instance="1", job="b"}];many-to-many matching not allowed: matching labels must be unique on one side',
    );
  });

  it('comparison filters and keeps the name; bool marks it dropped', () => {
    const c = ctx(data, m);
    expect(rows(bin('>', vs('http_total'), num(7)), c)).toEqual({ '{"__name__":"http_total","instance":"1","job":"a"}': [10] });
    expect(rows(bin('>', vs('http_total'), num(7), null, true), c)).toEqual({ '{"instance":"1","job":"a"}': [1], '{"instance":"1","job":"b"}': [0] });
  });

  it('subquery steps are aligned to absolute multiples of the step and left-open', () => {
    // At 4m, [3m:1m] covers inner steps 2m, 3m, 4m (1m is excluded: left-open).
    const r = rows(call('count_over_time', subq(vs('http_total', { job: 'a' }), 3 * m, m)), ctx(data, 4 * m));
    expect(Object.values(r)).toEqual([[3]]);
    // 150s range at 4m: steps after 90s are 2m, 3m, 4m.
    const r2 = rows(call('sum_over_time', subq(vs('http_total', { job: 'a' }), 150_000, m)), ctx(data, 4 * m));
    expect(Object.values(r2)).toEqual([[20 + 30 + 40]]);
  });

  it('count_values formats values as Go does', () => {
    const r = rows(agg('count_values', vs('http_total'), [], { type: 'StringLiteral', value: 'v', range: R }), ctx(data, m));
    expect(r).toEqual({ '{"v":"10"}': [1], '{"v":"5"}': [1] });
  });

  it('charges and releases memory', () => {
    const c = ctx(data, 0, 4 * m);
    evaluateNaive(agg('sum', call('rate', ms(vs('http_total'), 2 * m))), c);
    expect(c.tracker.peak).toBeGreaterThan(0);
    expect(c.counters.samplesDecoded).toBeGreaterThan(0);
    expect(c.counters.peakSamples).toBeGreaterThan(0);
  });
});

describe('explain rows', () => {
  it('records one row per node in pre-order with depth, series and decoded samples', () => {
    const c = ctx(data, 4 * m);
    evaluateNaive(agg('sum', call('rate', ms(vs('http_total'), 2 * m))), c);
    // job="b" has only a stale marker in (2m, 4m], so the range input holds one series.
    expect(c.nodes.map((n) => [n.depth, n.seriesOut])).toEqual([[0, 1], [1, 1], [2, 1]]);
    expect(c.nodes[0].label.startsWith('sum(')).toBe(true);
    expect(c.nodes[2].samplesDecoded).toBe(c.counters.samplesDecoded);
    expect(c.nodes[0].peakBytes).toBeGreaterThanOrEqual(c.nodes[1].peakBytes);
  });
});
