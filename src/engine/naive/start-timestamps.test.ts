import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runQuery } from '../engine.ts';
import { labelsFromRecord } from '../model/labels.ts';
import { StorageBuilder } from '../storage/storage-builder.ts';
import { loadNotation } from '../storage/load-notation.ts';
import { createTestEngine } from '../testing/engine-bindings.ts';
import { runScript } from '../testing/runner.ts';

const CORPUS = '/work/shared/promqltest/testdata/start_timestamps.test';

describe.skipIf(!existsSync(CORPUS))('start_timestamps.test on the naive evaluator', () => {
  it('passes every float case (histogram cases are skipped by the harness)', () => {
    const r = runScript(readFileSync(CORPUS, 'utf8'), createTestEngine(), { evaluators: ['naive'] });
    expect(r.errors).toEqual([]);
    const failed = r.cases.filter((c) => c.outcomes.naive?.status === 'fail').map((c) => `${c.line}: ${JSON.stringify(c.outcomes.naive)}`);
    expect(failed).toEqual([]);
    const passed = r.cases.filter((c) => c.outcomes.naive?.status === 'pass').length;
    // 2 subquery cases passed before ST existed; the 14 ST cases pass now.
    expect(passed).toBe(16);
  });
});

describe('start timestamps through runQuery (naive)', () => {
  const data = [
    'load 1m',
    // Deltas in GCP style (ST = T − 59.999 s) and a counter whose starts overlap.
    '  d{type="gcp"}@st  _ _ -59999msx5',
    '  d{type="gcp"}     _ _ 60x5',
    '  c_total@st        _ _ -2m -2m -2m',
    '  c_total           _ _ 60 120 180',
  ].join('\n');
  const storage = loadNotation(data).storage;
  const instant = (expr: string, tMs: number, opts = {}) => {
    const r = runQuery(storage, { expr, startMs: tMs, endMs: tMs, stepMs: 60_000 }, { evaluator: 'naive', ...opts });
    if (!r.ok) throw new Error(r.error.message);
    if (r.value.kind !== 'vector') throw new Error(r.value.kind);
    return { values: r.value.series.map((s) => s.values[0]), annotations: r.annotations.map((a) => a.message) };
  };

  it('uses ST for rate/increase/irate/resets on selectors, not on subqueries', () => {
    // At 7m the window (120 s, 420 s] holds 5 samples, each a delta of 60 (ST = previous
    // T + 1 ms: 4 ST resets); the first one's ST (120.001 s) is inside the window, so the
    // counter starts from zero there: 0 + 4·60 + 60 = 300, no extrapolation.
    expect(instant('increase(d[5m])', 420_000).values).toEqual([300]);
    expect(instant('rate(d[5m])', 420_000).values).toEqual([1]);
    expect(instant('irate(d[5m])', 420_000).values).toEqual([1]);
    expect(instant('resets(d[5m])', 420_000).values).toEqual([4]);
    expect(instant('increase(d[5m:1m])', 420_000).values).toEqual([0]);
  });

  it('can be switched off (useStartTimestamps: false)', () => {
    expect(instant('increase(d[5m])', 420_000, { useStartTimestamps: false }).values).toEqual([0]);
    expect(instant('resets(d[5m])', 420_000, { useStartTimestamps: false }).values).toEqual([0]);
    expect(instant('start_timestamp(d)', 420_000, { useStartTimestamps: false }).values).toEqual([]);
  });

  it('warns about overlapping start times, counting occurrences over steps', () => {
    // c_total ST: 0 (unknown) @120 s, 60 s @180 s, 120 s @240 s: 60 s < 120 s overlaps.
    const one = instant('rate(c_total[3m])', 240_000);
    expect(one.values).toEqual([1]);
    expect(one.annotations).toEqual(['PromQL warning: sample has start time that overlaps with previous sample timestamp for metric "c_total"']);
    const r = runQuery(storage, { expr: 'rate(c_total[3m])', startMs: 240_000, endMs: 360_000, stepMs: 60_000 }, { evaluator: 'naive' });
    // Steps 240 s and 300 s have an overlapping pair; at 360 s the window holds one sample.
    expect(r.annotations.map((a) => a.message)).toEqual([
      'PromQL warning: sample has start time that overlaps with previous sample timestamp for metric "c_total" (2 occurrences)',
    ]);
    expect(instant('irate(c_total[3m])', 240_000).annotations).toEqual([]);
    // Two calls on the same metric merge into one warning at the first one's position.
    const two = runQuery(storage, { expr: 'rate(c_total[3m]) + rate(c_total[2m])', startMs: 240_000, endMs: 240_000, stepMs: 60_000 }, { evaluator: 'naive' });
    expect(two.annotations.map((a) => [a.message, a.range.from])).toEqual([
      ['PromQL warning: sample has start time that overlaps with previous sample timestamp for metric "c_total" (2 occurrences)', 5],
    ]);
  });

  it('start_timestamp() gives the picked sample\'s ST in seconds, 0 without one', () => {
    expect(instant('start_timestamp(d)', 420_000).values).toEqual([360.001]);
    expect(instant('start_timestamp(c_total)', 120_000).values).toEqual([0]);
    expect(instant('start_timestamp(c_total)', 200_000).values).toEqual([60]);
    expect(instant('start_timestamp(c_total * 1)', 200_000).values).toEqual([]);
  });

  it('start_timestamp() over a range: the float-only series of start_timestamps.test:305', () => {
    const st = loadNotation(['load 10s', '  series{case="b"}@st  _ _ _ _ -3s _ _ -40s', '  series{case="b"}     _ _ _ _ 40  _ _ 70'].join('\n')).storage;
    const r = runQuery(st, { expr: 'start_timestamp(series)', startMs: 0, endMs: 110_000, stepMs: 5_000 }, { evaluator: 'naive' });
    if (!r.ok || r.value.kind !== 'vector') throw new Error('query failed');
    const s0 = r.value.series[0];
    const got = Array.from(s0.values, (x, i) => (s0.present[i] ? x : null));
    // The expectation line of the corpus for {case="b"}.
    const want = [null, null, null, null, null, null, null, null, 37, 37, 37, 37, 37, 37, 30, 30, 30, 30, 30, 30, 30, 30, 30];
    expect(got).toEqual(want);
    expect(s0.labels).toEqual(labelsFromRecord({ case: 'b' }));
  });

  it('keeps ST through staleness markers removed from a window', () => {
    const b = new StorageBuilder();
    const ls = labelsFromRecord({ __name__: 'x_total' });
    b.append(ls, 60_000, 10, false, 1); // ST 1 ms: counter started inside (0, 120 s]
    b.append(ls, 90_000, NaN, true);
    b.append(ls, 120_000, 20, false, 1);
    const r = runQuery(b.seal(), { expr: 'increase(x_total[2m])', startMs: 120_000, endMs: 120_000, stepMs: 1 }, { evaluator: 'naive' });
    if (!r.ok || r.value.kind !== 'vector') throw new Error('query failed');
    // Zero at 1 ms, 20 at 120 s: sampled interval 119.999 s, no extrapolation at either end.
    expect(r.value.series.map((s) => s.values[0])).toEqual([20]);
  });
});
