import { describe, expect, it } from 'vitest';
import { labelsFromRecord, labelsToRecord } from '../model/labels.ts';
import { PromQLError } from '../model/errors.ts';
import { parseSeriesDescription, type SeriesDescValue } from './series-description.ts';

const _ = Symbol('absent');
const S = Symbol('stale');
function seq(...vals: (number | typeof _ | typeof S)[]): SeriesDescValue[] {
  return vals.map((v) => (v === _ ? { kind: 'absent' } : v === S ? { kind: 'stale' } : { kind: 'value', v }));
}

// Cases from Prometheus's TestParseSeries / TestParseSeriesDesc (promql/parser/parse_test.go) and FORMAT.md §4.
const ok: { input: string; labels: Record<string, string>; values: SeriesDescValue[] }[] = [
  { input: '', labels: {}, values: [] },
  { input: '{} 1 2 3', labels: {}, values: seq(1, 2, 3) },
  { input: '{a="b"} -1 2 3', labels: { a: 'b' }, values: seq(-1, 2, 3) },
  { input: 'my_metric 1 2 3', labels: { __name__: 'my_metric' }, values: seq(1, 2, 3) },
  { input: 'my_metric{} 1 2 3', labels: { __name__: 'my_metric' }, values: seq(1, 2, 3) },
  { input: 'my_metric{a="b"} 1 2 3-10x4', labels: { __name__: 'my_metric', a: 'b' }, values: seq(1, 2, 3, -7, -17, -27, -37) },
  { input: 'my_metric{a="b"} 1 2 3-0x4', labels: { __name__: 'my_metric', a: 'b' }, values: seq(1, 2, 3, 3, 3, 3, 3) },
  { input: '{} 1x0', labels: {}, values: seq(1) },
  { input: '{} 1+1x0', labels: {}, values: seq(1) },
  { input: 'my_metric{a="b"} 1 3 _ 5 _x4', labels: { __name__: 'my_metric', a: 'b' }, values: seq(1, 3, _, 5, _, _, _, _) },
  { input: 'my_metric{a="b"} 1 -1', labels: { __name__: 'my_metric', a: 'b' }, values: seq(1, -1) },
  { input: 'my_metric{a="b"} 1 +1', labels: { __name__: 'my_metric', a: 'b' }, values: seq(1, 1) },
  { input: 'my_metric{a="b"} 1 -1 -3-10x4 7 9 +5', labels: { __name__: 'my_metric', a: 'b' }, values: seq(1, -1, -3, -13, -23, -33, -43, 7, 9, 5) },
  { input: 'my_metric{a="b"} 1 +1 +4 -6 -2 8', labels: { __name__: 'my_metric', a: 'b' }, values: seq(1, 1, 4, -6, -2, 8) },
  { input: 'my_metric{a="b"} 1 2 3    ', labels: { __name__: 'my_metric', a: 'b' }, values: seq(1, 2, 3) },
  { input: 'my_metric{a="\\u70ac"} 1 2 3', labels: { __name__: 'my_metric', a: '炬' }, values: seq(1, 2, 3) },
  { input: 'my_metric{a="\\u70ac = torch"} 1 2 3', labels: { __name__: 'my_metric', a: '炬 = torch' }, values: seq(1, 2, 3) },
  {
    input: '{"http.requests", "service.name"="api-server", instance="0", group="canary"}\t\t0+50x2',
    labels: { __name__: 'http.requests', group: 'canary', instance: '0', 'service.name': 'api-server' },
    values: seq(0, 50, 100),
  },
  // FORMAT.md §4 examples.
  { input: '{} 1-2x4', labels: {}, values: seq(1, -1, -3, -5, -7) },
  { input: '{} 1 -2x4', labels: {}, values: seq(1, -2, -2, -2, -2, -2) },
  { input: '{} -2+4x3', labels: {}, values: seq(-2, 2, 6, 10) },
  { input: '{} 1x4', labels: {}, values: seq(1, 1, 1, 1, 1) },
  { input: '{} _x3', labels: {}, values: seq(_, _, _) },
  { input: '{} 1 _x3 stale', labels: {}, values: seq(1, _, _, _, S) },
  { input: 'sum{job="a",} 1_000 1e3 .5 2.', labels: { __name__: 'sum', job: 'a' }, values: seq(1000, 1000, 0.5, 2) },
  { input: 'offset 1', labels: { __name__: 'offset' }, values: seq(1) },
  { input: `fill{a='x', b=\`y\`} 1`, labels: { __name__: 'fill', a: 'x', b: 'y' }, values: seq(1) },
  { input: '{a="\\x41\\101"} 1', labels: { a: 'AA' }, values: seq(1) },
  { input: 'm{a=""} 1', labels: { __name__: 'm' }, values: seq(1) },
  { input: 'm 010', labels: { __name__: 'm' }, values: seq(8) },
  { input: 'm Inf -Inf +inf', labels: { __name__: 'm' }, values: seq(Infinity, -Infinity, Infinity) },
];

