/**
 * rate, increase, delta, irate and idelta over float samples.
 *
 * The experimental `anchored`/`smoothed` variants live in extended-range.ts.
 * Start timestamps (`RangeWindow.st`, the use-start-timestamps feature) count as counter
 * resets and let rate/increase start from a zero sample at the first sample's ST instead
 * of extrapolating to the left (see start-timestamps.ts).
 */
import { isStartTimestampReset, stAt } from './start-timestamps.ts';
import type { RangeKernel, RangeWindow } from './types.ts';

/**
 * The window's length in seconds as Go's `time.Duration.Seconds()` computes it
 * (whole seconds plus the remainder in nanoseconds over 1e9), so the divisor of rate is
 * bit-identical to Prometheus's `ms.Range.Seconds()`.
 */
export function rangeSeconds(w: RangeWindow): number {
  const rangeMs = w.rangeEndMs - w.rangeStartMs;
  const whole = Math.trunc(rangeMs / 1000);
  const remMs = rangeMs - whole * 1000;
  return whole + (remMs * 1e6) / 1e9;
}

/**
 * The shared core of rate/increase/delta: the increase over the window, corrected for
 * counter resets when `isCounter` (a drop in value, or a start timestamp that says so),
 * extrapolated towards the window boundaries (fully when the first/last sample is within
 * 1.1 average intervals of the boundary, otherwise by half an average interval; counters
 * are never extrapolated below zero), per second when `isRate`. When the first sample's
 * start timestamp lies inside the window, a counter is taken to be zero at that time
 * instead of extrapolating to the left, which also makes a single sample enough.
 * Otherwise it needs at least two samples, else `undefined`.
 * Mirrors extrapolatedRate, promql/functions.go (the float path).
 */
export function extrapolatedRate(w: RangeWindow, isCounter: boolean, isRate: boolean): number | undefined {
  const { t, v, lo, hi } = w;
  if (hi <= lo) return undefined;
  const st = isCounter ? w.st : null;
  let result = v[hi - 1] - v[lo];
  if (isCounter) {
    // A drop means the counter was reset: add the value it had before the reset.
    // Plain addition, as upstream (no Kahan summation here).
    if (st === null || st === undefined) {
      for (let i = lo + 1; i < hi; i++) {
        const prev = v[i - 1];
        if (v[i] < prev) result += prev;
      }
    } else {
      for (let i = lo + 1; i < hi; i++) {
        const prev = v[i - 1];
        if (v[i] < prev || isStartTimestampReset(stAt(st, i - 1), t[i - 1], stAt(st, i), t[i])) result += prev;
      }
    }
  }
  return extrapolateIncrease(w, result, isCounter, isRate);
}

/**
 * The second half of {@link extrapolatedRate}: extrapolates `result`, the window's increase
 * (already corrected for counter resets when `isCounter`), towards the window boundaries.
 * Split out so an evaluator that knows a window has no reset (the streaming one tracks
 * resets incrementally) can skip the loop with bit-identical results. `w` must hold at
 * least one sample.
 */
export function extrapolateIncrease(w: RangeWindow, increase: number, isCounter: boolean, isRate: boolean): number | undefined {
  const { t, v, lo, hi } = w;
  const st = isCounter ? w.st : null;
  const numSamplesMinusOne = hi - lo - 1;
  const firstT = t[lo];
  const lastT = t[hi - 1];
  const firstV = v[lo];
  const firstST = stAt(st, lo);
  if (isCounter && firstST !== 0 && firstST > w.rangeStartMs && firstST < firstT) {
    // The first sample's start lies inside the (left-open) window: assume a zero sample
    // at its ST instead of extrapolating to the left. With a single sample the average
    // interval is 0, so there is no extrapolation to the right either.
    const sampledInterval = (lastT - firstST) / 1000;
    const averageDurationBetweenSamples = numSamplesMinusOne > 0 ? (lastT - firstT) / 1000 / numSamplesMinusOne : 0;
    let durationToEnd = (w.rangeEndMs - lastT) / 1000;
    if (durationToEnd >= averageDurationBetweenSamples * 1.1) durationToEnd = averageDurationBetweenSamples / 2;
    return (increase + firstV) * extrapolationFactor(w, sampledInterval, 0, durationToEnd, isRate);
  }
  if (numSamplesMinusOne === 0) return undefined;
  // The window's time shape alone fixes everything but the counter's zero point, and
  // windows repeat a few shapes (a regular series has one per phase of the step against
  // the scrape interval; series scraped together share them): reuse their arithmetic.
  const dStartMs = firstT - w.rangeStartMs;
  const dEndMs = w.rangeEndMs - lastT;
  const sampledMs = lastT - firstT;
  // (The range, which rate divides by, is the sum of the three spans.)
  const slot = (Math.imul(dStartMs | 0, 0x9e3779b1) ^ Math.imul(dEndMs | 0, 0x85ebca77)) >>> SHAPE_SHIFT;
  const m = shapes[slot];
  if (m.dStartMs !== dStartMs || m.dEndMs !== dEndMs || m.sampledMs !== sampledMs || m.samplesMinusOne !== numSamplesMinusOne) {
    const sampledInterval = sampledMs / 1000;
    const averageDurationBetweenSamples = sampledInterval / numSamplesMinusOne;
    const extrapolationThreshold = averageDurationBetweenSamples * 1.1;
    let durationToStart = dStartMs / 1000;
    let durationToEnd = dEndMs / 1000;
    if (durationToStart >= extrapolationThreshold) durationToStart = averageDurationBetweenSamples / 2;
    if (durationToEnd >= extrapolationThreshold) durationToEnd = averageDurationBetweenSamples / 2;
    m.dStartMs = dStartMs;
    m.dEndMs = dEndMs;
    m.sampledMs = sampledMs;
    m.samplesMinusOne = numSamplesMinusOne;
    m.sampledInterval = sampledInterval;
    m.durationToStart = durationToStart;
    m.durationToEnd = durationToEnd;
    m.factor = extrapolationFactor(w, sampledInterval, durationToStart, durationToEnd, false);
    m.rateFactor = extrapolationFactor(w, sampledInterval, durationToStart, durationToEnd, true);
  }
  if (isCounter && increase > 0 && firstV >= 0) {
    // Counters cannot be negative: do not extrapolate further back than the point where
    // the counter would have been zero.
    const durationToZero = m.sampledInterval * (firstV / increase);
    if (durationToZero < m.durationToStart) return increase * extrapolationFactor(w, m.sampledInterval, durationToZero, m.durationToEnd, isRate);
  }
  return increase * (isRate ? m.rateFactor : m.factor);
}

