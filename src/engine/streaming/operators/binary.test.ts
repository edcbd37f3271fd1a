import { describe, expect, it } from 'vitest';
import { buildStorage, stream, vectorRecord } from '../test-support.ts';

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
