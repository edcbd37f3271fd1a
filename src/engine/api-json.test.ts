import { describe, expect, it } from 'vitest';
import { labelsFromRecord } from './model/labels.ts';
import type { QueryResult } from './query.ts';
import type { QueryValue } from './model/result.ts';
import { formatGoFloat, jsonSafeString, toApiJson } from './api-json.ts';

function ok(value: QueryValue, annotations: QueryResult['annotations'] = []): QueryResult {
  return { ok: true, value, annotations, stats: null as never };
}

describe('formatGoFloat', () => {
  it('matches strconv.FormatFloat(v, f, -1, 64)', () => {
    expect(formatGoFloat(0.1)).toBe('0.1');
    expect(formatGoFloat(1e21)).toBe('1000000000000000000000');
    expect(formatGoFloat(1e-7)).toBe('0.0000001');
    expect(formatGoFloat(1.5e-10)).toBe('0.00000000015');
    expect(formatGoFloat(123456.789)).toBe('123456.789');
    expect(formatGoFloat(-2.5)).toBe('-2.5');
    expect(formatGoFloat(5)).toBe('5');
    expect(formatGoFloat(1 / 3)).toBe('0.3333333333333333');
    expect(formatGoFloat(NaN)).toBe('NaN');
    expect(formatGoFloat(Infinity)).toBe('+Inf');
    expect(formatGoFloat(-Infinity)).toBe('-Inf');
    expect(formatGoFloat(-0)).toBe('-0');
    expect(formatGoFloat(1.7976931348623157e308)).toBe('17976931348623157' + '0'.repeat(292));
  });
  it('maps invalid bytes to U+FFFD like encoding/json', () => {
    expect(jsonSafeString('a\udcffb')).toBe('a\ufffdb');
    expect(jsonSafeString('😀')).toBe('😀');
  });
});

describe('toApiJson', () => {
  const a = labelsFromRecord({ __name__: 'up', job: 'b' });
  const b = labelsFromRecord({ __name__: 'up', job: 'a' });
  it('serializes an instant vector with annotation positions', () => {
    const r = ok(
      {
        kind: 'vector',
        timestamps: Float64Array.of(1700000060777),
        series: [{ labels: a, values: Float64Array.of(0.1), present: Uint8Array.of(1) }, { labels: b, values: Float64Array.of(1), present: Uint8Array.of(0) }],
        ordered: false,
      },
      [{ severity: 'info', message: 'PromQL info: hello', range: { from: 5, to: 7 } }],
    );
    expect(toApiJson(r, 'instant', 'sum(\nup)')).toEqual({
      status: 'success',
      data: { resultType: 'vector', result: [{ metric: { __name__: 'up', job: 'b' }, value: [1700000060.777, '0.1'] }] },
      infos: ['PromQL info: hello (2:1)'],
    });
  });
  it('turns a range query into a matrix sorted by labels, dropping empty series; a scalar into one {} series', () => {
    const ts = Float64Array.of(0, 15000);
    const r = ok({
      kind: 'vector',
      timestamps: ts,
      series: [
        { labels: a, values: Float64Array.of(1, 2), present: Uint8Array.of(1, 1) },
        { labels: b, values: Float64Array.of(3, NaN), present: Uint8Array.of(0, 1) },
        { labels: labelsFromRecord({ x: 'y' }), values: Float64Array.of(0, 0), present: Uint8Array.of(0, 0) },
      ],
      ordered: false,
    });
    expect(toApiJson(r, 'range')).toEqual({
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          { metric: { __name__: 'up', job: 'a' }, values: [[15, 'NaN']] },
          { metric: { __name__: 'up', job: 'b' }, values: [[0, '1'], [15, '2']] },
        ],
      },
    });
    expect(toApiJson(ok({ kind: 'scalar', timestamps: ts, values: Float64Array.of(1, -Infinity) }), 'range')).toEqual({
      status: 'success',
      data: { resultType: 'matrix', result: [{ metric: {}, values: [[0, '1'], [15, '-Inf']] }] },
    });
    expect(toApiJson(ok({ kind: 'scalar', timestamps: Float64Array.of(1000), values: Float64Array.of(2) }), 'instant')).toEqual({
      status: 'success',
      data: { resultType: 'scalar', result: [1, '2'] },
    });
  });
  it('prints each annotation with its line:col position, split into warnings and infos', () => {
    const ann = [
      { severity: 'info' as const, message: 'PromQL info: x', range: { from: 4, to: 5 } },
      { severity: 'warning' as const, message: 'PromQL warning: y', range: { from: 2, to: 3 } },
    ];
    const r = toApiJson(ok({ kind: 'scalar', timestamps: Float64Array.of(0), values: Float64Array.of(1) }, ann), 'instant', 'abcdef');
    expect(r.infos).toEqual(['PromQL info: x (1:5)']);
    expect(r.warnings).toEqual(['PromQL warning: y (1:3)']);
  });
  it('serializes errors as the API does', () => {
    expect(toApiJson({ ok: false, error: { kind: 'parse', code: 'p', message: '1:6: parse error: x' }, annotations: [], stats: null }, 'instant')).toEqual({
      status: 'error',
      errorType: 'bad_data',
      error: 'invalid parameter "query": 1:6: parse error: x',
    });
    expect(toApiJson({ ok: false, error: { kind: 'eval', code: 'm', message: 'many-to-many' }, annotations: [], stats: null }, 'range')).toEqual({
      status: 'error',
      errorType: 'execution',
      error: 'many-to-many',
    });
  });
});
