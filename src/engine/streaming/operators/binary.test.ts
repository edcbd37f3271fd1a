import { describe, expect, it } from 'vitest';
import { bin, buildStorage, makeContext, stream, vectorRecord, vs } from '../test-support.ts';
import { VectorVectorBinaryOperator } from './binary-vector-vector.ts';
import { VectorSelectorOperator } from './vector-selector.ts';
import { BufferPool } from '../pool.ts';
import { makeGrid } from '../step-grid.ts';
import { runQuery } from '../../engine.ts';

const M = 60_000;
const storage = buildStorage([
  { labels: { __name__: 'req', job: 'a', code: '200' }, samples: [[0, 10], [M, 20]] },
  { labels: { __name__: 'req', job: 'a', code: '500' }, samples: [[0, 1], [M, 2]] },
  { labels: { __name__: 'req', job: 'b', code: '200' }, samples: [[0, 4]] },
  { labels: { __name__: 'lim', job: 'a' }, samples: [[0, 100], [M, 50]] },
  { labels: { __name__: 'lim', job: 'b', owner: 'x' }, samples: [[0, 8], [M, 8]] },
  { labels: { __name__: 'other', job: 'zzz' }, samples: [[0, 1]] },
]);

describe('vector/vector binary operations', () => {
  it('many-to-one with group_left copies labels and divides per step', () => {
    const r = vectorRecord(stream(storage, 'req / on (job) group_left (owner) lim', 0, M, M).value as never);
    expect(r).toEqual({
      '{code=200,job=a}': [0.1, 0.4],
      '{code=500,job=a}': [0.01, 0.04],
      '{code=200,job=b,owner=x}': [0.5, 0.5], // req{job="b"} is seen at 1m through the lookback
    });
  });

  it('one-to-one matching with ignoring drops the ignored labels and the name', () => {
    // lim{job="b",owner="x"} has signature {job=b,owner=x}, which no req series shares.
    const r = vectorRecord(stream(storage, 'req{code="200"} - ignoring (code) lim', 0, 0, M).value as never);
    expect(r).toEqual({ '{job=a}': [-90] });
  });

  it('rejects one-to-one matches with several series on one side', () => {
    expect(() => stream(storage, 'lim + on (job) req', 0, 0, M)).toThrow(
      'found duplicate series for the match group {job="a"} on the right hand-side of the operation: [{__name__="req", code="200", job="a"}, {__name__="req", code="500", job="a"}];many-to-many matching not allowed: matching labels must be unique on one side',
    );
    expect(() => stream(storage, 'req + on (job) lim', 0, 0, M)).toThrow('multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)');
  });

  it('filters with comparisons, or gives 0/1 with bool, keeping the left value', () => {
    const f = vectorRecord(stream(storage, 'req > 3', 0, M, M).value as never);
    expect(f).toEqual({ '{__name__=req,code=200,job=a}': [10, 20], '{__name__=req,code=200,job=b}': [4, 4] });
    const b = vectorRecord(stream(storage, '5 < bool req', 0, 0, M).value as never);
    expect(b).toEqual({ '{code=200,job=a}': [1], '{code=500,job=a}': [0], '{code=200,job=b}': [0] });
  });

  it('and / or / unless per step and signature', () => {
    const and = vectorRecord(stream(storage, 'req and on (job) lim{owner="x"}', 0, M, M).value as never);
    expect(and).toEqual({ '{__name__=req,code=200,job=b}': [4, 4] });
    const unless = vectorRecord(stream(storage, 'lim unless on (job) req{code="500"}', 0, M, M).value as never);
    expect(unless).toEqual({ '{__name__=lim,job=b,owner=x}': [8, 8] });
    // `or` adds rhs series only at steps where no lhs series of its signature is present.
    const or = vectorRecord(stream(storage, 'req{job="b"} or on (job) lim', 0, M, M).value as never);
    // lim{job="b"} is hidden at both steps by req{job="b"} (seen at 1m through the lookback).
    expect(or).toEqual({ '{__name__=req,code=200,job=b}': [4, 4], '{__name__=lim,job=a}': [100, 50] });
  });

  it('fills a missing side with fill()', () => {
    const r = vectorRecord(stream(storage, 'lim + on (job) fill_right(1) other', 0, 0, M).value as never);
    expect(r).toEqual({ '{job=a}': [101], '{job=b}': [9] });
  });
});

