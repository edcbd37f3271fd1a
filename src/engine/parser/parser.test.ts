import { describe, expect, it } from 'vitest';
import { PromQLError } from '../model/errors.ts';
import type { BinaryExpr, Expr, MatrixSelector, SubqueryExpr, VectorSelector } from './ast.ts';
import { parse, parseWithDiagnostics } from './parser.ts';

// Inputs and first errors taken from Prometheus's promql/parser/parse_test.go (`testExpr`),
// written in our form: messages with the `line:col: parse error:` prefix Prometheus prints,
// ranges as UTF-16 offsets.
/** Inputs that parse (Prometheus parse_test.go `testExpr` cases without `fail`). */
const VALID_INPUTS: readonly string[] = [
  "1",
  "+Inf",
  "-Inf",
  ".5",
  "5.",
  "123.4567",
  "5e-3",
  "5e3",
  "0xc",
  "0755",
  "+5.5e-3",
  "-0755",
  "1 + 1",
  "1 - 1",
  "1 * 1",
  "1 % 1",
  "1 / 1",
  "1 == bool 1",
  "1 != bool 1",
  "1 > bool 1",
  "1 >= bool 1",
  "1 < bool 1",
  "1 <= bool 1",
  "-1^2",
  "-1*2",
  "-1+2",
  "-1^-2",
  "+1 + -2 * 1",
  "1 + 2/(3*1)",
  "1 < bool 2 - 1 * 2",
  "-some_metric",
  "+some_metric",
  " +some_metric",
  " +{\"some_metric\"}",
  "offset{step=\"1s\"}[5m]",
  "step{offset=\"1s\"}[5m]",
  "anchored{job=\"test\"}",
  "smoothed{job=\"test\"}",
  "foo * bar",
  "foo * sum",
  "foo == 1",
  "foo == bool 1",
  "2.5 / bar",
  "foo and bar",
  "foo or bar",
  "foo unless bar",
  "foo * on(test,blub) bar",
  "foo * on(test,blub) group_left bar",
  "foo and on(test,blub) bar",
  "foo and on() bar",
  "foo and ignoring(test,blub) bar",
  "foo and ignoring() bar",
  "foo unless on(bar) baz",
  "foo / on(test,blub) group_left(bar) bar",
  "foo / ignoring(test,blub) group_left(blub) bar",
  "foo / ignoring(test,blub) group_left(bar) bar",
  "foo - on(test,blub) group_right(bar,foo) bar",
  "foo - ignoring(test,blub) group_right(bar,foo) bar",
  "foo",
  "min",
  "foo offset 5m",
  "foo offset -7m",
  "foo offset +(5)",
  "foo offset -(5)",
  "foo offset (5)",
  "foo[(5s)]",
  "foo OFFSET 1h30m",
  "foo OFFSET 1m30ms",
  "foo @ 1603774568",
  "foo @ -100",
  "foo @ .3",
  "foo @ 3.",
  "foo @ 3.33",
  "foo @ 3e2",
  "foo @ 3e-1",
  "foo @ 0xA",
  "foo @ -3.3e1",
  "foo:bar{a=\"bc\"}",
  "{\"foo\"}",
  "{'foo\\'bar', 'a\\\\dos\\\\path'='boo\\\\urns'}",
  "{\"foo\", a=\"bc\"}",
  "foo{NaN='bc'}",
  "foo{bar='}'}",
  "foo{a=\"b\", foo!=\"bar\", test=~\"test\", bar!~\"baz\"}",
  "foo{a=\"b\", foo!=\"bar\", test=~\"test\", bar!~\"baz\",}",
  "test[1000ms]",
  "test[1001ms]",
  "test[1002ms]",
  "test[5s]",
  "test[5m]",
  "foo[5m30s]",
  "test[5h] OFFSET 5m",
  "test[5d] OFFSET 10s",
  "test[5w] offset 2w",
  "test{a=\"b\"}[5y] OFFSET 3d",
  "test{a=\"b\"}[5m] OFFSET 3600",
  "foo[3ms] @ 2.345",
  "foo[4s180ms] @ 2.345",
  "foo[4.18] @ 2.345",
  "foo[4s18ms] @ 2.345",
  "foo[4.018] @ 2.345",
  "test{a=\"b\"}[5y] @ 1603774699",
  "test[5]",
  "some_metric[5m] @ 1m",
  "sum by (foo)(some_metric)",
  "sum by (anchored)(some_metric)",
  "sum by (smoothed)(some_metric)",
  "sum by (\"foo bar\")({\"some.metric\"})",
  "sum by (\"foo\", bar, 'baz')({\"some.metric\"})",
  "avg by (foo)(some_metric)",
  "max by (foo)(some_metric)",
  "sum without (foo) (some_metric)",
  "sum (some_metric) without (foo)",
  "stddev(some_metric)",
  "stdvar by (foo)(some_metric)",
  "sum by ()(some_metric)",
  "sum by (foo,bar,)(some_metric)",
  "sum by (foo,)(some_metric)",
  "topk(5, some_metric)",
  "count_values(\"value\", some_metric)",
  "time()",
  "floor(some_metric{foo!=\"bar\"})",
  "rate(some_metric[5m])",
  "round(some_metric)",
  "round(some_metric, 5)",
  "sum(sum)",
  "a + sum",
  "\"double-quoted string \\\" with escaped quote\"",
  "'single-quoted string \\' with escaped quote'",
  "`backtick-quoted string`",
  "\"\\a\\b\\f\\n\\r\\t\\v\\\\\\\" - \\xFF\\377\\u1234\\U00010111\\U0001011111☺\"",
  "'\\a\\b\\f\\n\\r\\t\\v\\\\\\' - \\xFF\\377\\u1234\\U00010111\\U0001011111☺'",
  "foo{bar=\"baz\"}[10m:6s]",
  "foo{bar=\"baz\"}[10m5s:1h6ms]",
  "foo[10m:]",
  "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:5s])",
  "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:])[4m:3s]",
  "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:] offset 4m)[4m:3s]",
  "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:] @ 1603775091)[4m:3s]",
  "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:] @ -160377509)[4m:3s]",
  "sum without(and, by, avg, count, alert, annotations)(some_metric) [30m:10s]",
  "some_metric OFFSET 1m [10m:5s]",
  "some_metric @ 123 [10m:5s]",
  "some_metric @ 123 offset 1m [10m:5s]",
  "some_metric offset 1m @ 123 [10m:5s]",
  "some_metric[10m:5s] offset 1m @ 123",
  "(foo + bar{nm=\"val\"})[5m:]",
  "(foo + bar{nm=\"val\"})[5m:] offset 10m",
  "(foo + bar{nm=\"val\"} @ 1234)[5m:] @ 1603775019",
  "foo @ start()",
  "foo @ end()",
  "test[5y] @ start()",
  "test[5y] @ end()",
  "foo[10m:6s] @ start()",
  "foo[10m:6s] @ end()",
  "start()",
  "end()",
  "start",
  "end",
  "start{end=\"foo\"}",
  "end{start=\"foo\"}",
  "foo unless on(start) bar",
  "foo unless on(end) bar",
  "info(rate(http_request_counter_total{}[5m]))",
  "info(http_request_counter_total{namespace=\"zzz\"}, {foo=\"bar\", bar=\"baz\"})",
  "foo[11s+10s-5*2^2]",
  "foo[-(10s-5s)+20s]",
  "foo[-10s+15s]",
  "foo[step()]",
  "foo[  -  step  (  )  ]",
  "foo[   step  (  )  ]",
  "foo[-step()]",
  "foo offset step()",
  "foo offset -step()",
  "foo[max_of(step(),5s)]",
  "foo offset max_of(step(),5s)",
  "foo offset -min_of(5s,step()+8s)",
  "foo[range()]",
  "foo[2m/range()]",
  "foo[-range()]",
  "foo offset range()",
  "foo offset -range()",
  "foo[max_of(range(),5s)]",
  "foo[4s+4s:1s*2] offset (5s-8)",
  "foo offset 5s-8",
  "rate(foo[2m+2m])",
  "foo offset -1^1",
  "foo offset -(1^2)",
  "foo offset (-1^2)",
  "foo[-2^2]",
  "foo[0+-2^2]",
  "(sum(foo))",
  "(sum(foo) )",
  "(sum(foo) by (bar))",
  "(sum by (bar) (foo))",
  "sum by (job)(rate(http_requests_total[30m]))",
];

