import { describe, expect, it } from 'vitest';
import { PromQLError } from '../model/errors.ts';
import type { Expr, MatrixSelector, SubqueryExpr, VectorSelector } from './ast.ts';
import { parse } from './parser.ts';
import { printExpr } from './printer.ts';
import { addAtModifier, callsAtModifierUnsafeFunction, preprocessExpr } from './preprocess.ts';

/** Where the StepInvariantExpr wrappers are: the printed expression with `SI(…)` around them. */
function wraps(e: Expr): string {
  switch (e.type) {
    case 'StepInvariantExpr': return `SI(${wraps(e.expr)})`;
    case 'BinaryExpr': return `${wraps(e.lhs)} ${e.op} ${wraps(e.rhs)}`;
    case 'Call': return `${e.func.name}(${e.args.map(wraps).join(', ')})`;
    case 'AggregateExpr': return `${e.op}(${e.param ? wraps(e.param) + ', ' : ''}${wraps(e.expr)})`;
    case 'ParenExpr': return `(${wraps(e.expr)})`;
    case 'UnaryExpr': return `${e.op}${wraps(e.expr)}`;
    case 'SubqueryExpr': return `${wraps(e.expr)}[sq]`;
    default: return printExpr(e);
  }
}

// Range query from 1000s to 9999s, as in Prometheus's TestPreprocessAndWrapWithStepInvariantExpr (promql/engine_test.go).
const frame = { startMs: 1_000_000, endMs: 9_999_000, stepMs: 0 };

const cases: { input: string; out: string }[] = [
  { input: '123.4567', out: '123.4567' },
  { input: '"foo"', out: '"foo"' },
  { input: 'foo * bar', out: 'foo * bar' },
  { input: 'foo * bar @ 10', out: 'foo * SI(bar @ 10.000)' },
  { input: 'foo @ 20 * bar @ 10', out: 'SI(foo @ 20.000 * bar @ 10.000)' },
  { input: 'test[5s]', out: 'test[5s]' },
  { input: 'test{a="b"}[5y] @ 1603774699', out: 'test{a="b"}[5y] @ 1603774699.000' },
  { input: 'sum by (foo)(some_metric)', out: 'sum(some_metric)' },
  { input: 'sum by (foo)(some_metric @ 10)', out: 'SI(sum(some_metric @ 10.000))' },
  { input: 'sum(some_metric1 @ 10) + sum(some_metric2 @ 20)', out: 'SI(sum(some_metric1 @ 10.000) + sum(some_metric2 @ 20.000))' },
  { input: 'some_metric and topk(5, rate(some_metric[1m] @ 20))', out: 'some_metric and SI(topk(5, rate(some_metric[1m] @ 20.000)))' },
  { input: 'time()', out: 'time()' },
  { input: 'foo{bar="baz"}[10m:6s] @ 10', out: 'foo{bar="baz"}[sq]' },
  { input: 'sum(foo{bar="baz"} @ 20)[10m:6s] @ 10', out: 'SI(sum(foo{bar="baz"} @ 20.000))[sq]' },
  { input: 'min_over_time(rate(foo{bar="baz"}[2s])[5m:] @ 1603775091)[4m:3s]', out: 'SI(min_over_time(rate(foo{bar="baz"}[2s])[sq]))[sq]' },
  { input: '(foo + bar{nm="val"} @ 1234)[5m:] @ 1603775019', out: '(foo + SI(bar{nm="val"} @ 1234.000))[sq]' },
  { input: 'abs(abs(metric @ 10))', out: 'SI(abs(abs(metric @ 10.000)))' },
  { input: 'foo @ start()', out: 'SI(foo @ 1000.000)' },
  { input: 'foo @ end()', out: 'SI(foo @ 9999.000)' },
  { input: 'sum_over_time(test[5y] @ start())', out: 'SI(sum_over_time(test[5y] @ 1000.000))' },
  { input: 'floor(some_metric / (3 * 1024))', out: 'floor(some_metric / SI((3 * 1024)))' },
  { input: 'timestamp(metric @ 10)', out: 'SI(timestamp(metric @ 10.000))' },
  { input: 'timestamp(abs(metric @ 10))', out: 'timestamp(SI(abs(metric @ 10.000)))' },
  // Parentheses around call and aggregation arguments are dropped.
  { input: 'abs((foo))', out: 'abs(foo)' },
  { input: 'sum((foo))', out: 'sum(foo)' },
];