describe('vector matching with a signature shared by several one-side series', () => {
  // build_info churned: v1 until 1m, v2 from 2m (never both at one step, so no error).
  const churn = buildStorage([
    { labels: { __name__: 'up', job: 'a', instance: 'x' }, samples: [[0, 1], [M, 1], [2 * M, 1], [3 * M, 1]] },
    { labels: { __name__: 'up', job: 'a', instance: 'y' }, samples: [[0, 2], [M, 2], [2 * M, 2], [3 * M, 2]] },
    { labels: { __name__: 'info', job: 'a', version: 'v1' }, samples: [[0, 10], [M, 10], [M + 1, 'stale']] },
    { labels: { __name__: 'info', job: 'a', version: 'v2' }, samples: [[2 * M, 20], [3 * M, 20]] },
  ]);
  const both = (expr: string, start: number, end: number, step: number) => {
    const req = { expr, startMs: start, endMs: end, stepMs: step };
    return [runQuery(churn, req, { evaluator: 'naive' }), runQuery(churn, req, { evaluator: 'streaming' })];
  };

  it('one-to-one takes the value of whichever member is present at each step', () => {
    const r = vectorRecord(stream(churn, 'up + on (job, instance) group_left info', 0, 3 * M, M).value as never);
    // No member shares (job, instance) with up: nothing matches.
    expect(r).toEqual({});
    const j = vectorRecord(stream(churn, 'up * on (job) group_left info', 0, 3 * M, M).value as never);
    expect(j).toEqual({ '{instance=x,job=a}': [10, 10, 20, 20], '{instance=y,job=a}': [20, 20, 40, 40] });
  });

  it('group_left(version) gives one output per many-side series and version', () => {
    const r = vectorRecord(stream(churn, 'up * on (job) group_left (version) info', 0, 3 * M, M).value as never);
    expect(r).toEqual({
      '{instance=x,job=a,version=v1}': [10, 10, undefined, undefined],
      '{instance=x,job=a,version=v2}': [undefined, undefined, 20, 20],
      '{instance=y,job=a,version=v1}': [20, 20, undefined, undefined],
      '{instance=y,job=a,version=v2}': [undefined, undefined, 40, 40],
    });
  });

  it('fails at the first step where two members are present, as the naive evaluator', () => {
    const [n, s] = both('info + on (job) up', 0, 3 * M, M);
    expect(n.ok).toBe(false);
    expect(s).toMatchObject({ ok: false, error: { message: (n as { error: { message: string } }).error.message } });
    expect((s as { error: { message: string } }).error.message).toContain('found duplicate series for the match group {job="a"} on the right hand-side');
  });

  it('plans one output per many-side series and unit, not per matching pair', () => {
    // 40 series in one job on both sides: 1,600 pairs, but one unit per signature.
    const series = Array.from({ length: 40 }, (_, k) => ({ labels: { __name__: 'm', job: 'j', i: String(k) }, samples: [[0, k]] as [number, number][] }));
    const storage = buildStorage(series);
    const ctx = makeContext(storage, 0, 0, M);
    const sc = { ctx, pool: new BufferPool(ctx.tracker), startTimeOverlaps: new Map() };
    const grid = makeGrid(0, 0, M);
    const node = bin('+', vs('m'), vs('m'), { on: true, matchingLabels: ['job'] });
    const op = new VectorVectorBinaryOperator(sc, node, new VectorSelectorOperator(sc, grid, vs('m')), new VectorSelectorOperator(sc, grid, vs('m')));
    const meta = op.seriesMetadata();
    expect(meta.length).toBe(40);
    let error: unknown = null;
    try {
      for (let k = 0; k < meta.length; k++) sc.pool.releaseStepData(op.nextSeries());
    } catch (e) {
      error = e;
    }
    op.close();
    expect(String(error)).toContain('found duplicate series for the match group {job="j"}');
    expect(sc.pool.outstandingCount).toBe(0);
    // And the whole query gives the naive evaluator's error.
    const req = { expr: 'm + on (job) m', startMs: 0, endMs: 2 * M, stepMs: M };
    const n = runQuery(storage, req, { evaluator: 'naive' });
    const s = runQuery(storage, req, { evaluator: 'streaming' });
    expect(s).toMatchObject({ ok: false, error: (n as { error: object }).error });
  });

  it('fill_right sees a match when any unit of the signature is present', () => {
    const [n, s] = both('up + on (job) group_left (version) fill_right(100) info', 0, 3 * M, M);
    if (!s.ok || !n.ok) throw new Error('both evaluators should succeed');
    const got = vectorRecord(s.value as never);
    expect(got).toEqual(vectorRecord(n.value as never));
    // up is matched at every step (v1, then v2), so no step takes the fill value.
    expect(got).toEqual({
      '{instance=x,job=a,version=v1}': [11, 11, undefined, undefined],
      '{instance=x,job=a,version=v2}': [undefined, undefined, 21, 21],
      '{instance=y,job=a,version=v1}': [12, 12, undefined, undefined],
      '{instance=y,job=a,version=v2}': [undefined, undefined, 22, 22],
    });
    // Without the v2 series, the steps after v1 went stale take the fill (1 + 100).
    const r = vectorRecord(stream(churn, 'up{instance="x"} + on (job) group_left (version) fill_right(100) info{version="v1"}', 0, 3 * M, M).value as never);
    expect(r).toEqual({ '{instance=x,job=a,version=v1}': [11, 11, undefined, undefined], '{instance=x,job=a}': [undefined, undefined, 101, 101] });
    const [n1] = both('up{instance="x"} + on (job) group_left (version) fill_right(100) info{version="v1"}', 0, 3 * M, M);
    expect(n1.ok && vectorRecord(n1.value as never)).toEqual(r);
  });
});

