import { describe, expect, it } from 'vitest';
import { parse } from './parser.ts';
import { childrenOf, prettyExpr, printShort } from './pretty.ts';

// Cases of Prometheus's prettier tests (promql/parser/prettier_test.go), each with the
// line width its test function sets.
const PRETTY_CASES: readonly { test: string; width: number; in: string; out: string }[] = [
  { test: "TestAggregateExprPretty", width: 10, in: "sum(foo)", out: "sum(foo)" },
  { test: "TestAggregateExprPretty", width: 10, in: "sum by() (task:errors:rate10s{job=\"s\"})", out: "sum(\n  task:errors:rate10s{job=\"s\"}\n)" },
  { test: "TestAggregateExprPretty", width: 10, in: "sum without(job,foo) (task:errors:rate10s{job=\"s\"})", out: "sum without (job, foo) (\n  task:errors:rate10s{job=\"s\"}\n)" },
  { test: "TestAggregateExprPretty", width: 10, in: "sum(task:errors:rate10s{job=\"s\"}) without(job,foo)", out: "sum without (job, foo) (\n  task:errors:rate10s{job=\"s\"}\n)" },
  { test: "TestAggregateExprPretty", width: 10, in: "sum by(job,foo) (task:errors:rate10s{job=\"s\"})", out: "sum by (job, foo) (\n  task:errors:rate10s{job=\"s\"}\n)" },
  { test: "TestAggregateExprPretty", width: 10, in: "sum (task:errors:rate10s{job=\"s\"}) by(job,foo)", out: "sum by (job, foo) (\n  task:errors:rate10s{job=\"s\"}\n)" },
  { test: "TestAggregateExprPretty", width: 10, in: "topk(10, ask:errors:rate10s{job=\"s\"})", out: "topk(\n  10,\n  ask:errors:rate10s{job=\"s\"}\n)" },
  { test: "TestAggregateExprPretty", width: 10, in: "sum by(job,foo) (sum by(job,foo) (task:errors:rate10s{job=\"s\"}))", out: "sum by (job, foo) (\n  sum by (job, foo) (\n    task:errors:rate10s{job=\"s\"}\n  )\n)" },
  { test: "TestAggregateExprPretty", width: 10, in: "sum by(job,foo) (sum by(job,foo) (sum by(job,foo) (task:errors:rate10s{job=\"s\"})))", out: "sum by (job, foo) (\n  sum by (job, foo) (\n    sum by (job, foo) (\n      task:errors:rate10s{job=\"s\"}\n    )\n  )\n)" },
  { test: "TestAggregateExprPretty", width: 10, in: "sum by(job,foo)\n(sum by(job,foo) (task:errors:rate10s{job=\"s\"}))", out: "sum by (job, foo) (\n  sum by (job, foo) (\n    task:errors:rate10s{job=\"s\"}\n  )\n)" },
  { test: "TestAggregateExprPretty", width: 10, in: "sum by(job,foo)\n(sum(task:errors:rate10s{job=\"s\"}) without(job,foo))", out: "sum by (job, foo) (\n  sum without (job, foo) (\n    task:errors:rate10s{job=\"s\"}\n  )\n)" },
  { test: "TestAggregateExprPretty", width: 10, in: "sum by(job,foo) # Comment 1.\n(sum by(job,foo) ( # Comment 2.\ntask:errors:rate10s{job=\"s\"}))", out: "sum by (job, foo) (\n  sum by (job, foo) (\n    task:errors:rate10s{job=\"s\"}\n  )\n)" },
  { test: "TestBinaryExprPretty", width: 10, in: "a+b", out: "a + b" },
  { test: "TestBinaryExprPretty", width: 10, in: "a == bool 1", out: "  a\n== bool\n  1" },
  { test: "TestBinaryExprPretty", width: 10, in: "a + ignoring(job) b", out: "  a\n+ ignoring (job)\n  b" },
  { test: "TestBinaryExprPretty", width: 10, in: "foo_1 + foo_2", out: "  foo_1\n+\n  foo_2" },
  { test: "TestBinaryExprPretty", width: 10, in: "foo_1 + foo_2 + foo_3", out: "    foo_1\n  +\n    foo_2\n+\n  foo_3" },
  { test: "TestBinaryExprPretty", width: 10, in: "foo + baar + foo_3", out: "  foo + baar\n+\n  foo_3" },
  { test: "TestBinaryExprPretty", width: 10, in: "foo_1 + foo_2 + foo_3 + foo_4", out: "      foo_1\n    +\n      foo_2\n  +\n    foo_3\n+\n  foo_4" },
  { test: "TestBinaryExprPretty", width: 10, in: "foo_1 + ignoring(foo) foo_2 + ignoring(job) group_left foo_3 + on(instance) group_right foo_4", out: "      foo_1\n    + ignoring (foo)\n      foo_2\n  + ignoring (job) group_left ()\n    foo_3\n+ on (instance) group_right ()\n  foo_4" },
  { test: "TestCallExprPretty", width: 10, in: "rate(foo[1m])", out: "rate(\n  foo[1m]\n)" },
  { test: "TestCallExprPretty", width: 10, in: "sum_over_time(foo[1m])", out: "sum_over_time(\n  foo[1m]\n)" },
  { test: "TestCallExprPretty", width: 10, in: "rate(long_vector_selector[10m:1m] @ start() offset 1m)", out: "rate(\n  long_vector_selector[10m:1m] @ start() offset 1m\n)" },
  { test: "TestCallExprPretty", width: 10, in: "histogram_quantile(0.9, rate(foo[1m]))", out: "histogram_quantile(\n  0.9,\n  rate(\n    foo[1m]\n  )\n)" },
  { test: "TestCallExprPretty", width: 10, in: "max_over_time(rate(demo_api_request_duration_seconds_count[1m])[1m:] @ start() offset 1m)", out: "max_over_time(\n  rate(\n    demo_api_request_duration_seconds_count[1m]\n  )[1m:] @ start() offset 1m\n)" },
  { test: "TestCallExprPretty", width: 10, in: "label_replace(up{job=\"api-server\",service=\"a:c\"}, \"foo\", \"$1\", \"service\", \"(.*):.*\")", out: "label_replace(\n  up{job=\"api-server\",service=\"a:c\"},\n  \"foo\",\n  \"$1\",\n  \"service\",\n  \"(.*):.*\"\n)" },
  { test: "TestCallExprPretty", width: 10, in: "label_replace(label_replace(up{job=\"api-server\",service=\"a:c\"}, \"foo\", \"$1\", \"service\", \"(.*):.*\"), \"foo\", \"$1\", \"service\", \"(.*):.*\")", out: "label_replace(\n  label_replace(\n    up{job=\"api-server\",service=\"a:c\"},\n    \"foo\",\n    \"$1\",\n    \"service\",\n    \"(.*):.*\"\n  ),\n  \"foo\",\n  \"$1\",\n  \"service\",\n  \"(.*):.*\"\n)" },
  { test: "TestParenExprPretty", width: 10, in: "(foo)", out: "(foo)" },
  { test: "TestParenExprPretty", width: 10, in: "(_foo_long_)", out: "(\n  _foo_long_\n)" },
  { test: "TestParenExprPretty", width: 10, in: "((foo_long))", out: "(\n  (foo_long)\n)" },
  { test: "TestParenExprPretty", width: 10, in: "((_foo_long_))", out: "(\n  (\n    _foo_long_\n  )\n)" },
  { test: "TestParenExprPretty", width: 10, in: "(((foo_long)))", out: "(\n  (\n    (foo_long)\n  )\n)" },
  { test: "TestStepInvariantExpr", width: 10, in: "a @ 1", out: "a @ 1.000" },
  { test: "TestStepInvariantExpr", width: 10, in: "a @ start()", out: "a @ start()" },
  { test: "TestStepInvariantExpr", width: 10, in: "vector_selector @ start()", out: "vector_selector @ start()" },
  { test: "TestExprPretty", width: 10, in: "(1 + 2)", out: "(1 + 2)" },
  { test: "TestExprPretty", width: 10, in: "(foo + bar)", out: "(\n  foo + bar\n)" },
  { test: "TestExprPretty", width: 10, in: "(foo_long + bar_long)", out: "(\n    foo_long\n  +\n    bar_long\n)" },
  { test: "TestExprPretty", width: 10, in: "(foo_long + bar_long + bar_2_long)", out: "(\n      foo_long\n    +\n      bar_long\n  +\n    bar_2_long\n)" },
  { test: "TestExprPretty", width: 10, in: "((foo_long + bar_long) + bar_2_long)", out: "(\n    (\n        foo_long\n      +\n        bar_long\n    )\n  +\n    bar_2_long\n)" },
  { test: "TestExprPretty", width: 10, in: "(1111 + 2222)", out: "(\n    1111\n  +\n    2222\n)" },
  { test: "TestExprPretty", width: 10, in: "(sum_over_time(foo[1m]))", out: "(\n  sum_over_time(\n    foo[1m]\n  )\n)" },
  { test: "TestExprPretty", width: 10, in: "histogram_quantile(0.9, rate(foo[1m] @ start()))", out: "histogram_quantile(\n  0.9,\n  rate(\n    foo[1m] @ start()\n  )\n)" },
  { test: "TestExprPretty", width: 10, in: "(label_replace(up{job=\"api-server\",service=\"a:c\"}, \"foo\", \"$1\", \"service\", \"(.*):.*\"))", out: "(\n  label_replace(\n    up{job=\"api-server\",service=\"a:c\"},\n    \"foo\",\n    \"$1\",\n    \"service\",\n    \"(.*):.*\"\n  )\n)" },
  { test: "TestExprPretty", width: 10, in: "(label_replace(label_replace(up{job=\"api-server\",service=\"a:c\"}, \"foo\", \"$1\", \"service\", \"(.*):.*\"), \"foo\", \"$1\", \"service\", \"(.*):.*\"))", out: "(\n  label_replace(\n    label_replace(\n      up{job=\"api-server\",service=\"a:c\"},\n      \"foo\",\n      \"$1\",\n      \"service\",\n      \"(.*):.*\"\n    ),\n    \"foo\",\n    \"$1\",\n    \"service\",\n    \"(.*):.*\"\n  )\n)" },
  { test: "TestExprPretty", width: 10, in: "(label_replace(label_replace((up{job=\"api-server\",service=\"a:c\"}), \"foo\", \"$1\", \"service\", \"(.*):.*\"), \"foo\", \"$1\", \"service\", \"(.*):.*\"))", out: "(\n  label_replace(\n    label_replace(\n      (\n        up{job=\"api-server\",service=\"a:c\"}\n      ),\n      \"foo\",\n      \"$1\",\n      \"service\",\n      \"(.*):.*\"\n    ),\n    \"foo\",\n    \"$1\",\n    \"service\",\n    \"(.*):.*\"\n  )\n)" },
  { test: "TestExprPretty", width: 10, in: "(node_filesystem_avail_bytes{job=\"node\",fstype!=\"\"} / node_filesystem_size_bytes{job=\"node\",fstype!=\"\"} * 100 < 40 and predict_linear(node_filesystem_avail_bytes{job=\"node\",fstype!=\"\"}[6h], 24*60*60) < 0 and node_filesystem_readonly{job=\"node\",fstype!=\"\"} == 0)", out: "(\n            node_filesystem_avail_bytes{fstype!=\"\",job=\"node\"}\n          /\n            node_filesystem_size_bytes{fstype!=\"\",job=\"node\"}\n        *\n          100\n      <\n        40\n    and\n        predict_linear(\n          node_filesystem_avail_bytes{fstype!=\"\",job=\"node\"}[6h],\n            24 * 60\n          *\n            60\n        )\n      <\n        0\n  and\n      node_filesystem_readonly{fstype!=\"\",job=\"node\"}\n    ==\n      0\n)" },
  { test: "TestExprPretty", width: 10, in: "(node_filesystem_avail_bytes{job=\"node\",fstype!=\"\"} / node_filesystem_size_bytes{job=\"node\",fstype!=\"\"} * 100 < 20 and predict_linear(node_filesystem_avail_bytes{job=\"node\",fstype!=\"\"}[6h], 4*60*60) < 0 and node_filesystem_readonly{job=\"node\",fstype!=\"\"} == 0)", out: "(\n            node_filesystem_avail_bytes{fstype!=\"\",job=\"node\"}\n          /\n            node_filesystem_size_bytes{fstype!=\"\",job=\"node\"}\n        *\n          100\n      <\n        20\n    and\n        predict_linear(\n          node_filesystem_avail_bytes{fstype!=\"\",job=\"node\"}[6h],\n            4 * 60\n          *\n            60\n        )\n      <\n        0\n  and\n      node_filesystem_readonly{fstype!=\"\",job=\"node\"}\n    ==\n      0\n)" },
  { test: "TestExprPretty", width: 10, in: "(node_timex_offset_seconds > 0.05 and deriv(node_timex_offset_seconds[5m]) >= 0) or (node_timex_offset_seconds < -0.05 and deriv(node_timex_offset_seconds[5m]) <= 0)", out: "  (\n        node_timex_offset_seconds\n      >\n        0.05\n    and\n        deriv(\n          node_timex_offset_seconds[5m]\n        )\n      >=\n        0\n  )\nor\n  (\n        node_timex_offset_seconds\n      <\n        -0.05\n    and\n        deriv(\n          node_timex_offset_seconds[5m]\n        )\n      <=\n        0\n  )" },
  { test: "TestExprPretty", width: 10, in: "1 - ((node_memory_MemAvailable_bytes{job=\"node\"} or (node_memory_Buffers_bytes{job=\"node\"} + node_memory_Cached_bytes{job=\"node\"} + node_memory_MemFree_bytes{job=\"node\"} + node_memory_Slab_bytes{job=\"node\"}) ) / node_memory_MemTotal_bytes{job=\"node\"})", out: "  1\n-\n  (\n      (\n          node_memory_MemAvailable_bytes{job=\"node\"}\n        or\n          (\n                  node_memory_Buffers_bytes{job=\"node\"}\n                +\n                  node_memory_Cached_bytes{job=\"node\"}\n              +\n                node_memory_MemFree_bytes{job=\"node\"}\n            +\n              node_memory_Slab_bytes{job=\"node\"}\n          )\n      )\n    /\n      node_memory_MemTotal_bytes{job=\"node\"}\n  )" },
  { test: "TestExprPretty", width: 10, in: "min by (job, integration) (rate(alertmanager_notifications_failed_total{job=\"alertmanager\", integration=~\".*\"}[5m]) / rate(alertmanager_notifications_total{job=\"alertmanager\", integration=\"~.*\"}[5m])) > 0.01", out: "  min by (job, integration) (\n      rate(\n        alertmanager_notifications_failed_total{integration=~\".*\",job=\"alertmanager\"}[5m]\n      )\n    /\n      rate(\n        alertmanager_notifications_total{integration=\"~.*\",job=\"alertmanager\"}[5m]\n      )\n  )\n>\n  0.01" },
  { test: "TestExprPretty", width: 10, in: "(count by (job) (changes(process_start_time_seconds{job=\"alertmanager\"}[10m]) > 4) / count by (job) (up{job=\"alertmanager\"})) >= 0.5", out: "  (\n      count by (job) (\n          changes(\n            process_start_time_seconds{job=\"alertmanager\"}[10m]\n          )\n        >\n          4\n      )\n    /\n      count by (job) (\n        up{job=\"alertmanager\"}\n      )\n  )\n>=\n  0.5" },
  { test: "TestUnaryPretty", width: 10, in: "-1", out: "-1" },
  { test: "TestUnaryPretty", width: 10, in: "-vector_selector", out: "-vector_selector" },
  { test: "TestUnaryPretty", width: 10, in: "(-vector_selector)", out: "(\n  -vector_selector\n)" },
  { test: "TestUnaryPretty", width: 10, in: "-histogram_quantile(0.9,rate(foo[1m]))", out: "-histogram_quantile(\n  0.9,\n  rate(\n    foo[1m]\n  )\n)" },
  { test: "TestUnaryPretty", width: 10, in: "-histogram_quantile(0.99, sum by (le) (rate(foo[1m])))", out: "-histogram_quantile(\n  0.99,\n  sum by (le) (\n    rate(\n      foo[1m]\n    )\n  )\n)" },
  { test: "TestUnaryPretty", width: 10, in: "-histogram_quantile(0.9, -rate(foo[1m] @ start()))", out: "-histogram_quantile(\n  0.9,\n  -rate(\n    foo[1m] @ start()\n  )\n)" },
  { test: "TestUnaryPretty", width: 10, in: "(-histogram_quantile(0.9, -rate(foo[1m] @ start())))", out: "(\n  -histogram_quantile(\n    0.9,\n    -rate(\n      foo[1m] @ start()\n    )\n  )\n)" },
  { test: "TestDurationExprPretty", width: 10, in: "rate(foo[2*1h])", out: "rate(\n  foo[2 * 1h]\n)" },
  { test: "TestDurationExprPretty", width: 10, in: "rate(foo[2*1h])", out: "rate(\n  foo[2 * 1h]\n)" },
  { test: "TestDurationExprPretty", width: 10, in: "rate(foo[-5m+35m])", out: "rate(\n  foo[-5m + 35m]\n)" },
];

