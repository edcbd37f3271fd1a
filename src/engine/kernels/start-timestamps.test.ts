import { describe, expect, it } from 'vitest';
import { resets } from './counters.ts';
import { anchoredResets } from './extended-range.ts';
import { delta, idelta, increase, irate, rate } from './rate.ts';
import { checkStartTimeOverlap, isStartTimestampReset, startTimeOverlapMessage, stAt, windowHasStartTimeOverlap } from './start-timestamps.ts';
import type { RangeWindow } from './types.ts';
import { expandValues, loadSeries, min, windowAt } from './window-fixture.ts';

const s = (x: number): number => x * 1000;

/**
 * A series at 1m slots with per-slot ST offsets in ms (null = no ST), as a load block
 * with an `@st` line: ST = slot time + offset.
 */
function withST(notation: string, offsets: (number | null)[]): { t: Float64Array; v: Float64Array; st: Float64Array } {
  const base = loadSeries(min(1), notation);
  const slotsWithValue: number[] = [];
  expandValues(notation).forEach((x, i) => {
    if (x !== undefined) slotsWithValue.push(i);
  });
  expect(slotsWithValue.length).toBe(base.t.length);
  const st = new Float64Array(base.t.length);
  slotsWithValue.forEach((slot, i) => {
    const off = offsets[slot];
    st[i] = off === null || off === undefined ? NaN : min(slot) + off;
  });
  return { ...base, st };
}

function win(series: { t: Float64Array; v: Float64Array; st: Float64Array }, evalMs: number, rangeMs: number): RangeWindow {
  return { ...windowAt(series, evalMs, rangeMs), st: series.st };
}

describe('isStartTimestampReset (hand-checked against the upstream rules)', () => {
  it('ignores unknown, invalid (ST > T) and unknown-start (ST == T) start times', () => {
    expect(isStartTimestampReset(0, 100, 0, 200)).toBe(false);
    expect(isStartTimestampReset(0, 100, 250, 200)).toBe(false);
    expect(isStartTimestampReset(0, 100, 200, 200)).toBe(false);
  });
  it('is a reset when the start lies after the previous sample, not before', () => {
    expect(isStartTimestampReset(0, 100, 150, 200)).toBe(true);
    expect(isStartTimestampReset(0, 100, 50, 200)).toBe(false);
  });
  it('ST == previous T: a reset for deltas, not for a cumulative with unknown start', () => {
    expect(isStartTimestampReset(40, 100, 100, 200)).toBe(true); // delta: prevST known
    expect(isStartTimestampReset(0, 100, 100, 200)).toBe(false); // prevST unknown
    expect(isStartTimestampReset(100, 100, 100, 200)).toBe(false); // prevST == prevT
    expect(isStartTimestampReset(160, 100, 100, 200)).toBe(false); // invalid prevST
  });
  it('stAt maps NaN and a missing column to 0 (unknown)', () => {
    expect(stAt(null, 0)).toBe(0);
    expect(stAt(Float64Array.of(NaN, 7), 0)).toBe(0);
    expect(stAt(Float64Array.of(NaN, 7), 1)).toBe(7);
  });
  it('checkStartTimeOverlap flags a start before the previous sample unless shared', () => {
    expect(checkStartTimeOverlap(0, 120, 60)).toBe(true);
    expect(checkStartTimeOverlap(60, 120, 60)).toBe(false); // cumulative
    expect(checkStartTimeOverlap(60, 120, 120)).toBe(false); // delta
    expect(checkStartTimeOverlap(60, 120, 0)).toBe(false); // unknown
  });
});

describe('rate and increase with start timestamps', () => {
  // cumulative{type="st_resets"} of start_timestamps.test: values 0+60x14 from slot 2,
  // ST 90 s for slots 2–4 and 240 s for slots 5–7 (offsets −30s−1mx2, −1m−1mx2).
  const stResets = withST('_ _ 0+60x14', [null, null, s(-30), s(-90), s(-150), s(-60), s(-120), s(-180), -59999, -119999, -179999, s(-1), s(-61), s(-121), -1, -60001, -120001]);

  it('counts an ST that equals the previous sample time (with known previous ST) as a reset', () => {
    // Window (120 s, 420 s]: 60 120 180 240 300; the ST of 300 s is 240 s = previous T
    // and the previous ST (90 s) is known: reset, +120. Increase 240 + 120 = 360 over
    // 240 s, extrapolated to zero 40 s before the first sample (240·60/360): 360·280/240.
    expect(increase(win(stResets, min(7), min(5)), [])).toBe(420);
    expect(rate(win(stResets, min(7), min(5)), [])).toBeCloseTo(1.4, 14);
    // Without the ST column it is a plain counter: 300.
    expect(increase(windowAt(stResets, min(7), min(5)), [])).toBe(300);
  });

  it('starts from zero at the first sample\'s ST when it lies inside the window', () => {
    // The 169-line case: 5 @120 s (ST 60 s), 5 @180 s (ST 179 s), 2 @240 s; at 5m [5m].
    // Resets at 180 s (ST > previous T) and 240 s (drop): 2 − 5 + 5 + 5 = 7; zero at
    // 60 s adds the first value: 12 over 180 s, extrapolated 60 s to the right: 16.
    const x = withST('_ _ 5 5 2 _', [null, null, s(-60), s(-1), null, null]);
    expect(increase(win(x, min(5), min(5)), [])).toBe(16);
  });

  it('an ST after the sample time is invalid: normal extrapolation, but a later reset', () => {
    // st_after_t: 1 2 3 4 5 from 120 s, all ST 120.001 s. The sample at 180 s has
    // ST > previous T: reset (+1): 5. Zero point 48 s before 120 s: 5 · 288/240 = 6.
    const x = withST('_ _ 1 2 3 4 5', [null, null, 1, -59999, -119999, -179999, -239999]);
    expect(increase(win(x, min(6), min(5)), [])).toBe(6);
  });

  it('a single sample is enough when its ST is inside the window, and gives no right extrapolation', () => {
    const inside = withST('_ _ _ _ 3 _ _', [null, null, null, null, s(-150), null, null]); // ST 90 s
    expect(increase(win(inside, min(6), min(5)), [])).toBe(3);
    expect(rate(win(inside, min(6), min(5)), [])).toBe(3 / 300);
    const outside = withST('_ _ _ _ 3 _ _', [null, null, null, null, s(-180), null, null]); // ST 60 s = range start
    expect(increase(win(outside, min(6), min(5)), [])).toBeUndefined();
    const atT = withST('_ _ _ _ 3 _ _', [null, null, null, null, 0, null, null]);
    expect(increase(win(atT, min(6), min(5)), [])).toBeUndefined();
  });

  it('delta samples (ST = previous T) add up; ST = T stays a flat counter', () => {
    // GCP style: ST = T − 59.999 s, value 60 each slot: every sample is a reset.
    const gcp = withST('_ _ 60x15', [null, null, ...new Array(16).fill(-59999)]);
    expect(increase(win(gcp, min(10), min(5)), [])).toBe(300);
    expect(rate(win(gcp, min(10), min(5)), [])).toBe(1);
    const empty = withST('_ _ 60x15', [null, null, ...new Array(16).fill(0)]);
    expect(increase(win(empty, min(10), min(5)), [])).toBe(0);
  });

  it('delta (a gauge function) ignores start timestamps', () => {
    const gcp = withST('_ _ 60x15', [null, null, ...new Array(16).fill(-59999)]);
    expect(delta(win(gcp, min(10), min(5)), [])).toBe(0);
  });
});

