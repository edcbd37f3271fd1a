import { describe, expect, it } from 'vitest';
import { labelsToRecord } from '../model/labels.ts';
import { newMatcher } from '../model/matcher.ts';
import { isOpenMetrics, loadExposition } from './exposition.ts';
import { expectLoadError } from './expect-load-error.ts';

describe('Prometheus text format', () => {
  const text = [
    '# HELP http_requests_total Requests \\\\ served.\\nSecond line.',
    '# TYPE http_requests_total counter',
    'http_requests_total{code="200",path="/a\\"b\\\\c\\nd"} 1027 1700000000000',
    'http_requests_total{code="500", path="/"} 3 1700000000000',
    '# a free comment',
    '',
    'http_requests_total{code="200",path="/a\\"b\\\\c\\nd"} 1030 1700000015000',
    'temp{} -Inf 1700000000000',
    'temp NaN 1700000015000',
    'temp +Inf 1700000030000',
    'temp stale 1700000045000',
    'temp 1.5e3 1700000060000',
    'empty{drop="",keep="x",} 0x1p-2 5',
    '{"utf8.metric", "a.b"="c"} 1 7',
    '  spaced {a="1"}\t2   8  \r',
  ].join('\n');
  const { storage: s, format } = loadExposition(text);

  it('parses labels, escapes, special values and interleaved series', () => {
    expect(format).toBe('prometheus');
    expect(s.seriesCount).toBe(6);
    expect(s.sampleCount).toBe(11);
    const spaced = s.select([newMatcher('=', '__name__', 'spaced')]);
    expect(labelsToRecord(s.labels(spaced[0]))).toEqual({ __name__: 'spaced', a: '1' });
    expect(Array.from(s.decode(spaced[0], 0, 100).t)).toEqual([8]);
    const ids = s.select([newMatcher('=', 'code', '200')]);
    expect(labelsToRecord(s.labels(ids[0]))).toEqual({ __name__: 'http_requests_total', code: '200', path: '/a"b\\c\nd' });
    const d = s.decode(ids[0], 0, Infinity);
    expect(Array.from(d.t)).toEqual([1700000000000, 1700000015000]);
    expect(Array.from(d.v)).toEqual([1027, 1030]);
    const temp = s.decode(s.select([newMatcher('=', '__name__', 'temp')])[0], 0, Infinity);
    expect(temp.v[0]).toBe(-Infinity);
    expect(Number.isNaN(temp.v[1])).toBe(true);
    expect(temp.v[2]).toBe(Infinity);
    expect(Array.from(temp.stale!)).toEqual([0, 0, 0, 1, 0]);
    expect(temp.v[4]).toBe(1500);
    const empty = s.select([newMatcher('=', '__name__', 'empty')]);
    expect(labelsToRecord(s.labels(empty[0]))).toEqual({ __name__: 'empty', keep: 'x' });
    expect(s.decode(empty[0], 0, 10).v[0]).toBe(0.25);
    const utf8 = s.select([newMatcher('=', '__name__', 'utf8.metric')]);
    expect(labelsToRecord(s.labels(utf8[0]))).toEqual({ __name__: 'utf8.metric', 'a.b': 'c' });
  });

  it('keeps HELP and TYPE as metadata', () => {
    expect(s.metricMetadata('http_requests_total')).toEqual({ type: 'counter', help: 'Requests \\ served.\nSecond line.' });
  });

  it('reports every bad line with its number', () => {
    const cases: [string, RegExp][] = [
      ['a 1 100\na 2 100', /^line 2: duplicate sample for timestamp 100 for series a/],
      ['a 1 100\nb 1 1\na 2 50', /^line 3: out of order sample 50/],
      ['a 1', /^line 1: missing timestamp/],
      ['\n\na', /^line 3: missing value/],
      ['a{b="c} 1 2', /^line 1: unterminated quoted string/],
      ['a{b="\\t"} 1 2', /^line 1: invalid escape sequence "\\t" in label value/],
      ['a{b="1",b="2"} 1 2', /^line 1: duplicate label name "b"/],
      ['a{1b="1"} 1 2', /^line 1: invalid label name/],
      ['a{b} 1 2', /^line 1: expected "=" after label name "b"/],
      ['a{b=1} 1 2', /^line 1: expected a quoted value/],
      ['a{b="1" c="2"} 1 2', /^line 1: expected "," or "}"/],
      ['a one 2', /^line 1: invalid value "one"/],
      ['a 1 2.5', /^line 1: invalid timestamp "2.5": want integer milliseconds/],
      ['a 1 2 3', /^line 1: unexpected "3" after the timestamp/],
      ['9a 1 2', /^line 1: invalid metric name/],
      ['{b="c"} 1 2', /^line 1: missing metric name/],
      ['# TYPE a countr', /^line 1: invalid metric type "countr"/],
      ['# HELP a bad \\q escape', /^line 1: invalid escape sequence/],
      ['a{} 1 2\n{"x", __name__="y"} 1 2', /^line 2: metric name given twice/],
      ['{"x", "y"} 1 2', /^line 1: metric name given twice/],
      ['{""} 1 2', /^line 1: empty metric name/],
      ['a{b="c"}x 1 2', /^line 1: unexpected "x" after the series/],
      ['a 1 99999999999999999999', /^line 1: timestamp 99999999999999999999 out of range/],
      ['# TYPE 9x counter', /^line 1: invalid metric name "9x" in # TYPE/],
      ['# HELP a-b text', /^line 1: invalid metric name "a-b" in # HELP/],
    ];
    for (const [input, message] of cases) expectLoadError(() => loadExposition(input), message);
  });
});

describe('promtool tsdb dump', () => {
  it('reports bad Go-quoted strings with the line', () => {
    expectLoadError(() => loadExposition('{__name__="a"} 1 1\n{__name__="a\\q"} 1 2', { format: 'promtool-dump' }), /^line 2: invalid quoted string "a\\q"/);
    expectLoadError(() => loadExposition('{__name__="a} 1 1', { format: 'promtool-dump' }), /^line 1: unterminated quoted string/);
  });
});

describe('OpenMetrics text', () => {
  it('is detected by # EOF and reads timestamps in seconds exactly', () => {
    const text = '# TYPE up gauge\n# UNIT up ratio\nup{job="a"} 1 1700000000.123\nup{job="a"} 0 1700000015 # {trace_id="x"} 1 1700000015\nup{job="a"} 1 1700000030.5\n# EOF\n';
    expect(isOpenMetrics(text)).toBe(true);
    const { storage: s, format } = loadExposition(text);
    expect(format).toBe('openmetrics');
    expect(Array.from(s.decode(0, 0, Infinity).t)).toEqual([1700000000123, 1700000015000, 1700000030500]);
    expect(s.metricMetadata('up')).toEqual({ type: 'gauge', unit: 'ratio' });
  });

  it('reports OpenMetrics-specific errors with line numbers', () => {
    expectLoadError(() => loadExposition('a 1 1.0001\n# EOF'), /^line 1: timestamp 1.0001 has more than millisecond precision/);
    expectLoadError(() => loadExposition('a 1 1\n# EOF\na 2 2'), /^line 3: unexpected content after "# EOF" \(line 2\)/);
    expectLoadError(() => loadExposition('a 1 1\n', { format: 'openmetrics' }), /^line 2: OpenMetrics text must end with "# EOF"/);
    expectLoadError(() => loadExposition('a 1 x\n# EOF'), /^line 1: invalid timestamp "x": want seconds/);
    expectLoadError(() => loadExposition('a 1 1.5e-4\n# EOF'), /^line 1: invalid timestamp "1.5e-4": want seconds with at most 3 decimals/);
    expectLoadError(() => loadExposition('a 1 99999999999999\n# EOF'), /^line 1: timestamp 99999999999999 out of range/);
  });

  it('accepts float-spelled second timestamps that are whole ms', () => {
    const { storage: s } = loadExposition('a 1 1.7e9\n# EOF');
    expect(s.decode(0, 0, Infinity).t[0]).toBe(1.7e12);
  });
});