/** Failing inputs with the first error Prometheus reports (ranges converted to UTF-16 offsets). */
const INVALID_INPUTS: readonly { input: string; message: string; from: number; to: number }[] = [
  { input: "", message: "1:1: parse error: no expression found in input", from: 0, to: 0 },
  { input: "# just a comment\n\n", message: "1:1: parse error: no expression found in input", from: 0, to: 0 },
  { input: "1+", message: "1:3: parse error: unexpected end of input", from: 2, to: 2 },
  { input: ".", message: "1:1: parse error: unexpected character: '.'", from: 0, to: 1 },
  { input: "2.5.", message: "1:1: parse error: bad number or duration syntax: \"2.5.\"", from: 0, to: 4 },
  { input: "100..4", message: "1:1: parse error: bad number or duration syntax: \"100..\"", from: 0, to: 6 },
  { input: "0deadbeef", message: "1:1: parse error: bad number or duration syntax: \"0de\"", from: 0, to: 9 },
  { input: "1 /", message: "1:4: parse error: unexpected end of input", from: 3, to: 3 },
  { input: "*1", message: "1:1: parse error: unexpected <op:*>", from: 0, to: 1 },
  { input: "(1))", message: "1:5: parse error: unexpected right parenthesis ')'", from: 4, to: 4 },
  { input: "((1)", message: "1:5: parse error: unclosed left parenthesis", from: 4, to: 4 },
  { input: "999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999", message: "1:1: parse error: error parsing number: strconv.ParseFloat: parsing \"999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999\": value out of range", from: 0, to: 309 },
  { input: "(", message: "1:2: parse error: unclosed left parenthesis", from: 1, to: 1 },
  { input: "1 and 1", message: "1:1: parse error: set operator \"and\" not allowed in binary scalar expression", from: 0, to: 7 },
  { input: "1 == 1", message: "1:3: parse error: comparisons between scalars must use BOOL modifier", from: 2, to: 3 },
  { input: "1 or 1", message: "1:1: parse error: set operator \"or\" not allowed in binary scalar expression", from: 0, to: 6 },
  { input: "1 unless 1", message: "1:1: parse error: set operator \"unless\" not allowed in binary scalar expression", from: 0, to: 10 },
  { input: "1 !~ 1", message: "1:3: parse error: unexpected character after '!': '~'", from: 2, to: 6 },
  { input: "1 =~ 1", message: "1:3: parse error: unexpected character after '=': '~'", from: 2, to: 6 },
  { input: "-\"string\"", message: "1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got \"string\"", from: 0, to: 9 },
  { input: "-test[5m]", message: "1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got \"range vector\"", from: 0, to: 9 },
  { input: "*test", message: "1:1: parse error: unexpected <op:*>", from: 0, to: 1 },
  { input: "@@", message: "1:1: parse error: unexpected <op:@>", from: 0, to: 1 },
  { input: "1 offset 1d", message: "1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery", from: 0, to: 1 },
  { input: "foo offset 1s offset 2s", message: "1:1: parse error: offset may not be set multiple times", from: 0, to: 13 },
  { input: "a - on(b) ignoring(c) d", message: "1:11: parse error: unexpected <ignoring>", from: 10, to: 18 },
  { input: "foo and 1", message: "1:1: parse error: set operator \"and\" not allowed in binary scalar expression", from: 0, to: 9 },
  { input: "1 and foo", message: "1:1: parse error: set operator \"and\" not allowed in binary scalar expression", from: 0, to: 9 },
  { input: "foo or 1", message: "1:1: parse error: set operator \"or\" not allowed in binary scalar expression", from: 0, to: 8 },
  { input: "1 or foo", message: "1:1: parse error: set operator \"or\" not allowed in binary scalar expression", from: 0, to: 8 },
  { input: "foo unless 1", message: "1:1: parse error: set operator \"unless\" not allowed in binary scalar expression", from: 0, to: 12 },
  { input: "1 unless foo", message: "1:1: parse error: set operator \"unless\" not allowed in binary scalar expression", from: 0, to: 12 },
  { input: "1 or on(bar) foo", message: "1:1: parse error: vector matching only allowed between instant vectors", from: 0, to: 16 },
  { input: "foo == on(bar) 10", message: "1:1: parse error: vector matching only allowed between instant vectors", from: 0, to: 17 },
  { input: "foo + group_left(baz) bar", message: "1:7: parse error: unexpected <group_left>", from: 6, to: 16 },
  { input: "foo and on(bar) group_left(baz) bar", message: "1:1: parse error: no grouping allowed for \"and\" operation", from: 0, to: 35 },
  { input: "foo and on(bar) group_right(baz) bar", message: "1:1: parse error: no grouping allowed for \"and\" operation", from: 0, to: 36 },
  { input: "foo or on(bar) group_left(baz) bar", message: "1:1: parse error: no grouping allowed for \"or\" operation", from: 0, to: 34 },
  { input: "foo or on(bar) group_right(baz) bar", message: "1:1: parse error: no grouping allowed for \"or\" operation", from: 0, to: 35 },
  { input: "foo unless on(bar) group_left(baz) bar", message: "1:1: parse error: no grouping allowed for \"unless\" operation", from: 0, to: 38 },
  { input: "foo unless on(bar) group_right(baz) bar", message: "1:1: parse error: no grouping allowed for \"unless\" operation", from: 0, to: 39 },
  { input: "http_requests{group=\"production\"} + on(instance) group_left(job,instance) cpu_count{type=\"smp\"}", message: "1:35: parse error: label \"instance\" must not occur in ON and GROUP clause at once", from: 34, to: 72 },
  { input: "foo + bool bar", message: "1:5: parse error: bool modifier can only be used on comparison operators", from: 4, to: 9 },
  { input: "foo + bool 10", message: "1:5: parse error: bool modifier can only be used on comparison operators", from: 4, to: 9 },
  { input: "foo and bool 10", message: "1:5: parse error: bool modifier can only be used on comparison operators", from: 4, to: 11 },
  { input: "http_requests{group=\"production\"} + on(instance) group_left(job,instance) cpu_count{type=\"smp\"}", message: "1:35: parse error: label \"instance\" must not occur in ON and GROUP clause at once", from: 34, to: 72 },
  { input: "foo @ +Inf", message: "1:1: parse error: timestamp out of bounds for @ modifier: +Inf", from: 0, to: 3 },
  { input: "foo @ -Inf", message: "1:1: parse error: timestamp out of bounds for @ modifier: -Inf", from: 0, to: 3 },
  { input: "foo @ NaN", message: "1:1: parse error: timestamp out of bounds for @ modifier: NaN", from: 0, to: 3 },
  { input: "{", message: "1:2: parse error: unexpected end of input inside braces", from: 1, to: 1 },
  { input: "}", message: "1:1: parse error: unexpected character: '}'", from: 0, to: 1 },
  { input: "some{", message: "1:6: parse error: unexpected end of input inside braces", from: 5, to: 5 },
  { input: "some}", message: "1:5: parse error: unexpected character: '}'", from: 4, to: 5 },
  { input: "some_metric{a=b}", message: "1:15: parse error: unexpected identifier \"b\" in label matching, expected string", from: 14, to: 15 },
  { input: "some_metric{a:b=\"b\"}", message: "1:14: parse error: unexpected character inside braces: ':'", from: 13, to: 20 },
  { input: "foo{a*\"b\"}", message: "1:6: parse error: unexpected character inside braces: '*'", from: 5, to: 10 },
  { input: "foo{a>=\"b\"}", message: "1:6: parse error: unexpected character inside braces: '>'", from: 5, to: 11 },
  { input: "foo{gibberish}", message: "1:14: parse error: unexpected \"}\" in label matching, expected label matching operator", from: 13, to: 14 },
  { input: "foo{1}", message: "1:5: parse error: unexpected character inside braces: '1'", from: 4, to: 6 },
  { input: "{}", message: "1:1: parse error: vector selector must contain at least one non-empty matcher", from: 0, to: 2 },
  { input: "{x=\"\"}", message: "1:1: parse error: vector selector must contain at least one non-empty matcher", from: 0, to: 6 },
  { input: "{x=~\".*\"}", message: "1:1: parse error: vector selector must contain at least one non-empty matcher", from: 0, to: 9 },
  { input: "{x!~\".+\"}", message: "1:1: parse error: vector selector must contain at least one non-empty matcher", from: 0, to: 9 },
  { input: "{x!=\"a\"}", message: "1:1: parse error: vector selector must contain at least one non-empty matcher", from: 0, to: 8 },
  { input: "foo{__name__=\"bar\"}", message: "1:1: parse error: metric name must not be set twice: \"foo\" or \"bar\"", from: 0, to: 19 },
  { input: "foo{__name__= =}", message: "1:15: parse error: unexpected \"=\" in label matching, expected string", from: 14, to: 15 },
  { input: "foo{,}", message: "1:5: parse error: unexpected \",\" in label matching, expected identifier or \"}\"", from: 4, to: 5 },
  { input: "foo{__name__ == \"bar\"}", message: "1:15: parse error: unexpected \"=\" in label matching, expected string", from: 14, to: 15 },
  { input: "foo{__name__=\"bar\" lol}", message: "1:20: parse error: unexpected identifier \"lol\" in label matching, expected \",\" or \"}\"", from: 19, to: 22 },
  { input: "foo{\"a\"=}", message: "1:9: parse error: unexpected \"}\" in label matching, expected string", from: 8, to: 9 },
  { input: "foo[5mm]", message: "1:5: parse error: bad number or duration syntax: \"5mm\"", from: 4, to: 8 },
  { input: "foo[5m1]", message: "1:5: parse error: bad number or duration syntax: \"5m1\"", from: 4, to: 8 },
  { input: "foo[5m:1m1]", message: "1:8: parse error: bad number or duration syntax: \"1m1\"", from: 7, to: 11 },
  { input: "foo[5y1hs]", message: "1:5: parse error: unknown unit \"hs\" in duration \"5y1hs\"", from: 4, to: 9 },
  { input: "foo[5m1h]", message: "1:5: parse error: not a valid duration string: \"5m1h\"", from: 4, to: 8 },
  { input: "foo[5m1m]", message: "1:5: parse error: not a valid duration string: \"5m1m\"", from: 4, to: 8 },
  { input: "foo[0m]", message: "1:5: parse error: duration must be greater than 0", from: 4, to: 6 },
  { input: "foo[\"5m\"]", message: "1:5: parse error: unexpected character in duration expression: '\"'", from: 4, to: 9 },
  { input: "foo[]", message: "1:5: parse error: unexpected \"]\" in subquery or range selector, expected number, duration, step(), or range()", from: 4, to: 5 },
  { input: "foo[-1]", message: "1:5: parse error: duration must be greater than 0", from: 4, to: 6 },
  { input: "some_metric[5m] OFFSET 1mm", message: "1:24: parse error: bad number or duration syntax: \"1mm\"", from: 23, to: 26 },
  { input: "some_metric[5m] OFFSET", message: "1:23: parse error: unexpected end of input in offset, expected number, duration, step(), or range()", from: 22, to: 22 },
  { input: "some_metric OFFSET 1m[5m]", message: "1:22: parse error: no offset modifiers allowed before range", from: 21, to: 25 },
  { input: "some_metric[5m] @", message: "1:18: parse error: unexpected end of input in @, expected timestamp", from: 17, to: 17 },
  { input: "some_metric @ 1234 [5m]", message: "1:20: parse error: no @ modifiers allowed before range", from: 19, to: 23 },
  { input: "some_metric @ start() [5m]", message: "1:23: parse error: no @ modifiers allowed before range", from: 22, to: 26 },
  { input: "some_metric @ end()[5m]", message: "1:20: parse error: no @ modifiers allowed before range", from: 19, to: 23 },
  { input: "some_metric offset step()[5m]", message: "1:26: parse error: no offset modifiers allowed before range", from: 25, to: 29 },
  { input: "(foo + bar)[5m]", message: "1:12: parse error: ranges only allowed for vector selectors", from: 11, to: 15 },
  { input: "sum by (\"foo)(some_metric{})", message: "1:9: parse error: unterminated quoted string", from: 8, to: 28 },
  { input: "sum without(==)(some_metric)", message: "1:13: parse error: unexpected <op:==> in grouping opts, expected label", from: 12, to: 14 },
  { input: "sum without(,)(some_metric)", message: "1:13: parse error: unexpected \",\" in grouping opts, expected label", from: 12, to: 13 },
  { input: "sum without(foo,,)(some_metric)", message: "1:17: parse error: unexpected \",\" in grouping opts, expected label", from: 16, to: 17 },
  { input: "sum some_metric by (test)", message: "1:5: parse error: unexpected identifier \"some_metric\"", from: 4, to: 15 },
  { input: "sum (some_metric) by test", message: "1:22: parse error: unexpected identifier \"test\" in grouping opts, expected \"(\"", from: 21, to: 25 },
  { input: "sum () by (test)", message: "1:1: parse error: no arguments for aggregate expression provided", from: 0, to: 16 },
  { input: "MIN keep_common (some_metric)", message: "1:5: parse error: unexpected identifier \"keep_common\"", from: 4, to: 15 },
  { input: "MIN (some_metric) keep_common", message: "1:19: parse error: unexpected identifier \"keep_common\"", from: 18, to: 29 },
  { input: "sum (some_metric) without (test) by (test)", message: "1:34: parse error: unexpected <by>", from: 33, to: 35 },
  { input: "sum without (test) (some_metric) by (test)", message: "1:34: parse error: unexpected <by>", from: 33, to: 35 },
  { input: "topk(some_metric)", message: "1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1", from: 0, to: 17 },
  { input: "topk(some_metric,)", message: "1:17: parse error: trailing commas not allowed in function call args", from: 16, to: 17 },
  { input: "topk(some_metric, other_metric)", message: "1:6: parse error: expected type scalar in aggregation parameter, got instant vector", from: 5, to: 16 },
  { input: "count_values(5, other_metric)", message: "1:14: parse error: expected type string in aggregation parameter, got scalar", from: 13, to: 14 },
  { input: "rate(some_metric[5m]) @ 1234", message: "1:1: parse error: @ modifier must be preceded by an instant vector selector or range vector selector or a subquery", from: 0, to: 21 },
  { input: "floor()", message: "1:1: parse error: expected 1 argument(s) in call to \"floor\", got 0", from: 0, to: 7 },
  { input: "floor(some_metric, other_metric)", message: "1:1: parse error: expected 1 argument(s) in call to \"floor\", got 2", from: 0, to: 32 },
  { input: "floor(some_metric, 1)", message: "1:1: parse error: expected 1 argument(s) in call to \"floor\", got 2", from: 0, to: 21 },
  { input: "floor(1)", message: "1:7: parse error: expected type instant vector in call to function \"floor\", got scalar", from: 6, to: 7 },
  { input: "hour(some_metric, some_metric, some_metric)", message: "1:1: parse error: expected at most 1 argument(s) in call to \"hour\", got 3", from: 0, to: 43 },
  { input: "time(some_metric)", message: "1:1: parse error: expected 0 argument(s) in call to \"time\", got 1", from: 0, to: 17 },
  { input: "non_existent_function_far_bar()", message: "1:1: parse error: unknown function with name \"non_existent_function_far_bar\"", from: 0, to: 29 },
  { input: "rate(some_metric)", message: "1:6: parse error: expected type range vector in call to function \"rate\", got instant vector", from: 5, to: 16 },
  { input: "*1", message: "1:1: parse error: unexpected <op:*>", from: 0, to: 1 },
  { input: "-=", message: "1:2: parse error: unexpected \"=\"", from: 1, to: 2 },
  { input: "++-++-+-+-<", message: "1:11: parse error: unexpected <op:<>", from: 10, to: 11 },
  { input: "e-+=/(0)", message: "1:4: parse error: unexpected \"=\"", from: 3, to: 4 },
  { input: "a>b()", message: "1:3: parse error: unknown function with name \"b\"", from: 2, to: 3 },
  { input: "rate(avg)", message: "1:6: parse error: expected type range vector in call to function \"rate\", got instant vector", from: 5, to: 8 },
  { input: "`\\``", message: "1:4: parse error: unterminated raw string", from: 3, to: 4 },
  { input: "\"\\", message: "1:1: parse error: escape sequence not terminated", from: 0, to: 2 },
  { input: "\"\\c\"", message: "1:1: parse error: unknown escape sequence U+0063 'c'", from: 0, to: 4 },
  { input: "\"\\x.\"", message: "1:1: parse error: illegal character U+002E '.' in escape sequence", from: 0, to: 5 },
  { input: "foo{bar=\"baz\"}[", message: "1:16: parse error: unexpected end of input in duration expression", from: 15, to: 15 },
  { input: "test[5d] OFFSET 10s [10m:5s]", message: "1:1: parse error: subquery is only allowed on instant vector, got matrix instead", from: 0, to: 28 },
  { input: "(foo + bar{nm=\"val\"})[5m:][10m:5s]", message: "1:1: parse error: subquery is only allowed on instant vector, got matrix instead", from: 0, to: 34 },
  { input: "rate(food[1m])[1h] offset 1h", message: "1:15: parse error: ranges only allowed for vector selectors", from: 14, to: 18 },
  { input: "rate(food[1m])[1h] @ 100", message: "1:15: parse error: ranges only allowed for vector selectors", from: 14, to: 18 },
  { input: "info(rate(http_request_counter_total{}[5m]), target_info{foo=\"bar\"})", message: "1:46: parse error: expected label selectors only, got vector selector instead", from: 45, to: 67 },
  { input: "info(http_request_counter_total{namespace=\"zzz\"}, {foo=\"bar\"} == 1)", message: "1:51: parse error: expected label selectors only", from: 50, to: 66 },
  { input: "foo[step]", message: "1:9: parse error: unexpected \"]\" in subquery or range selector, expected number, duration, step(), or range()", from: 8, to: 9 },
  { input: "foo[step()/0d]", message: "1:11: parse error: division by zero", from: 10, to: 11 },
  { input: "foo[5s/0d]", message: "1:7: parse error: division by zero", from: 6, to: 7 },
  { input: "foo offset (4d/0)", message: "1:15: parse error: division by zero", from: 14, to: 15 },
  { input: "foo[5s%0d]", message: "1:7: parse error: modulo by zero", from: 6, to: 7 },
  { input: "foo offset 9.5e10", message: "1:12: parse error: duration out of range", from: 11, to: 17 },
  { input: "foo[9.5e10]", message: "1:5: parse error: duration out of range", from: 4, to: 10 },
  { input: "sum(", message: "1:5: parse error: unclosed left parenthesis", from: 4, to: 4 },
  { input: "sum(rate(", message: "1:10: parse error: unclosed left parenthesis", from: 9, to: 9 },
  { input: "foo[5s x 5s]", message: "1:8: parse error: unexpected character: 'x', expected ':'", from: 7, to: 12 },
  { input: "foo[5s s 5s]", message: "1:8: parse error: unexpected character: 's', expected ':'", from: 7, to: 12 },
  { input: "1[5m] smoothed", message: "1:2: parse error: ranges only allowed for vector selectors", from: 1, to: 5 },
  { input: "1[5m] anchored", message: "1:2: parse error: ranges only allowed for vector selectors", from: 1, to: 5 },
];

