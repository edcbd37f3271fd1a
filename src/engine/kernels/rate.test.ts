import { describe, expect, it } from 'vitest';
import { delta, extrapolatedRate, idelta, increase, irate, rangeSeconds, rate } from './rate.ts';
import { loadSeries, min, windowAt } from './window-fixture.ts';

// Cases transcribed from Prometheus's promql/promqltest/testdata/functions.test.
describe('increase', () => {
  const foo = loadSeries(min(5), '0+10x10');
  const bar = loadSeries(min(5), '0+18x5 0+18x5');
  const dings = loadSeries(min(5), '10+10x10');
  const bumms = loadSeries(min(5), '1+10x10');

  it('extrapolates to the window edges ([50m] at 50m)', () => {
    expect(increase(windowAt(foo, min(50), min(50)), [])).toBe(100);
    expect(increase(windowAt(bar, min(50), min(50)), [])).toBe(160);
    expect(increase(windowAt(dings, min(50), min(50)), [])).toBe(100);
    expect(increase(windowAt(bumms, min(50), min(50)), [])).toBe(100);
  });

  it('limits extrapolation towards zero and to half an interval ([100m] at 50m)', () => {
    expect(increase(windowAt(foo, min(50), min(100)), [])).toBe(100);
    expect(increase(windowAt(bar, min(50), min(100)), [])).toBe(162);
    expect(increase(windowAt(dings, min(50), min(100)), [])).toBe(105);
    expect(increase(windowAt(bumms, min(50), min(100)), [])).toBe(101);
  });

  it('treats a decrease as a counter reset', () => {
    const s = loadSeries(min(5), '0 1 2 3 2 3 4');
    expect(increase(windowAt(s, min(30), min(30)), [])).toBe(7);
  });
});

