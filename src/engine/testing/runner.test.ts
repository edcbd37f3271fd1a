import { describe, expect, it } from 'vitest';
import { Annotations } from '../model/annotations.ts';
import { METRIC_NAME } from '../model/labels.ts';
import { newMatcher } from '../model/matcher.ts';
import { PromQLError } from '../model/errors.ts';
import type { Expr, VectorSelector } from '../parser/ast.ts';
import type { QueryOptions, QueryRequest, QueryResult } from '../query.ts';
import type { SeriesStore } from '../storage/types.ts';
import type { StepSeries } from '../model/result.ts';
import { stepTimestamps } from '../model/result.ts';
import { newBuilderStorage, parseSeriesLine } from './engine-bindings.ts';
import { runScript, type HarnessEngine } from './runner.ts';

/**
 * A tiny stand-in engine that understands only `name` and `name @ <seconds>`: an instant
 * selector with a 5m left-open lookback. Metric `warnme` yields a warning on the whole
 * selector, metric `boom` fails, `unsup` fails with kind 'unsupported'. `offByOne` makes
 * the streaming evaluator add 1 to every value (1e-12 for metric `tiny`), for the mismatch check.
 */
function fakeEngine(opts: { offByOne?: boolean } = {}): HarnessEngine & { requests: QueryRequest[] } {
  const requests: QueryRequest[] = [];
  const parseExpr = (expr: string): Expr => {
    if (/^-?[0-9.]+$/.test(expr)) return { type: 'NumberLiteral', value: Number(expr), duration: false, range: { from: 0, to: expr.length } };
    const m = /^([a-z_]+)(?: @ (-?[0-9.]+))?$/.exec(expr);
    if (m === null) throw new PromQLError('parse', 'parse_error', `1:1: parse error: unexpected ${JSON.stringify(expr)}`);
    const vs: VectorSelector = {
      type: 'VectorSelector',
      name: m[1],
      matchers: [newMatcher('=', METRIC_NAME, m[1])],
      offsetMs: 0,
      offsetExpr: null,
      timestampMs: m[2] === undefined ? null : Math.round(Number(m[2]) * 1000),
      startOrEnd: null,
      anchored: false,
      smoothed: false,
      range: { from: 0, to: expr.length },
    };
    return vs;
  };
  const printExpr = (e: Expr): string => {
    if (e.type === 'NumberLiteral') return String(e.value);
    const vs = e as VectorSelector;
    return vs.timestampMs === null ? vs.name : `${vs.name} @ ${(vs.timestampMs / 1000).toFixed(3)}`;
  };
  const runQuery = (store: SeriesStore, req: QueryRequest, o: QueryOptions): QueryResult => {
    requests.push(req);
    const ann = new Annotations();
    let parsed: Expr;
    try {
      parsed = parseExpr(req.expr);
    } catch (e) {
      return { ok: false, error: (e as PromQLError).toData(), annotations: [], stats: null };
    }
    if (parsed.type === 'NumberLiteral') {
      const ts = stepTimestamps(req.startMs, req.endMs, req.stepMs);
      return { ok: true, value: { kind: 'scalar', timestamps: ts, values: new Float64Array(ts.length).fill(parsed.value) }, annotations: [], stats: null as never };
    }
    const vs = parsed as VectorSelector;
    if (vs.name === 'boom') return { ok: false, error: { kind: 'eval', code: 'x', message: 'it went boom' }, annotations: [], stats: null };
    if (vs.name === 'unsup' && o.evaluator === 'streaming') {
      return { ok: false, error: { kind: 'unsupported', code: 'x', message: 'not streamed yet' }, annotations: [], stats: null };
    }
    if (vs.name === 'warnme') ann.warn('careful', vs.range);
    const ts = stepTimestamps(req.startMs, req.endMs, req.stepMs);
    const series: StepSeries[] = [];
    for (const id of store.select(vs.matchers)) {
      const values = new Float64Array(ts.length);
      const present = new Uint8Array(ts.length);
      for (let i = 0; i < ts.length; i++) {
        const t = vs.timestampMs ?? ts[i];
        const d = store.decode(id, t - (o.lookbackDeltaMs ?? 300000) + 1, t);
        const k = d.t.length - 1;
        if (k >= 0 && !(d.stale && d.stale[k])) {
          present[i] = 1;
          values[i] = d.v[k] + (opts.offByOne && o.evaluator === 'streaming' ? (vs.name === 'tiny' ? 1e-12 : 1) : 0);
        }
      }
      series.push({ labels: store.labels(id), values, present });
    }
    return { ok: true, value: { kind: 'vector', timestamps: ts, series, ordered: false }, annotations: ann.list(), stats: null as never };
  };
  return { parseSeries: parseSeriesLine, parseExpr, printExpr, newStorage: newBuilderStorage, runQuery, requests } as HarnessEngine & {
    requests: QueryRequest[];
  };
}