describe('parse: upstream valid inputs', () => {
  it(`parses all ${VALID_INPUTS.length} valid inputs of parse_test.go`, () => {
    const failures: string[] = [];
    for (const input of VALID_INPUTS) {
      try {
        parse(input);
      } catch (e) {
        failures.push(`${JSON.stringify(input)}: ${(e as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('parse: upstream error cases', () => {
  for (const c of INVALID_INPUTS) {
    it(`rejects ${JSON.stringify(c.input).slice(0, 80)}`, () => {
      let err: unknown;
      try {
        parse(c.input);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(PromQLError);
      const pe = err as PromQLError;
      expect(pe.kind).toBe('parse');
      expect(pe.message).toBe(c.message);
      expect(pe.range).toEqual({ from: c.from, to: c.to });
    });
  }
});

/** Compact structural form: node type, key fields, and range, recursively. */
function sketch(e: Expr): unknown {
  const r = [e.range.from, e.range.to];
  switch (e.type) {
    case 'NumberLiteral':
      return ['num', e.value, r];
    case 'StringLiteral':
      return ['str', e.value, r];
    case 'VectorSelector':
      return ['vs', e.name, e.matchers.map((m) => `${m.name}${m.type}${m.value}`), e.offsetMs, e.timestampMs, e.startOrEnd, r];
    case 'MatrixSelector':
      return ['ms', sketch(e.vectorSelector), e.rangeMs, r];
    case 'SubqueryExpr':
      return ['sq', sketch(e.expr), e.rangeMs, e.stepMs, e.offsetMs, e.timestampMs, r];
    case 'BinaryExpr':
      return ['bin', e.op, sketch(e.lhs), sketch(e.rhs), r];
    case 'UnaryExpr':
      return ['unary', e.op, sketch(e.expr), r];
    case 'ParenExpr':
      return ['paren', sketch(e.expr), r];
    case 'Call':
      return ['call', e.func.name, e.args.map(sketch), r];
    case 'AggregateExpr':
      return ['agg', e.op, e.param ? sketch(e.param) : null, sketch(e.expr), e.grouping, e.without, r];
    case 'StepInvariantExpr':
      return ['si', sketch(e.expr), r];
  }
}

// Expected trees and ranges from parse_test.go (positions are byte offsets there; these inputs are ASCII).
const trees: { input: string; tree: unknown }[] = [
  { input: '-1^2', tree: ['unary', '-', ['bin', '^', ['num', 1, [1, 2]], ['num', 2, [3, 4]], [1, 4]], [0, 4]] },
  { input: '-1*2', tree: ['bin', '*', ['num', -1, [0, 2]], ['num', 2, [3, 4]], [0, 4]] },
  { input: '-1^-2', tree: ['unary', '-', ['bin', '^', ['num', 1, [1, 2]], ['num', -2, [3, 5]], [1, 5]], [0, 5]] },
  { input: '+1 + -2 * 1', tree: ['bin', '+', ['num', 1, [0, 2]], ['bin', '*', ['num', -2, [5, 7]], ['num', 1, [10, 11]], [5, 11]], [0, 11]] },
  { input: '1 + 2/(3*1)', tree: ['bin', '+', ['num', 1, [0, 1]], ['bin', '/', ['num', 2, [4, 5]], ['paren', ['bin', '*', ['num', 3, [7, 8]], ['num', 1, [9, 10]], [7, 10]], [6, 11]], [4, 11]], [0, 11]] },
  { input: '2 ^ 3 ^ 2', tree: ['bin', '^', ['num', 2, [0, 1]], ['bin', '^', ['num', 3, [4, 5]], ['num', 2, [8, 9]], [4, 9]], [0, 9]] },
  { input: '1 - 2 - 3', tree: ['bin', '-', ['bin', '-', ['num', 1, [0, 1]], ['num', 2, [4, 5]], [0, 5]], ['num', 3, [8, 9]], [0, 9]] },
  { input: '0755', tree: ['num', 493, [0, 4]] },
  { input: '0xc', tree: ['num', 12, [0, 3]] },
  { input: '5.', tree: ['num', 5, [0, 2]] },
  { input: '1_000', tree: ['num', 1000, [0, 5]] },
  { input: 'foo offset 5m', tree: ['vs', 'foo', ['__name__=foo'], 300000, null, null, [0, 13]] },
  { input: 'foo offset -7m', tree: ['vs', 'foo', ['__name__=foo'], -420000, null, null, [0, 14]] },
  { input: 'foo @ 1603774568', tree: ['vs', 'foo', ['__name__=foo'], 0, 1603774568000, null, [0, 16]] },
  { input: 'foo @ -100', tree: ['vs', 'foo', ['__name__=foo'], 0, -100000, null, [0, 10]] },
  { input: 'foo @ .3', tree: ['vs', 'foo', ['__name__=foo'], 0, 300, null, [0, 8]] },
  { input: 'foo @ start()', tree: ['vs', 'foo', ['__name__=foo'], 0, null, 'start', [0, 13]] },
  { input: 'foo:bar{a="bc"}', tree: ['vs', 'foo:bar', ['a=bc', '__name__=foo:bar'], 0, null, null, [0, 15]] },
  { input: 'foo{NaN=\'bc\'}', tree: ['vs', 'foo', ['NaN=bc', '__name__=foo'], 0, null, null, [0, 13]] },
  { input: 'test[5s]', tree: ['ms', ['vs', 'test', ['__name__=test'], 0, null, null, [0, 4]], 5000, [0, 8]] },
  { input: 'test[1.5]', tree: ['ms', ['vs', 'test', ['__name__=test'], 0, null, null, [0, 4]], 1500, [0, 9]] },
  { input: 'test[5m] OFFSET 1h30m', tree: ['ms', ['vs', 'test', ['__name__=test'], 5400000, null, null, [0, 4]], 300000, [0, 21]] },
  { input: 'foo[10m:6s]', tree: ['sq', ['vs', 'foo', ['__name__=foo'], 0, null, null, [0, 3]], 600000, 6000, 0, null, [0, 11]] },
  { input: 'foo[10m:]', tree: ['sq', ['vs', 'foo', ['__name__=foo'], 0, null, null, [0, 3]], 600000, 0, 0, null, [0, 9]] },
  { input: 'sum without(and, by, avg, count, alert, annotations)(some_metric)', tree: ['agg', 'sum', null, ['vs', 'some_metric', ['__name__=some_metric'], 0, null, null, [53, 64]], ['and', 'by', 'avg', 'count', 'alert', 'annotations'], true, [0, 65]] },
  { input: 'sum by (foo) (some_metric)', tree: ['agg', 'sum', null, ['vs', 'some_metric', ['__name__=some_metric'], 0, null, null, [14, 25]], ['foo'], false, [0, 26]] },
  { input: 'sum (some_metric) by (foo)', tree: ['agg', 'sum', null, ['vs', 'some_metric', ['__name__=some_metric'], 0, null, null, [5, 16]], ['foo'], false, [0, 26]] },
  { input: 'topk(5, some_metric)', tree: ['agg', 'topk', ['num', 5, [5, 6]], ['vs', 'some_metric', ['__name__=some_metric'], 0, null, null, [8, 19]], [], false, [0, 20]] },
  { input: 'count_values("value", some_metric)', tree: ['agg', 'count_values', ['str', 'value', [13, 20]], ['vs', 'some_metric', ['__name__=some_metric'], 0, null, null, [22, 33]], [], false, [0, 34]] },
  { input: 'rate(some_metric[5m])', tree: ['call', 'rate', [['ms', ['vs', 'some_metric', ['__name__=some_metric'], 0, null, null, [5, 16]], 300000, [5, 20]]], [0, 21]] },
  { input: 'sum', tree: ['vs', 'sum', ['__name__=sum'], 0, null, null, [0, 3]] },
  { input: 'offset + by', tree: ['bin', '+', ['vs', 'offset', ['__name__=offset'], 0, null, null, [0, 6]], ['vs', 'by', ['__name__=by'], 0, null, null, [9, 11]], [0, 11]] },
  { input: 'fill + fill', tree: ['bin', '+', ['vs', 'fill', ['__name__=fill'], 0, null, null, [0, 4]], ['vs', 'fill', ['__name__=fill'], 0, null, null, [7, 11]], [0, 11]] },
  { input: '"a\\x41\\u00e9"', tree: ['str', 'aAé', [0, 13]] },
  { input: '`a\\n`', tree: ['str', 'a\\n', [0, 5]] },
  { input: '1 # comment\n+ 2', tree: ['bin', '+', ['num', 1, [0, 1]], ['num', 2, [14, 15]], [0, 15]] },
  { input: 'foo offset 100 + 2', tree: ['bin', '+', ['vs', 'foo', ['__name__=foo'], 100000, null, null, [0, 14]], ['num', 2, [17, 18]], [0, 18]] },
  { input: 'foo offset -2 ^ 2', tree: ['bin', '^', ['vs', 'foo', ['__name__=foo'], -2000, null, null, [0, 13]], ['num', 2, [16, 17]], [0, 17]] },
  { input: 'foo offset (100 + 2)', tree: ['vs', 'foo', ['__name__=foo'], 102000, null, null, [0, 20]] },
  { input: 'foo[5m+1m]', tree: ['ms', ['vs', 'foo', ['__name__=foo'], 0, null, null, [0, 3]], 360000, [0, 10]] },
  { input: 'foo[1h30m % 1h]', tree: ['ms', ['vs', 'foo', ['__name__=foo'], 0, null, null, [0, 3]], 1800000, [0, 15]] },
  { input: 'foo[2m*(10+5)]', tree: ['ms', ['vs', 'foo', ['__name__=foo'], 0, null, null, [0, 3]], 1800000, [0, 14]] },
  { input: 'step()', tree: ['call', 'step', [], [0, 6]] },
  { input: 'min_of(1, 2)', tree: ['call', 'min_of', [['num', 1, [7, 8]], ['num', 2, [10, 11]]], [0, 12]] },
];

describe('parse: trees and ranges', () => {
  for (const t of trees) {
    it(`parses ${JSON.stringify(t.input)}`, () => {
      expect(sketch(parse(t.input))).toEqual(t.tree);
    });
  }

  it('keeps query-dependent duration expressions for preprocessing', () => {
    const e = parse('foo[step()+1ms]') as MatrixSelector;
    expect(e.rangeExpr?.op).toBe('+');
    expect(e.rangeMs).toBe(0);
    const s = parse('foo[5m:step()] offset range()') as SubqueryExpr;
    expect(s.stepExpr?.op).toBe('step');
    expect(s.offsetExpr?.op).toBe('range');
  });

  it('parses vector matching modifiers', () => {
    const e = parse('a + on(b) group_left(c, d) fill_left(1) fill_right(-2) x') as BinaryExpr;
    expect(e.matching).toEqual({ card: 'many-to-one', matchingLabels: ['b'], on: true, include: ['c', 'd'], fillLeft: 1, fillRight: -2 });
    const s = parse('a and ignoring(b) x') as BinaryExpr;
    expect(s.matching?.card).toBe('many-to-many');
    expect((parse('a > bool 1') as BinaryExpr).matching).toBeNull();
    expect((parse('a > bool 1') as BinaryExpr).returnBool).toBe(true);
  });

  it('parses anchored and smoothed modifiers', () => {
    const m = parse('rate(foo[5m] anchored)');
    expect(m.type === 'Call' && (m.args[0] as MatrixSelector).vectorSelector.anchored).toBe(true);
    const v = parse('foo smoothed') as VectorSelector;
    expect(v.smoothed).toBe(true);
    expect(() => parse('foo[5m] anchored smoothed')).toThrow('anchored and smoothed modifiers cannot be used together');
  });

  it('treats a bare quoted name in braces as a __name__ matcher', () => {
    const v = parse('{"my.metric", "a.b"="c"}') as VectorSelector;
    expect(v.name).toBe('my.metric');
    expect(v.nameInBraces).toBe(true);
    expect(v.matchers.map((m) => `${m.name}${m.type}${m.value}`)).toEqual(['__name__=my.metric', 'a.b=c']);
  });

  it('validates regexes with RE2, quoting the regex as written (as Go syntax.Parse does)', () => {
    expect(() => parse('foo{a=~"("}')).toThrow('1:5: parse error: error parsing regexp: missing closing ): `(`');
    expect(() => parse('foo{a!~"x{2,1}"}')).toThrow('1:5: parse error: error parsing regexp: invalid repeat count: `{2,1}`');
    expect(() => parse('{a=~"a)"}')).toThrow('1:2: parse error: error parsing regexp: unexpected ): `a)`');
  });

  it('keeps invalid UTF-8 bytes of string literals as escaped bytes', () => {
    const s = parse('"\\xff"');
    expect(s.type === 'StringLiteral' && s.value).toBe('\udcff');
  });

  it('honours disabled feature flags', () => {
    expect(() => parse('limitk(1, x)', { enableExperimentalFunctions: false })).toThrow('limitk() is experimental and must be enabled with --enable-feature=promql-experimental-functions');
    expect(() => parse('mad_over_time(x[5m])', { enableExperimentalFunctions: false })).toThrow('function "mad_over_time" is not enabled');
    expect(() => parse('foo[5m+1m]', { experimentalDurationExpr: false })).toThrow('experimental duration expression is not enabled');
    expect(() => parse('foo anchored', { enableExtendedRangeSelectors: false })).toThrow('anchored modifier is experimental and not enabled');
    expect(() => parse('a + fill(0) b', { enableBinopFillModifiers: false })).toThrow('binop fill modifiers are experimental and not enabled');
  });

  it('reports byte columns for non-ASCII queries', () => {
    // "ä" is 2 bytes in UTF-8 but one UTF-16 unit: the column counts bytes, the range units.
    let err: PromQLError | null = null;
    try {
      parse('{a="ä"} +');
    } catch (e) {
      err = e as PromQLError;
    }
    expect(err?.message).toBe('1:11: parse error: unexpected end of input');
    expect(err?.range).toEqual({ from: 9, to: 9 });
  });
});

describe('parseWithDiagnostics', () => {
  it('returns the tree and no diagnostics for a valid query', () => {
    const r = parseWithDiagnostics('sum(rate(x[5m]))');
    expect(r.expr?.type).toBe('AggregateExpr');
    expect(r.diagnostics).toEqual([]);
  });

  it('returns every type-check failure, sorted by position', () => {
    const r = parseWithDiagnostics('rate(x) + floor(1)');
    expect(r.expr).toBeNull();
    expect(r.diagnostics).toEqual([
      { from: 5, to: 6, severity: 'error', message: 'expected type range vector in call to function "rate", got instant vector' },
      { from: 16, to: 17, severity: 'error', message: 'expected type instant vector in call to function "floor", got scalar' },
    ]);
  });

  it('returns the syntax error alone', () => {
    const r = parseWithDiagnostics('sum(x) by');
    expect(r.diagnostics).toEqual([{ from: 9, to: 9, severity: 'error', message: 'unexpected end of input in grouping opts, expected "("' }]);
  });
});

describe('deep expressions', () => {
  it('checks a 20000-operator chain under 1000 subqueries like upstream (parse_test.go)', () => {
    const input = '(' + '-{}-1'.repeat(10000) + ')' + '[1m:]'.repeat(1000);
    const { diagnostics } = parseWithDiagnostics(input);
    const selectors = diagnostics.filter((d) => d.message === 'vector selector must contain at least one non-empty matcher');
    const subqueries = diagnostics.filter((d) => d.message === 'subquery is only allowed on instant vector, got matrix instead');
    expect(selectors.length).toBe(10000);
    expect(subqueries.length).toBe(999);
    expect(selectors.slice(0, 2).map((d) => [d.from, d.to])).toEqual([[2, 4], [7, 9]]);
    expect(subqueries.slice(0, 2).map((d) => [d.from, d.to])).toEqual([[0, 50012], [0, 50017]]);
    expect(() => parse(input)).toThrow('1:3: parse error: vector selector must contain at least one non-empty matcher');
  });
});