describe('errors in operand order', () => {
  // label_replace gives the two cpu series one label set (an error at the step), and the
  // rhs matches two cpu series of job api with one http series (an error at the same step).
  const data = buildStorage([
    { labels: { __name__: 'cpu', job: 'web', instance: 'a' }, samples: [[0, 1]] },
    { labels: { __name__: 'cpu', job: 'api', instance: 'a' }, samples: [[0, 1]] },
    { labels: { __name__: 'cpu', job: 'api', instance: 'a', env: 'prod' }, samples: [[0, 3]] },
    { labels: { __name__: 'http_total', job: 'api', instance: 'a' }, samples: [[0, 5]] },
  ]);
  const lhs = 'label_replace(cpu, "job", "same", "job", ".*")';
  const rhs = 'cpu + on (job) http_total';

  it('gives the lhs error, as upstream evaluates the whole lhs (or first argument) before the rest', () => {
    for (const expr of [`${lhs} + (${rhs})`, `${lhs} + scalar(${rhs})`, `${lhs} and (${rhs})`, `clamp(${lhs}, scalar(${rhs}), 1)`, `round(${lhs}, scalar(${rhs}))`]) {
      for (const evaluator of ['naive', 'streaming'] as const) {
        const r = runQuery(data, { expr, startMs: M, endMs: M, stepMs: M }, { evaluator });
        expect(r.ok ? 'ok' : r.error.message, `${evaluator}: ${expr}`).toBe('vector cannot contain metrics with the same labelset');
      }
    }
    // Each side's own error, alone.
    const r = runQuery(data, { expr: rhs, startMs: M, endMs: M, stepMs: M }, { evaluator: 'streaming' });
    expect(r.ok ? 'ok' : r.error.message).toBe('multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)');
  });

  it('checks an aggregation parameter and a range function\'s per-step arguments only after the input, as upstream', () => {
    // scalar(nope) is NaN: topk's "Parameter value is NaN" comes after its input is evaluated
    // (rangeEvalAgg); double_exponential_smoothing validates sf per step, after its subquery.
    for (const expr of [`topk(scalar(nope), ${lhs})`, `limit_ratio(scalar(nope), ${lhs})`, `double_exponential_smoothing((${lhs})[10m:1m], 0, 0.5)`]) {
      for (const evaluator of ['naive', 'streaming'] as const) {
        const r = runQuery(data, { expr, startMs: M, endMs: M, stepMs: M }, { evaluator });
        expect(r.ok ? 'ok' : r.error.message, `${evaluator}: ${expr}`).toBe('vector cannot contain metrics with the same labelset');
      }
    }
  });

  it('keeps the annotation of the last argument evaluated (clamp evaluates its vector first)', () => {
    // The same warning from three arguments: upstream keeps the one added last.
    const sort = 'sort(cpu)';
    const expr = `clamp(sort_by_label(cpu, "job"), scalar(${sort}), scalar(${sort}))`;
    const from = expr.lastIndexOf(sort);
    for (const evaluator of ['naive', 'streaming'] as const) {
      const r = runQuery(data, { expr, startMs: 0, endMs: M, stepMs: M }, { evaluator });
      expect(r.annotations.map((a) => [a.message, a.range]), evaluator).toEqual([
        ['PromQL warning: sort is ineffective for range queries since results are always ordered by labels', { from, to: from + sort.length }],
      ]);
    }
  });

  it('gives the error of a subquery argument, which upstream evaluates before the other arguments', () => {
    const sub = `(${lhs})[10m:1m]`;
    for (const expr of [`predict_linear(${sub}, scalar(${rhs}))`, `quantile_over_time(scalar(${rhs}), ${sub})`, `double_exponential_smoothing(${sub}, 0.5, scalar(${rhs}))`]) {
      for (const evaluator of ['naive', 'streaming'] as const) {
        const r = runQuery(data, { expr, startMs: M, endMs: M, stepMs: M }, { evaluator });
        expect(r.ok ? 'ok' : r.error.message, `${evaluator}: ${expr}`).toBe('vector cannot contain metrics with the same labelset');
      }
    }
  });
});