describe('parseSeriesDescription', () => {
  for (const c of ok) {
    it(`parses ${JSON.stringify(c.input)}`, () => {
      const got = parseSeriesDescription(c.input);
      expect(labelsToRecord(got.labels)).toEqual(c.labels);
      expect(got.labels).toEqual(labelsFromRecord(c.labels));
      expect(got.values).toEqual(c.values);
    });
  }

  it('reads NaN in any case', () => {
    const got = parseSeriesDescription('{} NaN nan -NaN');
    expect(got.values.length).toBe(3);
    for (const v of got.values) expect(v.kind === 'value' && Number.isNaN(v.v)).toBe(true);
  });

  const failures: { input: string; message?: string; from?: number; to?: number }[] = [
    { input: '{"http.requests"xx}\t\t0+50x2', message: '1:17: parse error: unexpected identifier "xx" in label set, expected "," or "}"', from: 16, to: 18 },
    { input: '{"http.requests"=, x="y"}\t\t0+50x2', message: '1:18: parse error: unexpected "," in label set, expected string', from: 17, to: 18 },
    { input: '{"http.requests}\t\t0+50x2', message: '1:2: parse error: unterminated quoted string' },
    { input: '{} 1+1' },
    { input: 'my_metric{a="b"} 1 3 _ 5 _a4' },
    { input: 'my_metric{a="b"} -3-3 -3' },
    { input: 'my_metric{a="b"} -3 -3-3' },
    { input: 'my_metric{a="b"} -3 _-2' },
    { input: 'my_metric{a="b"} -3 3+3x4-4' },
    { input: '{} stalex3' },
    { input: '{} foo', message: '1:4: parse error: unexpected identifier "foo" in series values, expected number or "stale"' },
    { input: 'm{a=~"b"} 1' },
    { input: '{} 1x1.5', message: '1:6: parse error: invalid repetition in series values: strconv.ParseUint: parsing "1.5": invalid syntax' },
  ];
  for (const f of failures) {
    it(`rejects ${JSON.stringify(f.input)}`, () => {
      let err: unknown;
      try {
        parseSeriesDescription(f.input);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(PromQLError);
      const pe = err as PromQLError;
      expect(pe.kind).toBe('parse');
      if (f.message) expect(pe.message).toBe(f.message);
      if (f.from !== undefined) expect(pe.range).toEqual({ from: f.from, to: f.to });
    });
  }

  it('expands native histogram literals into the right number of slots', () => {
    const got = parseSeriesDescription('h {{schema:1 sum:5 count:3 buckets:[1 2 3]}}x2 {{count:1}}+{{count:2 counter_reset_hint:gauge}}x3 _ {{}}');
    expect(got.values.map((v) => v.kind)).toEqual(['histogram', 'histogram', 'histogram', 'histogram', 'histogram', 'histogram', 'histogram', 'absent', 'histogram']);
    const first = got.values[0];
    expect(first.kind === 'histogram' && first.desc).toEqual({ schema: 1, sum: 5, count: 3, buckets: [1, 2, 3] });
    const stepped = got.values[5];
    expect(stepped.kind === 'histogram' && stepped.step).toEqual({ op: '+', text: '{{count:2 counter_reset_hint:gauge}}', desc: { count: 2, counter_reset_hint: 'gauge' }, times: 2 });
    const empty = got.values[8];
    expect(empty.kind === 'histogram' && empty.text).toBe('{{}}');
  });

  it('rejects duplicate histogram keys', () => {
    expect(() => parseSeriesDescription('h {{sum:1 sum:2}}')).toThrow(/duplicate key "sum" in histogram/);
  });
});

// Cases of Prometheus's TestParseHistogramSeries (promql/parser/parse_test.go): the number of
// histogram slots each line expands to, or the exact error.
const HISTOGRAM_CASES: readonly ({ input: string; slots: number } | { input: string; error: string })[] = [
  { input: "{} {{}}", slots: 1 },
  { input: "{} {{ }}", slots: 1 },
  { input: "{} {{schema:1 sum:0.3 count:3.1 z_bucket:7.1 z_bucket_w:0.05 buckets:[5.1 10 7] offset:3 n_buckets:[4.1 5] n_offset:5 counter_reset_hint:gauge}}", slots: 1 },
  { input: "{} {{schema:1  sum:0.3  count:3  z_bucket:7 z_bucket_w:5 buckets:[5 10  7  ] offset:-3  n_buckets:[4 5]  n_offset:5  counter_reset_hint:gauge  }}", slots: 1 },
  { input: "{} {{schema:1 sum:-0.3 count:-3.1 z_bucket:-7.1 z_bucket_w:0.05 buckets:[-5.1 -10 -7] offset:-3 n_buckets:[-4.1 -5] n_offset:-5 counter_reset_hint:gauge}}", slots: 1 },
  { input: "{} {{buckets:[5 10 7] schema:1}}x2", slots: 3 },
  { input: "{} {{buckets:[5 10 7] schema:1}}x0", slots: 1 },
  { input: "{} {{buckets:[5 10 7] schema:1}} {{buckets:[1 2 3] schema:1}}", slots: 2 },
  { input: "{} {{buckets:[5] schema:0}}+{{buckets:[1 2] schema:1}}x2", slots: 3 },
  { input: "{} {{sum:1}}+{{sum:1}}x2 {{sum:2}}+{{sum:2}}x2", slots: 6 },
  { input: "{} {{buckets:[5 10 7] schema:1}}-{{buckets:[1 2 3] schema:1}}x2", slots: 3 },
  { input: "{} {{buckets:[5 10 7] schema:1}}+{{buckets:[1 2 3] schema:1}}x0", slots: 1 },
  { input: "{} {{buckets:[5 10 7] schema:1}}+{{buckets:[1 2 3] schema:0}}x2", error: "1:63: parse error: error combining histograms: cannot merge from schema 0 to 1" },
  { input: "{} {{buckets:[5 10 7] schema:1}}", slots: 1 },
  { input: "{} {{schema:1 schema:1}}", error: "1:1: parse error: duplicate key \"schema\" in histogram" },
  { input: "{} {{foo:1}}", error: "1:6: parse error: bad histogram descriptor found: \"foo\"" },
  { input: "{} {{schema :1}}", error: "1:6: parse error: missing `:` for histogram descriptor" },
  { input: "{} {{schema: 1}}", error: "1:13: parse error: unexpected \" \" in series values" },
  { input: "{} {{buckets:[ 1]}}", error: "1:15: parse error: unexpected \" \" in series values" },
  { input: "{} {{ schema:1}}", error: "1:7: parse error: unexpected \"<Item 57372>\" \"schema\" in series values" },
  { input: "{} {{counter_reset_hint:foo}}", error: "1:25: parse error: bad histogram descriptor found: \"foo\"" },
  { input: "{} {{counter_reset_hint:unknown}}", slots: 1 },
  { input: "{} {{counter_reset_hint:reset}}", slots: 1 },
  { input: "{} {{counter_reset_hint:not_reset}}", slots: 1 },
  { input: "{} {{counter_reset_hint:gauge}}", slots: 1 },
];

describe('native histogram literals (upstream cases)', () => {
  for (const c of HISTOGRAM_CASES) {
    it(`handles ${c.input}`, () => {
      if ('error' in c) {
        expect(() => parseSeriesDescription(c.input)).toThrow(c.error);
        return;
      }
      const values = parseSeriesDescription(c.input).values;
      expect(values.every((v) => v.kind === 'histogram')).toBe(true);
      expect(values.length).toBe(c.slots);
    });
  }
});
