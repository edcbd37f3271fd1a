import { describe, expect, it } from 'vitest';
import { deriv, linearRegression, predictLinear } from './regression.ts';
import { loadSeries, min, windowAt } from './window-fixture.ts';

// Cases transcribed from functions.test ("Tests for deriv() and predict_linear()").
describe('deriv', () => {
  it('equals rate for a clean counter', () => {
    const s = loadSeries(min(5), '0+80x10');
    expect(deriv(windowAt(s, min(50), min(50)), [])).toBeCloseTo(0.26666666666666666, 15);
  });
  it('fits a line through a reset', () => {
    const s = loadSeries(min(5), '0+10x4 0+10x5');
    expect(deriv(windowAt(s, min(50), min(100)), [])).toBeCloseTo(0.010606060606060607, 16);
  });
  it('is NaN with ±Inf samples', () => {
    const s = loadSeries(min(5), '-Inf 0+80x10 Inf');
    expect(deriv(windowAt(s, min(100), min(100)), [])).toBeNaN();
  });
  it('needs two samples; constant series has slope 0', () => {
    const s = loadSeries(min(5), '3 3 3');
    expect(deriv(windowAt(s, min(10), min(1)), [])).toBeUndefined();
    expect(deriv(windowAt(s, min(10), min(20)), [])).toBe(0);
    const inf = loadSeries(min(5), 'Inf Inf');
    expect(deriv(windowAt(inf, min(5), min(20)), [])).toBeNaN();
  });
});

describe('predict_linear', () => {
  const s = loadSeries(min(5), '0+10x4 0+10x5');
  it('predicts from the evaluation time', () => {
    expect(predictLinear(windowAt(s, min(50), min(50)), [3600])).toBeCloseTo(70, 12);
  });
  it('uses the step time (not the @ time) as intercept time', () => {
    // predict_linear(x[55m] @ 3000, 3600) evaluated at 50m, 10m and 70m.
    const w = windowAt(s, 3000_000, min(55));
    expect(predictLinear({ ...w, evalMs: min(50) }, [3600])).toBeCloseTo(76.81818181818181, 12);
    expect(predictLinear({ ...w, evalMs: min(10) }, [3600])).toBeCloseTo(51.36363636363637, 12);
    expect(predictLinear({ ...w, evalMs: min(70) }, [3600])).toBeCloseTo(89.54545454545455, 12);
  });
  it('is NaN with ±Inf samples', () => {
    const inf = loadSeries(min(5), '-Inf 0+80x10 Inf');
    expect(predictLinear(windowAt(inf, min(100), min(100)), [6000])).toBeNaN();
  });
  it('hand-computed regression (the corpus comment)', () => {
    // X/s = 0..3000 step 300, Y = 0 10 20 30 40 0 10 20 30 40 50 → slope 0.0106…, intercept 6.818… at t=0.
    const out = new Float64Array(2);
    linearRegression(s.t, s.v, 0, s.t.length, 0, out);
    expect(out[0]).toBeCloseTo(0.010606060606060607, 16);
    expect(out[1]).toBeCloseTo(6.818181818181818, 13);
    linearRegression(s.t, s.v, 0, s.t.length, 3000_000, out);
    expect(out[1]).toBeCloseTo(38.63636363636364, 13);
  });
});
