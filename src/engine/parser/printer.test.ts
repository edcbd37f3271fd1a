import { describe, expect, it } from 'vitest';
import { parse } from './parser.ts';
import { formatFloatF, formatFloatG, printExpr } from './printer.ts';

// Cases of Prometheus's TestExprString (promql/parser/printer_test.go): `out` is what
// Prometheus prints for `in` (it equals `in` where the Go test gives no `out`).
const PRINT_CASES: readonly { in: string; out: string }[] = [
  { in: "sum by() (task:errors:rate10s{job=\"s\"})", out: "sum(task:errors:rate10s{job=\"s\"})" },
  { in: "sum by(code) (task:errors:rate10s{job=\"s\"})", out: "sum by (code) (task:errors:rate10s{job=\"s\"})" },
  { in: "sum without() (task:errors:rate10s{job=\"s\"})", out: "sum without () (task:errors:rate10s{job=\"s\"})" },
  { in: "sum without(instance) (task:errors:rate10s{job=\"s\"})", out: "sum without (instance) (task:errors:rate10s{job=\"s\"})" },
  { in: "sum by(\"foo.bar\") (task:errors:rate10s{job=\"s\"})", out: "sum by (\"foo.bar\") (task:errors:rate10s{job=\"s\"})" },
  { in: "sum without(\"foo.bar\") (task:errors:rate10s{job=\"s\"})", out: "sum without (\"foo.bar\") (task:errors:rate10s{job=\"s\"})" },
  { in: "topk(5, task:errors:rate10s{job=\"s\"})", out: "topk(5, task:errors:rate10s{job=\"s\"})" },
  { in: "count_values(\"value\", task:errors:rate10s{job=\"s\"})", out: "count_values(\"value\", task:errors:rate10s{job=\"s\"})" },
  { in: "a - on() c", out: "a - on () c" },
  { in: "a - on(b) c", out: "a - on (b) c" },
  { in: "a - on(b) group_left(x) c", out: "a - on (b) group_left (x) c" },
  { in: "a - on(b) group_left(x, y) c", out: "a - on (b) group_left (x, y) c" },
  { in: "a - on(b) group_left c", out: "a - on (b) group_left () c" },
  { in: "a - on(b) group_left() (c)", out: "a - on (b) group_left () (c)" },
  { in: "a - ignoring(b) c", out: "a - ignoring (b) c" },
  { in: "a - ignoring() c", out: "a - c" },
  { in: "a - ignoring() group_left c", out: "a - ignoring () group_left () c" },
  { in: "a + fill(-23) b", out: "a + fill (-23) b" },
  { in: "a + fill_left(-23) b", out: "a + fill_left (-23) b" },
  { in: "a + fill_right(42) b", out: "a + fill_right (42) b" },
  { in: "a + fill_left(-23) fill_right(42) b", out: "a + fill_left (-23) fill_right (42) b" },
  { in: "a + fill_left(5) fill_right(5) b", out: "a + fill (5) b" },
  { in: "a + on(b) group_left fill(-23) c", out: "a + on (b) group_left () fill (-23) c" },
  { in: "up > bool 0", out: "up > bool 0" },
  { in: "a offset 1m", out: "a offset 1m" },
  { in: "a offset -7m", out: "a offset -7m" },
  { in: "a{c=\"d\"}[5m] offset 1m", out: "a{c=\"d\"}[5m] offset 1m" },
  { in: "a[5m] offset 1m", out: "a[5m] offset 1m" },
  { in: "a[12m] offset -3m", out: "a[12m] offset -3m" },
  { in: "a[1h:5m] offset 1m", out: "a[1h:5m] offset 1m" },
  { in: "a anchored", out: "a anchored" },
  { in: "a[5m] anchored", out: "a[5m] anchored" },
  { in: "a{b=\"c\"}[5m] anchored", out: "a{b=\"c\"}[5m] anchored" },
  { in: "a{b=\"c\"}[5m] anchored offset 1m", out: "a{b=\"c\"}[5m] anchored offset 1m" },
  { in: "a{b=\"c\"}[5m] anchored @ start() offset 1m", out: "a{b=\"c\"}[5m] anchored @ start() offset 1m" },
  { in: "a smoothed", out: "a smoothed" },
  { in: "a[5m] smoothed", out: "a[5m] smoothed" },
  { in: "a{b=\"c\"}[5m] smoothed", out: "a{b=\"c\"}[5m] smoothed" },
  { in: "a{b=\"c\"}[5m] smoothed offset 1m", out: "a{b=\"c\"}[5m] smoothed offset 1m" },
  { in: "a{b=\"c\"}[5m] smoothed @ start() offset 1m", out: "a{b=\"c\"}[5m] smoothed @ start() offset 1m" },
  { in: "{__name__=\"a\"}", out: "{__name__=\"a\"}" },
  { in: "a{b!=\"c\"}[1m]", out: "a{b!=\"c\"}[1m]" },
  { in: "a{b=~\"c\"}[1m]", out: "a{b=~\"c\"}[1m]" },
  { in: "a{b!~\"c\"}[1m]", out: "a{b!~\"c\"}[1m]" },
  { in: "a @ 10", out: "a @ 10.000" },
  { in: "a[1m] @ 10", out: "a[1m] @ 10.000" },
  { in: "a @ start()", out: "a @ start()" },
  { in: "a @ end()", out: "a @ end()" },
  { in: "a[1m] @ start()", out: "a[1m] @ start()" },
  { in: "a[1m] @ end()", out: "a[1m] @ end()" },
  { in: "{__name__=\"\",a=\"x\"}", out: "{__name__=\"\",a=\"x\"}" },
  { in: "{\"a.b\"=\"c\"}", out: "{\"a.b\"=\"c\"}" },
  { in: "{\"0\"=\"1\"}", out: "{\"0\"=\"1\"}" },
  { in: "{\"_0\"=\"1\"}", out: "{_0=\"1\"}" },
  { in: "{\"\"=\"0\"}", out: "{\"\"=\"0\"}" },
  { in: "{``=\"0\"}", out: "{\"\"=\"0\"}" },
  { in: "1048576", out: "1048576" },
  { in: "foo[step()]", out: "foo[step()]" },
  { in: "foo[-step()]", out: "foo[-step()]" },
  { in: "foo[(step())]", out: "foo[(step())]" },
  { in: "foo[-(step())]", out: "foo[-(step())]" },
  { in: "foo offset step()", out: "foo offset step()" },
  { in: "foo offset -step()", out: "foo offset -step()" },
  { in: "foo offset (step())", out: "foo offset (step())" },
  { in: "foo offset -(step())", out: "foo offset -(step())" },
  { in: "foo offset +(5)", out: "foo offset (5)" },
  { in: "foo offset -(5)", out: "foo offset -(5)" },
  { in: "foo offset (5)", out: "foo offset (5)" },
  { in: "foo offset (5m)", out: "foo offset (5m)" },
  { in: "foo[(5s)]", out: "foo[(5s)]" },
  { in: "foo[(5m):(1m)]", out: "foo[(5m):(1m)]" },
  { in: "foo offset +min_of(10s, 20s)", out: "foo offset min_of(10s, 20s)" },
  { in: "foo offset -min_of(10s, 20s)", out: "foo offset -min_of(10s, 20s)" },
  { in: "foo offset -min_of(10s, +max_of(step() ^ 2, 2))", out: "foo offset -min_of(10s, max_of(step() ^ 2, 2))" },
  { in: "foo[200-min_of(-step()^+step(),1)]", out: "foo[200 - min_of(-step() ^ step(), 1)]" },
  { in: "foo[200 - min_of(step() + 10s, -max_of(step() ^ 2, 3))]", out: "foo[200 - min_of(step() + 10s, -max_of(step() ^ 2, 3))]" },
  { in: "foo[range()]", out: "foo[range()]" },
  { in: "foo[-range()]", out: "foo[-range()]" },
  { in: "foo offset range()", out: "foo offset range()" },
  { in: "foo offset -range()", out: "foo offset -range()" },
  { in: "foo[max_of(range(), 5s)]", out: "foo[max_of(range(), 5s)]" },
  { in: "predict_linear(foo[1h], 3000)", out: "predict_linear(foo[1h], 3000)" },
  { in: "sum by(\"üüü\") (foo)", out: "sum by (\"üüü\") (foo)" },
  { in: "sum without(\"äää\") (foo)", out: "sum without (\"äää\") (foo)" },
  { in: "count by(\"ööö\", job) (foo)", out: "count by (\"ööö\", job) (foo)" },
];

