import { describe, expect, it } from 'vitest';
import { checkTargets, trackedVsMeasured, type TargetCase } from './targets.ts';

const MiB = 1024 * 1024;
function c(shape: string, aggregates: boolean, series: number, steps: number, naiveMs: number, streamMs: number, naiveTracked = 10 * MiB, streamTracked = MiB): TargetCase {
  return {
    shape,
    aggregates,
    series,
    steps,
    naive: { ms: naiveMs, trackedPeakBytes: naiveTracked, measuredPeakBytes: naiveTracked * 1.1 },
    streaming: { ms: streamMs, trackedPeakBytes: streamTracked, measuredPeakBytes: streamTracked * 0.5 },
  };
}

describe('benchmark targets', () => {
  it('fails the 0.6× wall target for a range aggregation at 0.7× and names it; instant and 100-series cases are out of its scope', () => {
    const checks = checkTargets([
      c('sum_rate', true, 1000, 100, 30, 21), // 0.70×
      c('topk', true, 1000, 1000, 100, 50), // 0.50×
      c('sum_rate', true, 1000, 1, 3, 2.7), // instant, 0.90×
      c('sum_rate', true, 100, 100, 3, 2.7), // 100 series
    ]);
    const wall = checks.find((t) => t.target.startsWith('wall ≤ 0.6×'))!;
    expect(wall).toEqual({ target: wall.target, pass: false, cases: 2, detail: 'worst 0.70× (sum_rate 1,000×100); over: sum_rate 1,000×100 0.70×' });
    expect(checks.find((t) => t.target.startsWith('wall ≤ 1.0×'))).toMatchObject({ pass: true, cases: 3, detail: 'worst 0.90× (sum_rate 1,000×instant)' });
    expect(checks.find((t) => t.target.startsWith('tracked peak'))).toMatchObject({ pass: true, cases: 2, detail: 'worst 0.10× (sum_rate 1,000×100)' });
  });

  it('fails the memory target at 0.4× and the 1.2× target on any case; says when no case is in scope', () => {
    const checks = checkTargets([c('topk', true, 1000, 100, 10, 5, 10 * MiB, 4 * MiB), c('selector', false, 100, 1, 1, 1.3)]);
    expect(checks.find((t) => t.target.startsWith('tracked peak'))).toMatchObject({ pass: false, detail: 'worst 0.40× (topk 1,000×100); over: topk 1,000×100 0.40×' });
    expect(checks.find((t) => t.target.startsWith('wall ≤ 1.2×'))).toMatchObject({ pass: false, cases: 2 });
    expect(checkTargets([c('selector', false, 100, 1, 1, 1)]).find((t) => t.target.startsWith('wall ≤ 0.6×'))).toMatchObject({ pass: null, cases: 0 });
  });

  it('gives the range of measured over tracked peak per evaluator', () => {
    const cases = [c('a', true, 1000, 100, 1, 1, 10 * MiB, MiB), c('b', true, 1000, 100, 1, 1, 20 * MiB, 2 * MiB)];
    expect(trackedVsMeasured(cases, 'naive')).toEqual({ min: 1.1, max: 1.1 });
    expect(trackedVsMeasured(cases, 'streaming')).toEqual({ min: 0.5, max: 0.5 });
  });
});