const naive = { evaluators: ['naive'] as const };

describe('runScript', () => {
  it('passes correct expectations and makes the harness extra runs', () => {
    const engine = fakeEngine();
    const res = runScript(
      `
load 1m
  foo{a="1"} 1 2 3
  foo{a="2"} 10 _ 30

eval instant at 1m foo
  foo{a="1"} 2
  foo{a="2"} 10

eval range from 0 to 3m step 1m foo
  foo{a="1"} 1 2 3 3
  foo{a="2"} 10 10 30 30
`,
      engine,
      naive,
    );
    expect(res.errors).toEqual([]);
    expect(res.cases.map((c) => [c.line, c.outcomes.naive])).toEqual([
      [6, { status: 'pass' }],
      [10, { status: 'pass' }],
    ]);
    // Instant: main + 5 @-runs, each with a range-mode check = 12 queries; range: 1.
    expect(res.cases[0].queries).toBe(12);
    expect(res.cases[1].queries).toBe(1);
    const at = engine.requests.filter((r) => r.expr === 'foo @ 60.000').map((r) => [r.startMs, r.endMs]);
    expect(at).toEqual([
      [-600000, -600000], [-660000, -540000],
      [0, 0], [-60000, 60000],
      [12000, 12000], [-48000, 72000],
      [60000, 60000], [0, 120000],
      [600000, 600000], [540000, 660000],
    ]);
  });

  it('fails on a wrong value, a missing series and an unexpected series, with upstream-style reasons', () => {
    const res = runScript(
      `
load 1m
  foo{a="1"} 1 2 3

eval instant at 1m foo
  foo{a="1"} 2.5

eval instant at 1m foo
  foo{a="1"} 2
  foo{a="3"} 2

eval instant at 1m foo
`,
      fakeEngine(),
      naive,
    );
    const reasons = res.cases.map((c) => (c.outcomes.naive as { reason?: string }).reason);
    expect(reasons[0]).toContain('expected 2.5 for foo{a="1"} but got 2');
    expect(reasons[1]).toContain('expected metric foo{a="3"} with [2] not found');
    expect(reasons[2]).toContain('unexpected metric foo{a="1"} in result, has value 2');
  });

  it('checks expect fail, its msg, and treats unsupported as a failure of that evaluator', () => {
    const res = runScript(
      `
load 1m
  boom 1
  unsup 1

eval instant at 0 boom
  expect fail msg: it went boom

eval instant at 0 boom
  expect fail msg: something else

eval instant at 0 foo
  expect fail

eval instant at 0 unsup
  expect fail
`,
      fakeEngine(),
      { evaluators: ['naive', 'streaming'] },
    );
    const st = res.cases.map((c) => [c.outcomes.naive?.status, c.outcomes.streaming?.status]);
    expect(st).toEqual([
      ['pass', 'pass'],
      ['fail', 'fail'],
      ['fail', 'fail'],
      ['fail', 'fail'],
    ]);
    expect((res.cases[3].outcomes.streaming as { reason: string }).reason).toContain('unsupported');
    expect((res.cases[3].outcomes.naive as { reason: string }).reason).toContain('expected error evaluating query');
  });

  it('renders annotations with their position and matches warn/no_warn expectations', () => {
    const res = runScript(
      `
load 1m
  warnme 1

eval instant at 0 warnme
  expect warn msg: PromQL warning: careful (1:1)
  warnme 1

eval instant at 0 warnme
  expect warn msg: PromQL warning: careful (1:2)
  warnme 1

eval instant at 0 warnme
  expect no_warn
  warnme 1

eval instant at 0 warnme
  expect warn regex: careful \\([0-9]+:[0-9]+\\)
  warnme 1

eval instant at 0 warnme
  warnme 1
`,
      fakeEngine(),
      naive,
    );
    expect(res.cases.map((c) => c.outcomes.naive?.status)).toEqual(['pass', 'fail', 'fail', 'pass', 'pass']);
  });

  it('skips cases that need native histograms, by expectation or by a selector matching a histogram series', () => {
    const res = runScript(
      `
load 1m
  hist {{count:1}} {{count:2}}
  foo 1 2

eval instant at 1m hist
  hist {{count:2}}

eval instant at 1m hist

eval instant at 1m foo
  foo 2

load_with_nhcb 1m
  h_bucket{le="1"} 1
  h_bucket{le="+Inf"} 2
  k_bucket{le="+Inf"} 3

eval instant at 0 h

eval instant at 0 k

eval instant at 0 h_bucket
  h_bucket{le="1"} 1
  h_bucket{le="+Inf"} 2
`,
      fakeEngine(),
      naive,
    );
    expect(res.cases.map((c) => c.outcomes.naive?.status)).toEqual(['skip', 'skip', 'pass', 'skip', 'skip', 'pass']);
  });

  it('reports naive/streaming mismatches', () => {
    const res = runScript(
      `
load 1m
  foo 1
  tiny 1

eval instant at 0 foo
  foo 1

eval instant at 0 tiny
  tiny 1
`,
      fakeEngine({ offByOne: true }),
      { evaluators: ['naive', 'streaming'] },
    );
    // Streaming fails the first case, which reports the difference as its failure.
    expect(res.cases[0].outcomes.naive?.status).toBe('pass');
    expect(res.cases[0].outcomes.streaming?.status).toBe('fail');
    expect(res.cases[0].mismatches).toEqual([]);
    // The expectations cannot tell 1 from 1 + 1e-12; the identity check can.
    expect(res.cases[1].outcomes.naive?.status).toBe('pass');
    expect(res.cases[1].outcomes.streaming?.status).toBe('pass');
    expect(res.cases[1].mismatches[0].diff).toContain('value differs at step 0: 1 vs 1.000000000001');
  });

  it('fails every case after a load that does not parse, until clear', () => {
    const res = runScript(
      `
load 1m
  foo{ 1

eval instant at 0 foo

clear

load 1m
  foo 1

eval instant at 0 foo
  foo 1
`,
      fakeEngine(),
      naive,
    );
    expect(res.errors.length).toBe(1);
    expect(res.cases.map((c) => c.outcomes.naive?.status)).toEqual(['fail', 'pass']);
  });
});