describe('rate', () => {
  it('handles counter resets in the middle and at the end', () => {
    const middle = loadSeries(min(5), '0+27x4 0+27x5');
    expect(rate(windowAt(middle, min(50), min(50)), [])).toBeCloseTo(0.08, 15);
    const end = loadSeries(min(5), '0+10x9 0 10');
    expect(rate(windowAt(end, min(50), min(5)), [])).toBeUndefined();
    expect(rate(windowAt(end, min(50), min(6)), [])).toBe(0);
  });

  it('computes per-second rates, with offset', () => {
    // The corpus prints 0.26666666666666666; promqltest compares with a tolerance.
    expect(rate(windowAt(loadSeries(min(5), '0+80x10'), min(50), min(50)), [])).toBeCloseTo(0.26666666666666666, 15);
    expect(rate(windowAt(loadSeries(min(5), '0+10x10'), min(50), min(10), min(5)), [])).toBe(0.03333333333333333);
    expect(rate(windowAt(loadSeries(min(5), '0+20x10'), min(50), min(10), min(5)), [])).toBe(0.06666666666666667);
  });

  it('cuts left extrapolation at the zero point, up to half an interval', () => {
    const starts = [0, 60, 120, 180, 240, 300];
    const at10m = [0.5, 0.55, 0.6, 0.6, 0.6, 0.6];
    starts.forEach((s0, i) => {
      const s = loadSeries(min(4), `${s0}+240x10`);
      expect(rate(windowAt(s, min(10), min(20)), [])).toBeCloseTo(at10m[i], 14);
      expect(rate(windowAt(s, min(50), min(20)), [])).toBeCloseTo(0.6, 14);
    });
  });

  it('needs at least two samples', () => {
    const s = loadSeries(min(5), '1 2');
    expect(rate(windowAt(s, min(5), min(1)), [])).toBeUndefined();
    expect(rate(windowAt(s, min(20), min(1)), [])).toBeUndefined();
  });

  it('matches a hand computation with partial extrapolation', () => {
    // Samples at 10s, 20s, 30s = 1, 2, 3; window (0, 60s]. avg interval 10s, threshold 11s.
    // toStart = 10s < 11s → extrapolate fully, but counter zero point is at 0s (10s back) → 10s.
    // toEnd = 30s ≥ 11s → 5s. factor = (20+10+5)/20 = 1.75; increase 2 → 3.5; rate 3.5/60.
    const w = { t: Float64Array.of(10e3, 20e3, 30e3), v: Float64Array.of(1, 2, 3), lo: 0, hi: 3, rangeStartMs: 0, rangeEndMs: 60e3, evalMs: 60e3 };
    expect(increase(w, [])).toBe(3.5);
    expect(rate(w, [])).toBe(3.5 / 60);
    // delta is no counter: no zero cut-off, so the same here (start extrapolation 10s ≤ 11s).
    expect(delta(w, [])).toBe(3.5);
  });

  it('delta does not cut at zero and keeps negative changes', () => {
    const foo = loadSeries(min(5), '0 50 100 150 200');
    const bar = loadSeries(min(5), '200 150 100 50 0');
    expect(delta(windowAt(foo, min(20), min(20)), [])).toBe(200);
    expect(delta(windowAt(bar, min(20), min(20)), [])).toBe(-200);
    // 2 → 10 over (0,20s] with samples at 5s and 15s: both ends extrapolate 5s (threshold
    // 11s): factor (10+5+5)/10 = 2 → 16. As a counter, the zero point lies 10s·2/8 = 2.5s
    // before the first sample, so the start extrapolates only 2.5s: (10+2.5+5)/10·8 = 14.
    const w = { t: Float64Array.of(5e3, 15e3), v: Float64Array.of(2, 10), lo: 0, hi: 2, rangeStartMs: 0, rangeEndMs: 20e3, evalMs: 20e3 };
    expect(delta(w, [])).toBe(16);
    expect(increase(w, [])).toBe(14);
  });

  it('uses only first and last value (plus resets): a NaN in between is ignored, at an end it propagates', () => {
    const w = { t: Float64Array.of(0, 1e3, 2e3), v: Float64Array.of(1, NaN, 3), lo: 0, hi: 3, rangeStartMs: -1, rangeEndMs: 2e3, evalMs: 2e3 };
    // increase 2; start extrapolation 1ms (< threshold 1.1s, zero point 1s back): factor 2.001/2.
    expect(extrapolatedRate(w, true, false)).toBe(2 * (2.001 / 2));
    expect(extrapolatedRate({ ...w, v: Float64Array.of(NaN, 2, 3) }, true, false)).toBeNaN();
    expect(extrapolatedRate({ ...w, v: Float64Array.of(1, 2, NaN) }, false, true)).toBeNaN();
  });

  it('divides by the range as Go computes Duration.Seconds()', () => {
    const w = { t: new Float64Array(0), v: new Float64Array(0), lo: 0, hi: 0, rangeStartMs: 0, rangeEndMs: 1001, evalMs: 1001 };
    expect(rangeSeconds(w)).toBe(1 + 1e6 / 1e9);
    expect(rangeSeconds({ ...w, rangeEndMs: 300_000 })).toBe(300);
  });
});

describe('irate and idelta', () => {
  it('irate uses the last two samples and handles resets', () => {
    const foo = loadSeries(min(5), '0+10x10');
    const bar = loadSeries(min(5), '0+10x5 0+10x5');
    expect(irate(windowAt(foo, min(50), min(50)), [])).toBe(0.03333333333333333);
    expect(irate(windowAt(bar, min(50), min(50)), [])).toBe(0.03333333333333333);
    expect(irate(windowAt(foo, min(30), min(50)), [])).toBe(0.03333333333333333);
    expect(irate(windowAt(bar, min(30), min(50)), [])).toBe(0);
  });

  it('irate/idelta with NaN values (range query from 0 to 20m step 5m)', () => {
    const s = loadSeries(min(5), '1 NaN NaN 5 11');
    const range = min(15) + 1000;
    const irates = [0, 5, 10, 15, 20].map((m) => irate(windowAt(s, min(m), range), []));
    expect(irates[0]).toBeUndefined();
    expect(irates.slice(1, 4).every((x) => Number.isNaN(x))).toBe(true);
    expect(irates[4]).toBe(0.02);
    const ideltas = [0, 5, 10, 15, 20].map((m) => idelta(windowAt(s, min(m), range), []));
    expect(ideltas[0]).toBeUndefined();
    expect(ideltas.slice(1, 4).every((x) => Number.isNaN(x))).toBe(true);
    expect(ideltas[4]).toBe(6);
  });

  it('idelta of gauges', () => {
    expect(idelta(windowAt(loadSeries(min(5), '0 50 100 150'), min(20), min(20)), [])).toBe(50);
    expect(idelta(windowAt(loadSeries(min(5), '0 50 100 50'), min(20), min(20)), [])).toBe(-50);
  });

  it('returns nothing for equal timestamps or one sample', () => {
    const w = { t: Float64Array.of(5, 5), v: Float64Array.of(1, 2), lo: 0, hi: 2, rangeStartMs: 0, rangeEndMs: 10, evalMs: 10 };
    expect(irate(w, [])).toBeUndefined();
    expect(idelta({ ...w, hi: 1 }, [])).toBeUndefined();
  });
});