describe('preprocessExpr: step-invariant wrapping', () => {
  for (const c of cases) {
    it(`wraps ${c.input}`, () => {
      expect(wraps(preprocessExpr(parse(c.input), frame))).toBe(c.out);
    });
  }

  it('does not mutate its input', () => {
    const e = parse('foo @ start()');
    const before = JSON.stringify(e);
    preprocessExpr(e, frame);
    expect(JSON.stringify(e)).toBe(before);
  });
});

describe('preprocessExpr: query-dependent values', () => {
  const range = { startMs: 50_000, endMs: 60_000, stepMs: 5_000 };
  const instant = { startMs: 50_000, endMs: 50_000, stepMs: 1_000 };

  it('resolves step() and range() in durations (duration_expression.test)', () => {
    const m = preprocessExpr(parse('count_over_time(x[step()+1])'), range);
    expect(m.type === 'Call' && (m.args[0] as MatrixSelector).rangeMs).toBe(6000);
    const o = preprocessExpr(parse('x offset -step()*2'), range);
    expect(o.type === 'BinaryExpr' && (o.lhs as VectorSelector).offsetMs).toBe(-5000);
    const r = preprocessExpr(parse('x offset min_of(range(), 8s)'), range) as VectorSelector;
    expect(r.offsetMs).toBe(8000);
    const s = preprocessExpr(parse('x[5m:step()]'), range) as SubqueryExpr;
    expect(s.stepMs).toBe(5000);
    expect(s.stepExpr).toBeNull();
  });

  it('folds start(), end(), range() and step() calls (step() is 0 for instant queries)', () => {
    const e = preprocessExpr(parse('start() + end() + range() + step()'), range);
    expect(e.type).toBe('StepInvariantExpr');
    expect(printExpr(e)).toBe('50 + 60 + 10 + 5');
    expect(printExpr(preprocessExpr(parse('step()'), instant))).toBe('0');
  });

  it('keeps the printed form of resolved durations', () => {
    expect(printExpr(preprocessExpr(parse('x[step() + 1ms]'), range))).toBe('x[step() + 1ms]');
  });

  it('rejects a duration that resolves to zero, with upstream text', () => {
    let err: unknown;
    try {
      preprocessExpr(parse('x[step()]'), instant);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PromQLError);
    expect((err as PromQLError).message).toBe('2:8: duration must be greater than 0');
  });

  it('rejects division by a step() of zero', () => {
    expect(() => preprocessExpr(parse('x[1m / step()]'), instant)).toThrow('2:13: division by zero');
  });
});

describe('addAtModifier', () => {
  const cases: { input: string; out: string }[] = [
    { input: 'foo', out: 'foo @ 12.345' },
    { input: 'rate(foo[5m]) + bar offset 1m', out: 'rate(foo[5m] @ 12.345) + bar @ 12.345 offset 1m' },
    { input: 'foo @ 100 + bar', out: 'foo @ 100.000 + bar @ 12.345' },
    { input: 'max_over_time(rate(foo[1m])[5m:1m])', out: 'max_over_time(rate(foo[1m])[5m:1m] @ 12.345)' },
    { input: 'max_over_time(rate(foo[1m])[5m:1m] @ 50)', out: 'max_over_time(rate(foo[1m])[5m:1m] @ 50.000)' },
    { input: 'foo @ start() - 1', out: 'foo @ 12.345 - 1' },
    { input: 'sum by (a) (x) / on(a) group_left y', out: 'sum by (a) (x @ 12.345) / on (a) group_left () y @ 12.345' },
  ];
  for (const c of cases) {
    it(`rewrites ${c.input}`, () => {
      expect(printExpr(addAtModifier(parse(c.input), 12345))).toBe(c.out);
    });
  }

  it('detects at-modifier-unsafe functions outside subqueries', () => {
    expect(callsAtModifierUnsafeFunction(parse('time() - foo'))).toBe(true);
    expect(callsAtModifierUnsafeFunction(parse('sum(timestamp(foo))'))).toBe(true);
    expect(callsAtModifierUnsafeFunction(parse('rate(foo[5m])'))).toBe(false);
    expect(callsAtModifierUnsafeFunction(parse('max_over_time(vector(time())[5m:])'))).toBe(false);
  });
});