describe('result kinds', () => {
  it('compares scalars, in instant and range mode', () => {
    const res = runScript('eval instant at 1m 5\n  5\n\neval instant at 1m 5\n  6\n\neval range from 0 to 2m step 1m 5\n  {} 5 5 5\n', fakeEngine(), naive);
    expect(res.cases.map((c) => c.outcomes.naive?.status)).toEqual(['pass', 'fail', 'pass']);
    expect((res.cases[1].outcomes.naive as { reason: string }).reason).toContain('expected scalar 6 but got 5');
    // A scalar expression has no selector: main run + 5 @-runs, each with its range-mode check.
    expect(res.cases[0].queries).toBe(12);
  });

  it('checks the order of an ordered eval only in the instant run', () => {
    const script = (a: string, b: string): string => `load 1m\n  foo{x="1"} 1\n  foo{x="2"} 2\n\neval instant at 0 foo\n  expect ordered\n  ${a}\n  ${b}\n`;
    // The stand-in engine returns series in storage (label) order.
    const ok = runScript(script('foo{x="1"} 1', 'foo{x="2"} 2'), fakeEngine(), naive);
    const bad = runScript(script('foo{x="2"} 2', 'foo{x="1"} 1'), fakeEngine(), naive);
    expect(ok.cases[0].outcomes.naive?.status).toBe('pass');
    expect((bad.cases[0].outcomes.naive as { reason: string }).reason).toContain('expected metric foo{x="1"} with [1] at position 2 but was at 1');
  });

  it('compares a range query as a matrix with absent steps', () => {
    const res = runScript(
      'load 1m\n  foo 1 _ _ _ _ _ _ 8\n\neval range from 0 to 7m step 1m foo\n  foo 1 1 1 1 1 _ _ 8\n\neval range from 0 to 7m step 1m foo\n  foo 1 1 1 1 1 1 _ 8\n',
      fakeEngine(),
      naive,
    );
    expect(res.cases[0].outcomes.naive?.status).toBe('pass');
    expect((res.cases[1].outcomes.naive as { reason: string }).reason).toContain('expected 7 float points and 0 histogram points for foo, but got 6 float points');
  });
});

describe('load blocks', () => {
  it('reject out-of-order samples across blocks and fail the cases after them', () => {
    const res = runScript(
      `
load 1m
  foo 1 2 3
  bar 1

load 1m
  bar _ 5
  foo 9

eval instant at 10s bar
  bar 1
`,
      fakeEngine(),
      naive,
    );
    expect(res.errors.map((e) => e.message)).toEqual(['out of order sample for series foo at 0ms (last sample at 120000ms)']);
    expect(res.cases[0].outcomes.naive?.status).toBe('fail');
  });
});
