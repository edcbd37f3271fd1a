import { describe, expect, it } from 'vitest';
import { FUNCTIONS, getFunction } from './functions.ts';
import { parse } from './parser.ts';

describe('function table', () => {
  it('has the 90 functions of Prometheus 3.14 (promql/parser/functions.go)', () => {
    expect(FUNCTIONS.size).toBe(90);
    for (const [name, f] of FUNCTIONS) expect(f.name).toBe(name);
  });

  it('has the upstream signatures', () => {
    expect(getFunction('rate')).toEqual({ name: 'rate', argTypes: ['matrix'], variadic: 0, returnType: 'vector', experimental: false });
    expect(getFunction('label_join')).toEqual({ name: 'label_join', argTypes: ['vector', 'string', 'string', 'string'], variadic: -1, returnType: 'vector', experimental: false });
    expect(getFunction('histogram_quantiles')).toEqual({ name: 'histogram_quantiles', argTypes: ['vector', 'string', 'scalar', 'scalar'], variadic: 9, returnType: 'vector', experimental: true });
    expect(getFunction('round')?.variadic).toBe(1);
    expect(getFunction('info')).toEqual({ name: 'info', argTypes: ['vector', 'vector'], variadic: 1, returnType: 'vector', experimental: true });
    expect(getFunction('first_over_time')?.experimental).toBe(false);
    expect(getFunction('ts_of_first_over_time')?.experimental).toBe(true);
    expect(getFunction('pi')).toEqual({ name: 'pi', argTypes: [], variadic: 0, returnType: 'scalar', experimental: false });
    expect(getFunction('holt_winters')).toBeUndefined();
    expect(getFunction('RATE')).toBeUndefined();
  });

  it('drives arity checks with upstream messages', () => {
    expect(() => parse('hour(a, a, a)')).toThrow('expected at most 1 argument(s) in call to "hour", got 3');
    expect(() => parse('label_join(a, "d")')).toThrow('expected at least 3 argument(s) in call to "label_join", got 2');
    expect(() => parse('histogram_quantiles(a, "q", 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99)')).toThrow(
      'expected at most 12 argument(s) in call to "histogram_quantiles", got 13',
    );
    expect(() => parse('round(a, 1, 2)')).toThrow('expected at most 2 argument(s) in call to "round", got 3');
    expect(() => parse('label_join(a, "d", ",", "x", 1)')).toThrow('expected type string in call to function "label_join", got scalar');
    expect(parse('label_join(a, "d", ",", "x", "y", "z")').type).toBe('Call');
    expect(() => parse('info(a, b)')).toThrow('expected label selectors only, got vector selector instead');
    expect(parse('info(a, {k="v"})').type).toBe('Call');
    expect(parse('info(a)').type).toBe('Call');
  });
});
