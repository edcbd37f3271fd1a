import { describe, expect, it } from 'vitest';
import { utf8Length } from '../model/position.ts';
import { lex } from './lexer.ts';
import type { TokenType } from './tokens.ts';

// Cases of Prometheus's TestLexer (promql/parser/lex_test.go): expected tokens as
// [type, byte offset, text], without the final EOF; `fail` cases must produce an error.
const LEX_CASES: readonly { input: string; fail: boolean; seriesDesc: boolean; expected: readonly (readonly [TokenType, number, string])[] }[] = [
  { input: ",", fail: false, seriesDesc: false, expected: [['COMMA', 0, ","]] },
  { input: "()", fail: false, seriesDesc: false, expected: [['LEFT_PAREN', 0, "("], ['RIGHT_PAREN', 1, ")"]] },
  { input: "{}", fail: false, seriesDesc: false, expected: [['LEFT_BRACE', 0, "{"], ['RIGHT_BRACE', 1, "}"]] },
  { input: "[5m]", fail: false, seriesDesc: false, expected: [['LEFT_BRACKET', 0, "["], ['DURATION', 1, "5m"], ['RIGHT_BRACKET', 3, "]"]] },
  { input: "[ 5m]", fail: false, seriesDesc: false, expected: [['LEFT_BRACKET', 0, "["], ['DURATION', 2, "5m"], ['RIGHT_BRACKET', 4, "]"]] },
  { input: "[  5m]", fail: false, seriesDesc: false, expected: [['LEFT_BRACKET', 0, "["], ['DURATION', 3, "5m"], ['RIGHT_BRACKET', 5, "]"]] },
  { input: "[  5m ]", fail: false, seriesDesc: false, expected: [['LEFT_BRACKET', 0, "["], ['DURATION', 3, "5m"], ['RIGHT_BRACKET', 6, "]"]] },
  { input: "1", fail: false, seriesDesc: false, expected: [['NUMBER', 0, "1"]] },
  { input: "4.23", fail: false, seriesDesc: false, expected: [['NUMBER', 0, "4.23"]] },
  { input: ".3", fail: false, seriesDesc: false, expected: [['NUMBER', 0, ".3"]] },
  { input: "5.", fail: false, seriesDesc: false, expected: [['NUMBER', 0, "5."]] },
  { input: "NaN", fail: false, seriesDesc: false, expected: [['NUMBER', 0, "NaN"]] },
  { input: "nAN", fail: false, seriesDesc: false, expected: [['NUMBER', 0, "nAN"]] },
  { input: "NaN 123", fail: false, seriesDesc: false, expected: [['NUMBER', 0, "NaN"], ['NUMBER', 4, "123"]] },
  { input: "NaN123", fail: false, seriesDesc: false, expected: [['IDENTIFIER', 0, "NaN123"]] },
  { input: "iNf", fail: false, seriesDesc: false, expected: [['NUMBER', 0, "iNf"]] },
  { input: "Inf", fail: false, seriesDesc: false, expected: [['NUMBER', 0, "Inf"]] },
  { input: "+Inf", fail: false, seriesDesc: false, expected: [['ADD', 0, "+"], ['NUMBER', 1, "Inf"]] },
  { input: "+Inf 123", fail: false, seriesDesc: false, expected: [['ADD', 0, "+"], ['NUMBER', 1, "Inf"], ['NUMBER', 5, "123"]] },
  { input: "-Inf", fail: false, seriesDesc: false, expected: [['SUB', 0, "-"], ['NUMBER', 1, "Inf"]] },
  { input: "Infoo", fail: false, seriesDesc: false, expected: [['IDENTIFIER', 0, "Infoo"]] },
  { input: "-Infoo", fail: false, seriesDesc: false, expected: [['SUB', 0, "-"], ['IDENTIFIER', 1, "Infoo"]] },
  { input: "-Inf 123", fail: false, seriesDesc: false, expected: [['SUB', 0, "-"], ['NUMBER', 1, "Inf"], ['NUMBER', 5, "123"]] },
  { input: "0x123", fail: false, seriesDesc: false, expected: [['NUMBER', 0, "0x123"]] },
  { input: "1..2", fail: true, seriesDesc: false, expected: [] },
  { input: "1.2.", fail: true, seriesDesc: false, expected: [] },
  { input: "00_1_23_4.56_7_8", fail: false, seriesDesc: false, expected: [['NUMBER', 0, "00_1_23_4.56_7_8"]] },
  { input: "00_1_23__4.56_7_8", fail: true, seriesDesc: false, expected: [] },
  { input: "00_1_23_4._56_7_8", fail: true, seriesDesc: false, expected: [] },
  { input: "00_1_23_4_.56_7_8", fail: true, seriesDesc: false, expected: [] },
  { input: "0x1_2_34", fail: false, seriesDesc: false, expected: [['NUMBER', 0, "0x1_2_34"]] },
  { input: "0x1_2__34", fail: true, seriesDesc: false, expected: [] },
  { input: "0x1_2__34.5_6p1", fail: true, seriesDesc: false, expected: [] },
  { input: "0x1_2__34.5_6", fail: true, seriesDesc: false, expected: [] },
  { input: "0x1_2__34.56", fail: true, seriesDesc: false, expected: [] },
  { input: "1_e2", fail: true, seriesDesc: false, expected: [] },
  { input: "1.e2", fail: false, seriesDesc: false, expected: [['NUMBER', 0, "1.e2"]] },
  { input: "1e.2", fail: true, seriesDesc: false, expected: [] },
  { input: "1e+.2", fail: true, seriesDesc: false, expected: [] },
  { input: "1ee2", fail: true, seriesDesc: false, expected: [] },
  { input: "1e+e2", fail: true, seriesDesc: false, expected: [] },
  { input: "1e", fail: true, seriesDesc: false, expected: [] },
  { input: "1e+", fail: true, seriesDesc: false, expected: [] },
  { input: "1e1_2_34", fail: false, seriesDesc: false, expected: [['NUMBER', 0, "1e1_2_34"]] },
  { input: "1e_1_2_34", fail: true, seriesDesc: false, expected: [] },
  { input: "1e1_2__34", fail: true, seriesDesc: false, expected: [] },
  { input: "1e+_1_2_34", fail: true, seriesDesc: false, expected: [] },
  { input: "1e-_1_2_34", fail: true, seriesDesc: false, expected: [] },
  { input: "12_", fail: true, seriesDesc: false, expected: [] },
  { input: "_1_2", fail: false, seriesDesc: false, expected: [['IDENTIFIER', 0, "_1_2"]] },
  { input: "\"test\\tsequence\"", fail: false, seriesDesc: false, expected: [['STRING', 0, "\"test\\tsequence\""]] },
  { input: "\"test\\\\.expression\"", fail: false, seriesDesc: false, expected: [['STRING', 0, "\"test\\\\.expression\""]] },
  { input: "\"test\\.expression\"", fail: false, seriesDesc: false, expected: [['ERROR', 0, "unknown escape sequence U+002E '.'"], ['STRING', 0, "\"test\\.expression\""]] },
  { input: "`test\\.expression`", fail: false, seriesDesc: false, expected: [['STRING', 0, "`test\\.expression`"]] },
  { input: ".٩", fail: true, seriesDesc: false, expected: [] },
  { input: "5s", fail: false, seriesDesc: false, expected: [['DURATION', 0, "5s"]] },
  { input: "123m", fail: false, seriesDesc: false, expected: [['DURATION', 0, "123m"]] },
  { input: "1h", fail: false, seriesDesc: false, expected: [['DURATION', 0, "1h"]] },
  { input: "3w", fail: false, seriesDesc: false, expected: [['DURATION', 0, "3w"]] },
  { input: "1y", fail: false, seriesDesc: false, expected: [['DURATION', 0, "1y"]] },
  { input: "abc", fail: false, seriesDesc: false, expected: [['IDENTIFIER', 0, "abc"]] },
  { input: "a:bc", fail: false, seriesDesc: false, expected: [['METRIC_IDENTIFIER', 0, "a:bc"]] },
  { input: "abc d", fail: false, seriesDesc: false, expected: [['IDENTIFIER', 0, "abc"], ['IDENTIFIER', 4, "d"]] },
  { input: ":bc", fail: false, seriesDesc: false, expected: [['METRIC_IDENTIFIER', 0, ":bc"]] },
  { input: "0a:bc", fail: true, seriesDesc: false, expected: [] },
  { input: "# some comment", fail: false, seriesDesc: false, expected: [['COMMENT', 0, "# some comment"]] },
  { input: "5 # 1+1\n5", fail: false, seriesDesc: false, expected: [['NUMBER', 0, "5"], ['COMMENT', 2, "# 1+1"], ['NUMBER', 8, "5"]] },
  { input: "=", fail: false, seriesDesc: false, expected: [['EQL', 0, "="]] },
  { input: "{=}", fail: false, seriesDesc: false, expected: [['LEFT_BRACE', 0, "{"], ['EQL', 1, "="], ['RIGHT_BRACE', 2, "}"]] },
  { input: "==", fail: false, seriesDesc: false, expected: [['EQLC', 0, "=="]] },
  { input: "!=", fail: false, seriesDesc: false, expected: [['NEQ', 0, "!="]] },
  { input: "<", fail: false, seriesDesc: false, expected: [['LSS', 0, "<"]] },
  { input: ">", fail: false, seriesDesc: false, expected: [['GTR', 0, ">"]] },
  { input: ">=", fail: false, seriesDesc: false, expected: [['GTE', 0, ">="]] },
  { input: "<=", fail: false, seriesDesc: false, expected: [['LTE', 0, "<="]] },
  { input: "+", fail: false, seriesDesc: false, expected: [['ADD', 0, "+"]] },
  { input: "-", fail: false, seriesDesc: false, expected: [['SUB', 0, "-"]] },
  { input: "*", fail: false, seriesDesc: false, expected: [['MUL', 0, "*"]] },
  { input: "/", fail: false, seriesDesc: false, expected: [['DIV', 0, "/"]] },
  { input: "^", fail: false, seriesDesc: false, expected: [['POW', 0, "^"]] },
  { input: "%", fail: false, seriesDesc: false, expected: [['MOD', 0, "%"]] },
  { input: "AND", fail: false, seriesDesc: false, expected: [['LAND', 0, "AND"]] },
  { input: "or", fail: false, seriesDesc: false, expected: [['LOR', 0, "or"]] },
  { input: "unless", fail: false, seriesDesc: false, expected: [['LUNLESS', 0, "unless"]] },
  { input: "@", fail: false, seriesDesc: false, expected: [['AT', 0, "@"]] },
  { input: "sum", fail: false, seriesDesc: false, expected: [['SUM', 0, "sum"]] },
  { input: "AVG", fail: false, seriesDesc: false, expected: [['AVG', 0, "AVG"]] },
  { input: "GROUP", fail: false, seriesDesc: false, expected: [['GROUP', 0, "GROUP"]] },
  { input: "MAX", fail: false, seriesDesc: false, expected: [['MAX', 0, "MAX"]] },
  { input: "min", fail: false, seriesDesc: false, expected: [['MIN', 0, "min"]] },
  { input: "count", fail: false, seriesDesc: false, expected: [['COUNT', 0, "count"]] },
  { input: "stdvar", fail: false, seriesDesc: false, expected: [['STDVAR', 0, "stdvar"]] },
  { input: "stddev", fail: false, seriesDesc: false, expected: [['STDDEV', 0, "stddev"]] },
  { input: "offset", fail: false, seriesDesc: false, expected: [['OFFSET', 0, "offset"]] },
  { input: "by", fail: false, seriesDesc: false, expected: [['BY', 0, "by"]] },
  { input: "without", fail: false, seriesDesc: false, expected: [['WITHOUT', 0, "without"]] },
  { input: "on", fail: false, seriesDesc: false, expected: [['ON', 0, "on"]] },
  { input: "ignoring", fail: false, seriesDesc: false, expected: [['IGNORING', 0, "ignoring"]] },
  { input: "group_left", fail: false, seriesDesc: false, expected: [['GROUP_LEFT', 0, "group_left"]] },
  { input: "group_right", fail: false, seriesDesc: false, expected: [['GROUP_RIGHT', 0, "group_right"]] },
  { input: "bool", fail: false, seriesDesc: false, expected: [['BOOL', 0, "bool"]] },
  { input: "atan2", fail: false, seriesDesc: false, expected: [['ATAN2', 0, "atan2"]] },
  { input: "start", fail: false, seriesDesc: false, expected: [['START', 0, "start"]] },
  { input: "end", fail: false, seriesDesc: false, expected: [['END', 0, "end"]] },
  { input: "台北", fail: true, seriesDesc: false, expected: [] },
  { input: "{台北='a'}", fail: true, seriesDesc: false, expected: [] },
  { input: "{0a='a'}", fail: true, seriesDesc: false, expected: [] },
  { input: "{foo='bar'}", fail: false, seriesDesc: false, expected: [['LEFT_BRACE', 0, "{"], ['IDENTIFIER', 1, "foo"], ['EQL', 4, "="], ['STRING', 5, "'bar'"], ['RIGHT_BRACE', 10, "}"]] },
  { input: "{foo=\"bar\"}", fail: false, seriesDesc: false, expected: [['LEFT_BRACE', 0, "{"], ['IDENTIFIER', 1, "foo"], ['EQL', 4, "="], ['STRING', 5, "\"bar\""], ['RIGHT_BRACE', 10, "}"]] },
  { input: "{foo=\"bar\\\"bar\"}", fail: false, seriesDesc: false, expected: [['LEFT_BRACE', 0, "{"], ['IDENTIFIER', 1, "foo"], ['EQL', 4, "="], ['STRING', 5, "\"bar\\\"bar\""], ['RIGHT_BRACE', 15, "}"]] },
  { input: "{NaN\t!= \"bar\" }", fail: false, seriesDesc: false, expected: [['LEFT_BRACE', 0, "{"], ['IDENTIFIER', 1, "NaN"], ['NEQ', 5, "!="], ['STRING', 8, "\"bar\""], ['RIGHT_BRACE', 14, "}"]] },
  { input: "{alert=~\"bar\" }", fail: false, seriesDesc: false, expected: [['LEFT_BRACE', 0, "{"], ['IDENTIFIER', 1, "alert"], ['EQL_REGEX', 6, "=~"], ['STRING', 8, "\"bar\""], ['RIGHT_BRACE', 14, "}"]] },
  { input: "{on!~\"bar\"}", fail: false, seriesDesc: false, expected: [['LEFT_BRACE', 0, "{"], ['IDENTIFIER', 1, "on"], ['NEQ_REGEX', 3, "!~"], ['STRING', 5, "\"bar\""], ['RIGHT_BRACE', 10, "}"]] },
  { input: "{alert!#\"bar\"}", fail: true, seriesDesc: false, expected: [] },
  { input: "{foo:a=\"bar\"}", fail: true, seriesDesc: false, expected: [] },
  { input: "=~", fail: true, seriesDesc: false, expected: [] },
  { input: "!~", fail: true, seriesDesc: false, expected: [] },
  { input: "!(", fail: true, seriesDesc: false, expected: [] },
  { input: "1a", fail: true, seriesDesc: false, expected: [] },
  { input: "(", fail: true, seriesDesc: false, expected: [] },
  { input: "())", fail: true, seriesDesc: false, expected: [] },
  { input: "(()", fail: true, seriesDesc: false, expected: [] },
  { input: "{", fail: true, seriesDesc: false, expected: [] },
  { input: "}", fail: true, seriesDesc: false, expected: [] },
  { input: "{{", fail: true, seriesDesc: false, expected: [] },
  { input: "{{}}", fail: true, seriesDesc: false, expected: [] },
  { input: "[", fail: true, seriesDesc: false, expected: [] },
  { input: "[[", fail: true, seriesDesc: false, expected: [] },
  { input: "[]]", fail: true, seriesDesc: false, expected: [] },
  { input: "[[]]", fail: true, seriesDesc: false, expected: [] },
  { input: "]", fail: true, seriesDesc: false, expected: [] },
  { input: "{} {{buckets:[5]}}", fail: false, seriesDesc: true, expected: [['LEFT_BRACE', 0, "{"], ['RIGHT_BRACE', 1, "}"], ['SPACE', 2, " "], ['OPEN_HIST', 3, "{{"], ['BUCKETS_DESC', 5, "buckets"], ['COLON', 12, ":"], ['LEFT_BRACKET', 13, "["], ['NUMBER', 14, "5"], ['RIGHT_BRACKET', 15, "]"], ['CLOSE_HIST', 16, "}}"]] },
  { input: "{} {{buckets: [5 10 7]}}", fail: false, seriesDesc: true, expected: [['LEFT_BRACE', 0, "{"], ['RIGHT_BRACE', 1, "}"], ['SPACE', 2, " "], ['OPEN_HIST', 3, "{{"], ['BUCKETS_DESC', 5, "buckets"], ['COLON', 12, ":"], ['SPACE', 13, " "], ['LEFT_BRACKET', 14, "["], ['NUMBER', 15, "5"], ['SPACE', 16, " "], ['NUMBER', 17, "10"], ['SPACE', 19, " "], ['NUMBER', 20, "7"], ['RIGHT_BRACKET', 21, "]"], ['CLOSE_HIST', 22, "}}"]] },
  { input: "{} {{buckets: [5 10 7] schema:1}}", fail: false, seriesDesc: true, expected: [['LEFT_BRACE', 0, "{"], ['RIGHT_BRACE', 1, "}"], ['SPACE', 2, " "], ['OPEN_HIST', 3, "{{"], ['BUCKETS_DESC', 5, "buckets"], ['COLON', 12, ":"], ['SPACE', 13, " "], ['LEFT_BRACKET', 14, "["], ['NUMBER', 15, "5"], ['SPACE', 16, " "], ['NUMBER', 17, "10"], ['SPACE', 19, " "], ['NUMBER', 20, "7"], ['RIGHT_BRACKET', 21, "]"], ['SPACE', 22, " "], ['SCHEMA_DESC', 23, "schema"], ['COLON', 29, ":"], ['NUMBER', 30, "1"], ['CLOSE_HIST', 31, "}}"]] },
  { input: "{} {{buckets: [Inf NaN] schema:1}}", fail: false, seriesDesc: true, expected: [['LEFT_BRACE', 0, "{"], ['RIGHT_BRACE', 1, "}"], ['SPACE', 2, " "], ['OPEN_HIST', 3, "{{"], ['BUCKETS_DESC', 5, "buckets"], ['COLON', 12, ":"], ['SPACE', 13, " "], ['LEFT_BRACKET', 14, "["], ['NUMBER', 15, "Inf"], ['SPACE', 18, " "], ['NUMBER', 19, "NaN"], ['RIGHT_BRACKET', 22, "]"], ['SPACE', 23, " "], ['SCHEMA_DESC', 24, "schema"], ['COLON', 30, ":"], ['NUMBER', 31, "1"], ['CLOSE_HIST', 32, "}}"]] },
  { input: "{} {{buckets: [5 10 7] sum:Inf count:NaN}}", fail: false, seriesDesc: true, expected: [['LEFT_BRACE', 0, "{"], ['RIGHT_BRACE', 1, "}"], ['SPACE', 2, " "], ['OPEN_HIST', 3, "{{"], ['BUCKETS_DESC', 5, "buckets"], ['COLON', 12, ":"], ['SPACE', 13, " "], ['LEFT_BRACKET', 14, "["], ['NUMBER', 15, "5"], ['SPACE', 16, " "], ['NUMBER', 17, "10"], ['SPACE', 19, " "], ['NUMBER', 20, "7"], ['RIGHT_BRACKET', 21, "]"], ['SPACE', 22, " "], ['SUM_DESC', 23, "sum"], ['COLON', 26, ":"], ['NUMBER', 27, "Inf"], ['SPACE', 30, " "], ['COUNT_DESC', 31, "count"], ['COLON', 36, ":"], ['NUMBER', 37, "NaN"], ['CLOSE_HIST', 40, "}}"]] },
  { input: "{} {{sum:1}}+{{sum:0}}x2 {{sum:1}}+{{sum:0}}x3", fail: false, seriesDesc: true, expected: [['LEFT_BRACE', 0, "{"], ['RIGHT_BRACE', 1, "}"], ['SPACE', 2, " "], ['OPEN_HIST', 3, "{{"], ['SUM_DESC', 5, "sum"], ['COLON', 8, ":"], ['NUMBER', 9, "1"], ['CLOSE_HIST', 10, "}}"], ['ADD', 12, "+"], ['OPEN_HIST', 13, "{{"], ['SUM_DESC', 15, "sum"], ['COLON', 18, ":"], ['NUMBER', 19, "0"], ['CLOSE_HIST', 20, "}}"], ['TIMES', 22, "x"], ['NUMBER', 23, "2"], ['SPACE', 24, " "], ['OPEN_HIST', 25, "{{"], ['SUM_DESC', 27, "sum"], ['COLON', 30, ":"], ['NUMBER', 31, "1"], ['CLOSE_HIST', 32, "}}"], ['ADD', 34, "+"], ['OPEN_HIST', 35, "{{"], ['SUM_DESC', 37, "sum"], ['COLON', 40, ":"], ['NUMBER', 41, "0"], ['CLOSE_HIST', 42, "}}"], ['TIMES', 44, "x"], ['NUMBER', 45, "3"]] },
  { input: "{} _ 1 x .3", fail: false, seriesDesc: true, expected: [['LEFT_BRACE', 0, "{"], ['RIGHT_BRACE', 1, "}"], ['SPACE', 2, " "], ['BLANK', 3, "_"], ['SPACE', 4, " "], ['NUMBER', 5, "1"], ['SPACE', 6, " "], ['TIMES', 7, "x"], ['SPACE', 8, " "], ['NUMBER', 9, ".3"]] },
  { input: "metric +Inf Inf NaN", fail: false, seriesDesc: true, expected: [['IDENTIFIER', 0, "metric"], ['SPACE', 6, " "], ['ADD', 7, "+"], ['NUMBER', 8, "Inf"], ['SPACE', 11, " "], ['NUMBER', 12, "Inf"], ['SPACE', 15, " "], ['NUMBER', 16, "NaN"]] },
  { input: "metric 1+1x4", fail: false, seriesDesc: true, expected: [['IDENTIFIER', 0, "metric"], ['SPACE', 6, " "], ['NUMBER', 7, "1"], ['ADD', 8, "+"], ['NUMBER', 9, "1"], ['TIMES', 10, "x"], ['NUMBER', 11, "4"]] },
  { input: "test_name{on!~\"bar\"}[4m:4s]", fail: false, seriesDesc: false, expected: [['IDENTIFIER', 0, "test_name"], ['LEFT_BRACE', 9, "{"], ['IDENTIFIER', 10, "on"], ['NEQ_REGEX', 12, "!~"], ['STRING', 14, "\"bar\""], ['RIGHT_BRACE', 19, "}"], ['LEFT_BRACKET', 20, "["], ['DURATION', 21, "4m"], ['COLON', 23, ":"], ['DURATION', 24, "4s"], ['RIGHT_BRACKET', 26, "]"]] },
  { input: "test:name{on!~\"bar\"}[4m:4s]", fail: false, seriesDesc: false, expected: [['METRIC_IDENTIFIER', 0, "test:name"], ['LEFT_BRACE', 9, "{"], ['IDENTIFIER', 10, "on"], ['NEQ_REGEX', 12, "!~"], ['STRING', 14, "\"bar\""], ['RIGHT_BRACE', 19, "}"], ['LEFT_BRACKET', 20, "["], ['DURATION', 21, "4m"], ['COLON', 23, ":"], ['DURATION', 24, "4s"], ['RIGHT_BRACKET', 26, "]"]] },
  { input: "test:name{on!~\"b:ar\"}[4m:4s]", fail: false, seriesDesc: false, expected: [['METRIC_IDENTIFIER', 0, "test:name"], ['LEFT_BRACE', 9, "{"], ['IDENTIFIER', 10, "on"], ['NEQ_REGEX', 12, "!~"], ['STRING', 14, "\"b:ar\""], ['RIGHT_BRACE', 20, "}"], ['LEFT_BRACKET', 21, "["], ['DURATION', 22, "4m"], ['COLON', 24, ":"], ['DURATION', 25, "4s"], ['RIGHT_BRACKET', 27, "]"]] },
  { input: "test:name{on!~\"b:ar\"}[4m:]", fail: false, seriesDesc: false, expected: [['METRIC_IDENTIFIER', 0, "test:name"], ['LEFT_BRACE', 9, "{"], ['IDENTIFIER', 10, "on"], ['NEQ_REGEX', 12, "!~"], ['STRING', 14, "\"b:ar\""], ['RIGHT_BRACE', 20, "}"], ['LEFT_BRACKET', 21, "["], ['DURATION', 22, "4m"], ['COLON', 24, ":"], ['RIGHT_BRACKET', 25, "]"]] },
  { input: "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:])[4m:3s]", fail: false, seriesDesc: false, expected: [['IDENTIFIER', 0, "min_over_time"], ['LEFT_PAREN', 13, "("], ['IDENTIFIER', 14, "rate"], ['LEFT_PAREN', 18, "("], ['IDENTIFIER', 19, "foo"], ['LEFT_BRACE', 22, "{"], ['IDENTIFIER', 23, "bar"], ['EQL', 26, "="], ['STRING', 27, "\"baz\""], ['RIGHT_BRACE', 32, "}"], ['LEFT_BRACKET', 33, "["], ['DURATION', 34, "2s"], ['RIGHT_BRACKET', 36, "]"], ['RIGHT_PAREN', 37, ")"], ['LEFT_BRACKET', 38, "["], ['DURATION', 39, "5m"], ['COLON', 41, ":"], ['RIGHT_BRACKET', 42, "]"], ['RIGHT_PAREN', 43, ")"], ['LEFT_BRACKET', 44, "["], ['DURATION', 45, "4m"], ['COLON', 47, ":"], ['DURATION', 48, "3s"], ['RIGHT_BRACKET', 50, "]"]] },
  { input: "test:name{on!~\"b:ar\"}[4m:4s] offset 10m", fail: false, seriesDesc: false, expected: [['METRIC_IDENTIFIER', 0, "test:name"], ['LEFT_BRACE', 9, "{"], ['IDENTIFIER', 10, "on"], ['NEQ_REGEX', 12, "!~"], ['STRING', 14, "\"b:ar\""], ['RIGHT_BRACE', 20, "}"], ['LEFT_BRACKET', 21, "["], ['DURATION', 22, "4m"], ['COLON', 24, ":"], ['DURATION', 25, "4s"], ['RIGHT_BRACKET', 27, "]"], ['OFFSET', 29, "offset"], ['DURATION', 36, "10m"]] },
  { input: "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:] offset 6m)[4m:3s]", fail: false, seriesDesc: false, expected: [['IDENTIFIER', 0, "min_over_time"], ['LEFT_PAREN', 13, "("], ['IDENTIFIER', 14, "rate"], ['LEFT_PAREN', 18, "("], ['IDENTIFIER', 19, "foo"], ['LEFT_BRACE', 22, "{"], ['IDENTIFIER', 23, "bar"], ['EQL', 26, "="], ['STRING', 27, "\"baz\""], ['RIGHT_BRACE', 32, "}"], ['LEFT_BRACKET', 33, "["], ['DURATION', 34, "2s"], ['RIGHT_BRACKET', 36, "]"], ['RIGHT_PAREN', 37, ")"], ['LEFT_BRACKET', 38, "["], ['DURATION', 39, "5m"], ['COLON', 41, ":"], ['RIGHT_BRACKET', 42, "]"], ['OFFSET', 44, "offset"], ['DURATION', 51, "6m"], ['RIGHT_PAREN', 53, ")"], ['LEFT_BRACKET', 54, "["], ['DURATION', 55, "4m"], ['COLON', 57, ":"], ['DURATION', 58, "3s"], ['RIGHT_BRACKET', 60, "]"]] },
  { input: "test:name[ 5m]", fail: false, seriesDesc: false, expected: [['METRIC_IDENTIFIER', 0, "test:name"], ['LEFT_BRACKET', 9, "["], ['DURATION', 11, "5m"], ['RIGHT_BRACKET', 13, "]"]] },
  { input: "test:name{o:n!~\"bar\"}[4m:4s]", fail: true, seriesDesc: false, expected: [] },
  { input: "test:name{on!~\"bar\"}[4m:4s:4h]", fail: true, seriesDesc: false, expected: [] },
  { input: "test:name{on!~\"bar\"}[4m:4s:]", fail: true, seriesDesc: false, expected: [] },
  { input: "test:name{on!~\"bar\"}[4m::]", fail: true, seriesDesc: false, expected: [] },
  { input: "test:name{on!~\"bar\"}[:4s]", fail: true, seriesDesc: false, expected: [] },
  { input: "test:name{on!~\"bar\"}[1s:1s:1s]", fail: true, seriesDesc: false, expected: [] },
];

