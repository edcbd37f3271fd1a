import { describe, expect, it } from 'vitest';
import { labelsKey } from '../model/labels.ts';
import { parseSeriesLine } from './engine-bindings.ts';
import { parseScript } from './script-parser.ts';
import type { EvalCmd, LoadCmd } from './script.ts';
import { parsePromDuration } from './duration.ts';
import { almostEqual } from './float-equal.ts';
import { goUnquote, parseGoNumber } from './go-syntax.ts';
import { atModifierEvalTimes } from './at-modifier.ts';

const deps = { parseSeries: parseSeriesLine };

function evals(text: string): EvalCmd[] {
  return parseScript(text, deps).commands.filter((c): c is EvalCmd => c.type === 'eval');
}

describe('parsePromDuration', () => {
  it('accepts model.ParseDuration forms and rejects the rest', () => {
    expect(parsePromDuration('0')).toBe(0);
    expect(parsePromDuration('1m30s')).toBe(90_000);
    expect(parsePromDuration('20s500ms')).toBe(20_500);
    expect(parsePromDuration('1y')).toBe(365 * 86_400_000);
    expect(parsePromDuration('10s53ms')).toBe(10_053);
    expect(() => parsePromDuration('30s1m')).toThrow();
    expect(() => parsePromDuration('-1m')).toThrow();
    expect(() => parsePromDuration('1.5m')).toThrow();
    expect(() => parsePromDuration('')).toThrow();
  });
});

describe('almostEqual (util/almost + stale rule)', () => {
  it('is relative to |a|+|b| and exact near zero', () => {
    expect(almostEqual(1, 1 + 1.9e-6)).toBe(true);
    expect(almostEqual(1, 1 + 2.1e-6)).toBe(false);
    expect(almostEqual(0, 1e-17)).toBe(false);
    expect(almostEqual(0, -0)).toBe(true);
    expect(almostEqual(NaN, NaN)).toBe(true);
    expect(almostEqual(NaN, 1)).toBe(false);
    expect(almostEqual(Infinity, Infinity)).toBe(true);
    expect(almostEqual(Infinity, -Infinity)).toBe(false);
    expect(almostEqual(Number.MAX_VALUE, Infinity)).toBe(false);
  });
  it('distinguishes stale markers from NaN', () => {
    expect(almostEqual(NaN, NaN, 1e-6, true, false)).toBe(false);
    expect(almostEqual(NaN, NaN, 1e-6, true, true)).toBe(true);
  });
});

describe('Go syntax helpers', () => {
  it('parses numbers as ParseInt(s, 0, 64) then ParseFloat', () => {
    expect(parseGoNumber('010')).toBe(8);
    expect(parseGoNumber('0x1f')).toBe(31);
    expect(parseGoNumber('1_000')).toBe(1000);
    expect(parseGoNumber('1e-3')).toBe(0.001);
    expect(parseGoNumber('-Inf')).toBe(-Infinity);
    expect(parseGoNumber('inf')).toBe(Infinity);
    expect(Number.isNaN(parseGoNumber('NaN'))).toBe(true);
    expect(parseGoNumber('08')).toBe(8);
    expect(parseGoNumber('{} 1')).toBeNull();
    expect(parseGoNumber('foo')).toBeNull();
  });
  it('unquotes like strconv.Unquote, keeping invalid bytes', () => {
    expect(goUnquote('"a\\nb"')).toBe('a\nb');
    expect(goUnquote('`a\\nb`')).toBe('a\\nb');
    expect(goUnquote('"\\u00e9"')).toBe('é');
    expect(goUnquote('"\\xff"')).toBe('\udcff');
    expect(goUnquote('"abc')).toBeNull();
    expect(goUnquote("'ab'")).toBeNull();
  });
});

describe('parseScript', () => {
  it('splits blocks, applies load slots and ignores comment lines', () => {
    const p = parseScript('# c\nload 10s\n  foo 1 _ 3x2 stale\n\nclear\n', deps);
    expect(p.errors).toEqual([]);
    const load = p.commands[0] as LoadCmd;
    expect(load.intervalMs).toBe(10_000);
    expect(load.series[0].samples.map((s) => [s.t, s.stale ? 'stale' : s.v])).toEqual([
      [0, 1], [20_000, 3], [30_000, 3], [40_000, 3], [50_000, 'stale'],
    ]);
    expect(p.commands[1].type).toBe('clear');
  });

  it('reads eval headers, legacy forms and expect lines', () => {
    const [a, b, c, d] = evals(`
eval instant at 1m30s foo
  expect ordered
  expect warn msg: PromQL warning: x (1:1)
  expect no_info
  foo{a="1"} 1
  foo{a="2"} 2

eval range from 0 to 10m step 5m bar
  bar 1 _ 3

eval_fail instant at 0 baz
  expected_fail_message boom

eval instant at 10s qux
  expect range vector from 0 to 10s step 5s
  qux 1 2 3
`);
    expect([a.line, a.expr, a.evalMs, a.isRange, a.expectOrdered, a.expectNoInfo]).toEqual([2, 'foo', 90_000, false, true, true]);
    expect(a.expectWarn[0].message).toBe('PromQL warning: x (1:1)');
    // Positions count result lines only (expect lines do not).
    expect([...a.expected.values()].map((e) => e.pos)).toEqual([1, 2]);
    expect([b.isRange, b.startMs, b.endMs, b.stepMs]).toEqual([true, 0, 600_000, 300_000]);
    expect(b.expected.get(labelsKey(parseSeriesLine('bar 1').labels))?.values.map((v) => (v.omitted ? '_' : v.value))).toEqual([1, '_', 3]);
    expect([c.legacyFail, c.expectedFailMessage]).toEqual([true, 'boom']);
    expect([d.startMs, d.endMs, d.stepMs, d.evalMs, d.excludeFromRangeQuery]).toEqual([0, 10_000, 5_000, 10_000, true]);
  });

  it('reads scalar and string expectations', () => {
    const [s, t] = evals('eval instant at 0 1+1\n  2\n\neval instant at 0 "a"\n  expect string "a\\tb"\n');
    expect([s.expectScalar, s.expectedScalar?.value]).toEqual([true, 2]);
    expect([t.expectedString, t.excludeFromRangeQuery]).toEqual(['a\tb', true]);
  });

  it('turns bad eval blocks into broken evals and keeps going', () => {
    const p = parseScript('eval instant at 0 foo\n  foo 1 2\n\neval instant at 0 bar\n  bar 1\n\nbogus\n', deps);
    expect(p.commands.map((c) => c.type)).toEqual(['broken-eval', 'eval']);
    expect(p.errors.map((e) => e.line)).toEqual([7]);
  });

  it('reads @st lines into start timestamps', () => {
    const p = parseScript('load 1m\n  foo@st _ -30s-1mx1\n  foo 1 2 3\n', deps);
    expect(p.errors).toEqual([]);
    expect((p.commands[0] as LoadCmd).series[0].samples.map((s) => s.st)).toEqual([null, 60_000 - 30_000, 120_000 - 90_000]);
  });
});

describe('atModifierEvalTimes', () => {
  it('follows atModifierTestCases', () => {
    expect(atModifierEvalTimes(0)).toEqual([-1000, 0, 1000]);
    expect(atModifierEvalTimes(12_345)).toEqual([-123_450, 0, 2469, 12_345, 123_450]);
  });
});