describe('printExpr', () => {
  for (const c of PRINT_CASES) {
    it(`prints ${JSON.stringify(c.in)}`, () => {
      const printed = printExpr(parse(c.in));
      expect(printed).toBe(c.out);
      // Printing is idempotent: the output parses and prints the same.
      expect(printExpr(parse(printed))).toBe(printed);
    });
  }

  const more: { in: string; out: string }[] = [
    { in: 'sum(x) by (a)', out: 'sum by (a) (x)' },
    { in: 'a * on() group_right b', out: 'a * on () group_right () b' },
    { in: '1 + 2 * 3', out: '1 + 2 * 3' },
    { in: '(1 + 2) * 3', out: '(1 + 2) * 3' },
    { in: '-(1)', out: '-(1)' },
    { in: '-foo', out: '-foo' },
    { in: '0x1F', out: '31' },
    { in: '1e-7', out: '0.0000001' },
    { in: 'NaN', out: 'NaN' },
    { in: '-Inf', out: '-Inf' },
    { in: '5m', out: '5m' },
    { in: '"a\\nb\\x00"', out: '"a\\nb\\x00"' },
    { in: "'single'", out: '"single"' },
    { in: 'foo[90s]', out: 'foo[1m30s]' },
    { in: 'foo[1001ms]', out: 'foo[1s1ms]' },
    { in: 'foo[5m:] @ end() offset -1m', out: 'foo[5m:] @ end() offset -1m' },
    { in: 'foo @ 1.5', out: 'foo @ 1.500' },
    { in: 'foo[step()+1ms]', out: 'foo[step() + 1ms]' },
    { in: 'foo offset STEP()', out: 'foo offset step()' },
    { in: 'x offset -min_of(step(), 1s)+8000', out: 'x offset -min_of(step(), 1s) + 8000' },
    // NaN != NaN, so upstream cannot fold the pair into fill (…).
    { in: 'a + fill(NaN) b', out: 'a + fill_left (NaN) fill_right (NaN) b' },
    { in: 'a </ 0.5', out: 'a </ 0.5' },
    { in: 'info(x, {k=~"v.+"})', out: 'info(x, {k=~"v.+"})' },
    { in: 'count_values by (a) ("v", x)', out: 'count_values by (a) ("v", x)' },
    { in: '{"a.b"}', out: '{__name__="a.b"}' },
  ];
  for (const c of more) {
    it(`prints ${JSON.stringify(c.in)}`, () => {
      expect(printExpr(parse(c.in))).toBe(c.out);
    });
  }
});

describe('Go float formatting', () => {
  it("formats like strconv 'f' -1", () => {
    expect([0, -0, 1.5, 1e21, 1.5e-7, 123456789012345680000, NaN, Infinity, -Infinity].map(formatFloatF)).toEqual([
      '0', '-0', '1.5', '1000000000000000000000', '0.00000015', '123456789012345680000', 'NaN', '+Inf', '-Inf',
    ]);
  });
  it("formats like %v ('g' -1)", () => {
    expect([0, 1.5, 100000, 1e6, 1234567, 0.0001, 0.00001, -2.5e-10, 1e21].map(formatFloatG)).toEqual([
      '0', '1.5', '100000', '1e+06', '1.234567e+06', '0.0001', '1e-05', '-2.5e-10', '1e+21',
    ]);
  });
});