describe('lex', () => {
  for (const c of LEX_CASES) {
    it(`lexes ${JSON.stringify(c.input)}${c.seriesDesc ? ' (series)' : ''}`, () => {
      const tokens = lex(c.input, c.seriesDesc);
      const last = tokens[tokens.length - 1];
      if (c.fail) {
        expect(last.type).toBe('ERROR');
        return;
      }
      const firstError = c.expected.findIndex(([type]) => type === 'ERROR');
      if (firstError >= 0) {
        // Upstream's lexer may go on after an escape error; we stop there, as its parser does.
        const got = tokens.map((t) => [t.type, utf8Length(c.input.slice(0, t.pos)), t.val]);
        expect(got).toEqual(c.expected.slice(0, firstError + 1));
        return;
      }
      expect(last).toEqual({ type: 'EOF', pos: c.input.length, val: '' });
      const got = tokens.slice(0, -1).map((t) => [t.type, utf8Length(c.input.slice(0, t.pos)), t.val]);
      expect(got).toEqual(c.expected);
    });
  }

  it('stops at the first error and reports where the item started', () => {
    expect(lex('foo{a="b')).toEqual([
      { type: 'IDENTIFIER', pos: 0, val: 'foo' },
      { type: 'LEFT_BRACE', pos: 3, val: '{' },
      { type: 'IDENTIFIER', pos: 4, val: 'a' },
      { type: 'EQL', pos: 5, val: '=' },
      { type: 'ERROR', pos: 6, val: 'unterminated quoted string' },
    ]);
  });

  it('treats fill/fill_left/fill_right as keywords only before "("', () => {
    expect(lex('fill + fill_left (1)').map((t) => t.type)).toEqual(['IDENTIFIER', 'ADD', 'FILL_LEFT', 'LEFT_PAREN', 'NUMBER', 'RIGHT_PAREN', 'EOF']);
  });

  it('lexes duration keywords case-insensitively inside brackets', () => {
    expect(lex('x[STep()]').map((t) => t.type)).toEqual(['IDENTIFIER', 'LEFT_BRACKET', 'STEP', 'LEFT_PAREN', 'RIGHT_PAREN', 'RIGHT_BRACKET', 'EOF']);
  });

  it('lexes trim operators', () => {
    expect(lex('a </ 1 >/ 2').map((t) => t.type)).toEqual(['IDENTIFIER', 'TRIM_UPPER', 'NUMBER', 'TRIM_LOWER', 'NUMBER', 'EOF']);
  });
});