describe('extrapolatedRate reuse of the last window shape', () => {
  /** A plain transcription of extrapolatedRate (promql/functions.go, float path, no start timestamps), recomputing everything. */
  function reference(w: { t: Float64Array; v: Float64Array; lo: number; hi: number; rangeStartMs: number; rangeEndMs: number }, isCounter: boolean, isRate: boolean): number | undefined {
    const { t, v, lo, hi } = w;
    if (hi - lo < 2) return undefined;
    let result = v[hi - 1] - v[lo];
    if (isCounter) for (let i = lo + 1; i < hi; i++) if (v[i] < v[i - 1]) result += v[i - 1];
    let durationToStart = (t[lo] - w.rangeStartMs) / 1000;
    let durationToEnd = (w.rangeEndMs - t[hi - 1]) / 1000;
    const sampledInterval = (t[hi - 1] - t[lo]) / 1000;
    const average = sampledInterval / (hi - lo - 1);
    const threshold = average * 1.1;
    if (durationToStart >= threshold) durationToStart = average / 2;
    if (isCounter) {
      let durationToZero = durationToStart;
      if (result > 0 && v[lo] >= 0) durationToZero = sampledInterval * (v[lo] / result);
      if (durationToZero < durationToStart) durationToStart = durationToZero;
    }
    if (durationToEnd >= threshold) durationToEnd = average / 2;
    let factor = 1;
    if (sampledInterval !== 0) factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
    if (isRate) factor /= rangeSeconds({ ...w, evalMs: 0 } as never);
    return result * factor;
  }

  it('gives the reference result bit for bit when consecutive windows repeat a time shape with other values', () => {
    let seed = 7;
    const rnd = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let k = 0; k < 20_000; k++) {
      // A few shapes, so most calls repeat the previous one's times; values of every kind.
      const n = 2 + Math.floor(rnd() * 4);
      const step = [15_000, 10_000, 7_000][Math.floor(rnd() * 3)];
      const t = Float64Array.from({ length: n }, (_, i) => 1_000_000 + Math.floor(rnd() * 2) * 1000 + i * step);
      const v = Float64Array.from({ length: n }, () => [0, -0, 1e-300, 5, 1e6, -3, NaN][Math.floor(rnd() * 7)] + Math.floor(rnd() * 50));
      const rangeMs = [60_000, 61_500][Math.floor(rnd() * 2)];
      const end = t[n - 1] + [0, 2000, 9000][Math.floor(rnd() * 3)];
      const w = { t, v, lo: 0, hi: n, rangeStartMs: end - rangeMs, rangeEndMs: end, evalMs: end };
      for (const [isCounter, isRate] of [[true, true], [true, false], [false, false]] as const) {
        const got = extrapolatedRate(w, isCounter, isRate);
        const want = reference(w, isCounter, isRate);
        if (!Object.is(got, want)) throw new Error(`window ${k} (${Array.from(v)} at ${Array.from(t)}): got ${got}, want ${want}`);
      }
    }
  });
});