/** A window time shape and what it gave (see extrapolateIncrease). */
interface WindowShape {
  dStartMs: number;
  dEndMs: number;
  sampledMs: number;
  samplesMinusOne: number;
  sampledInterval: number;
  durationToStart: number;
  durationToEnd: number;
  factor: number;
  rateFactor: number;
}

/** Recently extrapolated window shapes, direct-mapped by a hash of the shape. */
const SHAPE_SHIFT = 26;
const shapes: WindowShape[] = Array.from({ length: 1 << (32 - SHAPE_SHIFT) }, () => ({
  dStartMs: NaN,
  dEndMs: NaN,
  sampledMs: NaN,
  samplesMinusOne: -1,
  sampledInterval: 0,
  durationToStart: 0,
  durationToEnd: 0,
  factor: 1,
  rateFactor: 1,
}));

/** How far the increase is scaled: the extrapolated interval over the sampled one, per second of the range for rate. */
function extrapolationFactor(w: RangeWindow, sampledInterval: number, durationToStart: number, durationToEnd: number, isRate: boolean): number {
  let factor = 1;
  if (sampledInterval !== 0) factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
  if (isRate) factor /= rangeSeconds(w);
  return factor;
}

/** `rate(v[r])`: per-second increase of a counter. Mirrors funcRate. */
export const rate: RangeKernel = (w) => extrapolatedRate(w, true, true);

/** `increase(v[r])`: increase of a counter over the window. Mirrors funcIncrease. */
export const increase: RangeKernel = (w) => extrapolatedRate(w, true, false);

/** `delta(v[r])`: change of a gauge over the window. Mirrors funcDelta. */
export const delta: RangeKernel = (w) => extrapolatedRate(w, false, false);

/**
 * The shared core of irate/idelta: from the last two samples of the window; `undefined`
 * with fewer than two samples or when both have the same timestamp. For irate a counter
 * reset between them (a drop, or the last sample's start timestamp) makes the result the
 * last value (per second).
 * Mirrors instantValue, promql/functions.go.
 */
export function instantValue(w: RangeWindow, isRate: boolean): number | undefined {
  const { t, v, lo, hi } = w;
  if (hi - lo < 2) return undefined;
  const st = w.st;
  const t0 = t[hi - 2];
  const t1 = t[hi - 1];
  const sampledIntervalMs = t1 - t0;
  if (sampledIntervalMs === 0) return undefined;
  const v0 = v[hi - 2];
  const v1 = v[hi - 1];
  let result = v1;
  // Gauge, or counter without reset (a NaN compares false, so it is not a reset).
  if (!isRate || !(v1 < v0 || isStartTimestampReset(stAt(st, hi - 2), t0, stAt(st, hi - 1), t1))) result = v1 - v0;
  if (isRate) result /= sampledIntervalMs / 1000;
  return result;
}

/** `irate(v[r])`: per-second rate from the last two samples. Mirrors funcIrate. */
export const irate: RangeKernel = (w) => instantValue(w, true);

/** `idelta(v[r])`: difference of the last two samples. Mirrors funcIdelta. */
export const idelta: RangeKernel = (w) => instantValue(w, false);
