import { describe, expect, it } from 'vitest';
import { labelsFromRecord, type QueryValue } from '../engine/index.ts';
import { compareRuns, compareValues } from './compare.ts';

const ts = Float64Array.of(0, 60_000, 120_000);

function vec(series: { l: Record<string, string>; v: number[]; p?: number[] }[]): QueryValue {
  return {
    kind: 'vector',
    timestamps: ts,
    ordered: false,
    series: series.map((s) => ({ labels: labelsFromRecord(s.l), values: Float64Array.from(s.v), present: Uint8Array.from(s.p ?? s.v.map(() => 1)) })),
  };
}

describe('compareValues', () => {
  it('treats NaN as equal to NaN and -0 as different from 0 (Object.is)', () => {
    expect(compareValues(vec([{ l: { a: '1' }, v: [NaN, 1, 2] }]), vec([{ l: { a: '1' }, v: [NaN, 1, 2] }]))).toEqual([]);
    const d = compareValues(vec([{ l: { a: '1' }, v: [0, 1, 2] }]), vec([{ l: { a: '1' }, v: [-0, 1, 2] }]));
    expect(d).toHaveLength(1);
    expect(d[0].message).toContain('naive 0, streaming -0');
  });

  it('ignores values at absent steps but reports presence differences', () => {
    expect(compareValues(vec([{ l: { a: '1' }, v: [1, 5, 2], p: [1, 0, 1] }]), vec([{ l: { a: '1' }, v: [1, 7, 2], p: [1, 0, 1] }]))).toEqual([]);
    const d = compareValues(vec([{ l: { a: '1' }, v: [1, 5, 2], p: [1, 1, 1] }]), vec([{ l: { a: '1' }, v: [1, 5, 2], p: [1, 0, 1] }]));
    expect(d.map((x) => x.message)).toEqual(['{a="1"} step 1: naive 5, streaming absent']);
  });

  it('reports series order, label and count differences', () => {
    const a = vec([{ l: { a: '1' }, v: [1, 1, 1] }, { l: { a: '2' }, v: [1, 1, 1] }]);
    const b = vec([{ l: { a: '2' }, v: [1, 1, 1] }, { l: { a: '1' }, v: [1, 1, 1] }]);
    expect(compareValues(a, b).map((x) => x.message)).toEqual(['series 0: naive {a="1"}, streaming {a="2"}', 'series 1: naive {a="2"}, streaming {a="1"}']);
    expect(compareValues(a, vec([{ l: { a: '1' }, v: [1, 1, 1] }]))[0].message).toBe('series count: naive 2, streaming 1');
  });

  it('compares kinds, scalars and matrices', () => {
    const scalar: QueryValue = { kind: 'scalar', timestamps: ts, values: Float64Array.of(1, 2, 3) };
    expect(compareValues(scalar, vec([]))[0].message).toBe('result type: naive scalar, streaming vector');
    const m = (v: number[]): QueryValue => ({ kind: 'matrix', timestamps: Float64Array.of(0), series: [{ labels: labelsFromRecord({ a: 'x' }), t: Float64Array.of(1, 2), v: Float64Array.from(v) }] });
    expect(compareValues(m([1, 2]), m([1, 2]))).toEqual([]);
    expect(compareValues(m([1, 2]), m([1, 3]))[0].message).toContain('sample 1');
  });
});

describe('compareRuns', () => {
  const ok = (value: QueryValue) => ({ ok: true as const, value, annotations: [] });
  it('says identical, or not compared when streaming is unsupported', () => {
    const v = vec([{ l: { a: '1' }, v: [1, 2, 3] }]);
    expect(compareRuns(ok(v), ok(v))).toEqual({ status: 'identical' });
    expect(compareRuns(ok(v), { ok: false, error: { kind: 'unsupported', message: 'x' }, annotations: [] }).status).toBe('not-compared');
  });

  it('compares annotations as sets', () => {
    const v = vec([]);
    const ann = { severity: 'info' as const, message: 'PromQL info: x', range: { from: 0, to: 3 } };
    expect(compareRuns({ ...ok(v), annotations: [ann] }, ok(v))).toEqual({ status: 'different', differences: [{ message: 'only naive reports: PromQL info: x' }] });
  });

  it('same errors are identical; a limit on one side is not a difference', () => {
    const e = (kind: string, message: string) => ({ ok: false as const, error: { kind, message }, annotations: [] });
    expect(compareRuns(e('eval', 'many-to-many'), e('eval', 'many-to-many'))).toEqual({ status: 'identical' });
    expect(compareRuns(e('limit', 'too much'), ok(vec([]))).status).toBe('not-compared');
    expect(compareRuns(e('eval', 'boom'), ok(vec([]))).status).toBe('different');
  });
});