describe('prettyExpr', () => {
  for (const c of PRETTY_CASES) {
    it(`${c.test}: ${JSON.stringify(c.in).slice(0, 70)}`, () => {
      expect(prettyExpr(parse(c.in), c.width)).toBe(c.out);
    });
  }

  it('keeps short queries on one line at the default width', () => {
    expect(prettyExpr(parse('sum by (job) (rate(x[5m]))'))).toBe('sum by (job) (rate(x[5m]))');
  });
});

describe('printShort and childrenOf', () => {
  it('label nodes as ShortString does', () => {
    expect(printShort(parse('sum by (a) (x)'))).toBe('sum by (a) ');
    expect(printShort(parse('a * on (b) group_left c'))).toBe('* on (b) group_left ()');
    expect(printShort(parse('rate(x[5m] offset 1m)'))).toBe('rate');
    const call = parse('rate(x[5m] offset 1m)');
    expect(call.type === 'Call' && printShort(call.args[0])).toBe('[5m] offset 1m');
    expect(printShort(parse('x[5m:1m] @ 10'))).toBe('[5m:1m] @ 10.000');
    const bracketInValue = parse('rate(x{a="[z"}[5m])');
    expect(bracketInValue.type === 'Call' && printShort(bracketInValue.args[0])).toBe('[5m]');
  });

  it('lists children in evaluation order', () => {
    expect(childrenOf(parse('topk(3, x)')).map((c) => c.type)).toEqual(['VectorSelector', 'NumberLiteral']);
    expect(childrenOf(parse('a + 1')).map((c) => c.type)).toEqual(['VectorSelector', 'NumberLiteral']);
    expect(childrenOf(parse('x'))).toEqual([]);
  });
});