describe('irate and resets with start timestamps', () => {
  it('irate takes the last value as the increase after an ST reset', () => {
    const gcp = withST('_ _ 60x15', [null, null, ...new Array(16).fill(-59999)]);
    expect(irate(win(gcp, min(10), min(5)), [])).toBe(1); // 60 / 60 s
    expect(irate(windowAt(gcp, min(10), min(5)), [])).toBe(0);
    expect(idelta(win(gcp, min(10), min(5)), [])).toBe(0);
  });

  it('resets counts ST resets as well as drops', () => {
    const stResets = withST('_ _ 0+60x14', [null, null, s(-30), s(-90), s(-150), s(-60), s(-120), s(-180), -59999, -119999, -179999]);
    // Window (180 s, 480 s]: resets at 300 s (ST = previous T, previous ST known) and at
    // 480 s (ST 420.001 s > previous T).
    expect(resets(win(stResets, min(8), min(5)), [])).toBe(2);
    expect(resets(windowAt(stResets, min(8), min(5)), [])).toBe(0);
  });
});

describe('anchored resets with start timestamps', () => {
  it('counts an ST reset after the anchor sample', () => {
    // 0 60 120 180 at 0…180 s; the sample at 120 s started at 90 s (> previous T 60 s).
    const t = Float64Array.of(0, s(60), s(120), s(180));
    const v = Float64Array.of(0, 60, 120, 180);
    const st = Float64Array.of(NaN, NaN, s(90), NaN);
    // resets(x[2m] anchored) at 180 s: the anchor is the sample at 60 s (= range start).
    const w: RangeWindow = { t, v, lo: 0, hi: 4, rangeStartMs: s(60), rangeEndMs: s(180), evalMs: s(180), st };
    expect(anchoredResets(w, [])).toBe(1);
    expect(anchoredResets({ ...w, st: null }, [])).toBe(0);
    // With the anchor at 120 s (range start 120 s) the reset pair is outside: 0.
    expect(anchoredResets({ ...w, rangeStartMs: s(120), rangeEndMs: s(240), evalMs: s(240) }, [])).toBe(0);
  });
});

describe('start time overlap', () => {
  it('finds a pair whose start reaches before the previous sample', () => {
    // counter_total{type="overlap"}: ST = T − 2m: 0 (unknown) @120 s, 60 s @180 s, 120 s @240 s.
    const overlap = withST('_ _ 60 120 180', [null, null, s(-120), s(-120), s(-120)]);
    expect(windowHasStartTimeOverlap(win(overlap, min(4), min(3)))).toBe(true);
    expect(rate(win(overlap, min(4), min(3)), [])).toBe(1);
    const cumulative = withST('_ _ 60 120 180', [null, null, s(-30), s(-90), s(-150)]);
    expect(windowHasStartTimeOverlap(win(cumulative, min(4), min(3)))).toBe(false);
    expect(rate(win(cumulative, min(4), min(3)), [])).toBe(1);
    const deltas = withST('_ _ 60 60 60', [null, null, s(-60), s(-60), s(-60)]);
    expect(windowHasStartTimeOverlap(win(deltas, min(4), min(3)))).toBe(false);
    expect(rate(win(deltas, min(4), min(3)), [])).toBe(1);
    expect(windowHasStartTimeOverlap(windowAt(overlap, min(4), min(3)))).toBe(false);
  });

  it('prints the merged count as upstream', () => {
    expect(startTimeOverlapMessage('"x"', 1)).toBe('sample has start time that overlaps with previous sample timestamp for metric "x"');
    expect(startTimeOverlapMessage('"x"', 3)).toBe('sample has start time that overlaps with previous sample timestamp for metric "x" (3 occurrences)');
  });
});
