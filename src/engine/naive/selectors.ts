/**
 * Selectors of the naive evaluator. Each decodes every matching series for the whole
 * time span the node needs, up front, holds all of it, then builds its result:
 * - instant selectors: the newest sample in `(t − offset − lookback, t − offset]` per step,
 *   absent when that sample is a staleness marker (mirrors vectorSelectorSingle);
 * - range selectors: the samples in the left-open window `(t − offset − range, t − offset]`
 *   (mirrors matrixIterSlice), stale markers dropped.
 * With `@ t₀` the reference time is t₀ at every step.
 */
import type { MatrixSelector, VectorSelector } from '../parser/ast.ts';
import type { DecodedSamples, SeriesId } from '../storage/types.ts';
import type { Grid } from './grid.ts';
import { lastStepTime, stepTime } from './grid.ts';
import type { NaiveEvaluator } from './evaluator.ts';
import type { MSeries, NVector } from './values.ts';
import { BYTES } from '../model/memory-tracker.ts';
import { extendRangeWindow, smoothedInstantValue } from '../kernels/extended-range.ts';
import type { RangeWindow } from '../kernels/types.ts';

/** Bytes charged for a decoded span. */
function decodedBytes(d: DecodedSamples): number {
  return d.t.length * 2 * BYTES.float64 + (d.stale ? d.stale.length * BYTES.uint8 : 0) + (d.st ? d.st.length * BYTES.float64 : 0);
}

/**
 * Decodes every selected series for `[minT, maxT]` before anything else runs (the classic
 * engine's populateSeries + expandSeriesSet), charging their bytes to the tracker as
 * `what` and counting the decoded samples. The caller releases `bytes` when it is done;
 * when charging fails (the memory limit) this releases what it charged and rethrows.
 */
function decodeAll(
  ev: NaiveEvaluator, ids: readonly SeriesId[], minT: number, maxT: number, what: string,
): { decoded: DecodedSamples[]; bytes: number } {
  const acc = ev.acc;
  const decoded: DecodedSamples[] = new Array(ids.length);
  let bytes = 0;
  try {
    for (let k = 0; k < ids.length; k++) {
      const d = ev.ctx.storage.decode(ids[k], minT, maxT);
      const b = decodedBytes(d);
      acc.acquire(b, what);
      bytes += b;
      acc.decoded(d.t.length);
      decoded[k] = d;
    }
  } catch (e) {
    acc.release(bytes);
    throw e;
  }
  return { decoded, bytes };
}

const NO_TIMES = new Float64Array(0);

/** The reference time of step `i` for a selector (before the offset). */
function refTime(vs: VectorSelector, g: Grid, i: number): number {
  return vs.timestampMs !== null ? vs.timestampMs : stepTime(g, i);
}

/**
 * Evaluates an instant vector selector on grid `g`. With `withSampleTimes`, also returns
 * per output series the time of the sample each step picked (for timestamp() and
 * info()), and with `withSampleSTs` that sample's start timestamp (NaN = none, for
 * start_timestamp()); `ignoreOffsetWithAt` reproduces Prometheus's timestamp(v @ t)
 * special case, which looks up at exactly t.
 */
export function evalVectorSelector(
  ev: NaiveEvaluator, vs: VectorSelector, g: Grid, withSampleTimes = false, ignoreOffsetWithAt = false, withSampleSTs = false,
): { vector: NVector; sampleTimes: Float64Array[]; sampleSTs: Float64Array[] } {
  const acc = ev.acc;
  const lookback = ev.ctx.lookbackDeltaMs;
  const offset = ignoreOffsetWithAt && vs.timestampMs !== null ? 0 : vs.offsetMs;
  const out: NVector = { kind: 'vector', series: [] };
  const sampleTimes: Float64Array[] = [];
  const sampleSTs: Float64Array[] = [];
  if (g.n === 0) return { vector: out, sampleTimes, sampleSTs };
  const ids = ev.ctx.storage.select(vs.matchers);
  const firstRef = refTime(vs, g, 0) - offset;
  const lastRef = (vs.timestampMs !== null ? vs.timestampMs : lastStepTime(g)) - offset;
  const minT = firstRef - lookback + 1;
  const maxT = lastRef + (vs.smoothed ? lookback : 0);
  const { decoded, bytes: held } = decodeAll(ev, ids, minT, maxT, 'decoded samples of an instant selector');
  try {
    for (let k = 0; k < ids.length; k++) {
      const d = decoded[k];
      if (d.t.length === 0) continue;
      const labels = ev.ctx.storage.labels(ids[k]);
      const s = acc.newSeries(labels, false, g.n, 'instant selector output');
      const times = withSampleTimes ? new Float64Array(g.n) : NO_TIMES;
      const sts = withSampleSTs ? new Float64Array(g.n).fill(NaN) : NO_TIMES;
      const dST = withSampleSTs ? (d.st ?? null) : null;
      let j = -1; // index of the last sample with t <= ref
      let any = false;
      if (vs.smoothed) {
        any = smoothSeries(d, vs, g, offset, lookback, s.values, s.present);
        if (withSampleTimes) for (let i = 0; i < g.n; i++) times[i] = refTime(vs, g, i) - offset;
      } else for (let i = 0; i < g.n; i++) {
        const ref = refTime(vs, g, i) - offset;
        while (j + 1 < d.t.length && d.t[j + 1] <= ref) j++;
        if (j < 0) continue;
        const t = d.t[j];
        if (t <= ref - lookback) continue;
        if (d.stale !== null && d.stale[j] !== 0) continue;
        s.values[i] = d.v[j];
        s.present[i] = 1;
        if (withSampleTimes) times[i] = t;
        if (dST !== null) sts[i] = dST[j];
        any = true;
      }
      if (!any) {
        acc.releaseSeries(s);
        continue;
      }
      acc.sealSeries(s);
      out.series.push(s);
      if (withSampleTimes) sampleTimes.push(times);
      if (withSampleSTs) sampleSTs.push(sts);
    }
  } finally {
    acc.release(held);
  }
  return { vector: out, sampleTimes, sampleSTs };
}

/** The smoothed instant selector over one decoded series (the float path of smoothSeries). */
function smoothSeries(d: DecodedSamples, vs: VectorSelector, g: Grid, offset: number, lookback: number, values: Float64Array, present: Uint8Array): boolean {
  const { t, v } = withoutStale(d);
  let any = false;
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < g.n; i++) {
    const ref = refTime(vs, g, i) - offset;
    while (lo < t.length && t[lo] <= ref - lookback) lo++;
    if (hi < lo) hi = lo;
    while (hi < t.length && t[hi] <= ref + lookback) hi++;
    const x = smoothedInstantValue(t, v, lo, hi, ref);
    if (x === undefined) continue;
    values[i] = x;
    present[i] = 1;
    any = true;
  }
  return any;
}

/** The decoded samples without staleness markers. */
function withoutStale(d: DecodedSamples): { t: Float64Array; v: Float64Array } {
  if (d.stale === null) return { t: d.t, v: d.v };
  let count = 0;
  for (let i = 0; i < d.stale.length; i++) if (d.stale[i] === 0) count++;
  const t = new Float64Array(count);
  const v = new Float64Array(count);
  let w = 0;
  for (let i = 0; i < d.t.length; i++) {
    if (d.stale[i] !== 0) continue;
    t[w] = d.t[i];
    v[w] = d.v[i];
    w++;
  }
  return { t, v };
}

/**
 * Decodes the samples a range selector needs for all steps of `g` (one span per series
 * from the first window's start to the last window's end), stale markers removed.
 * Series without any sample in the span are left out. With `withST`, series that have
 * start timestamps in the span keep them (`MSeries.st`, aligned with the samples).
 */
export function loadRangeSeries(ev: NaiveEvaluator, ms: MatrixSelector, g: Grid, countSamples = true, withST = false): MSeries[] {
  const vs = ms.vectorSelector;
  const acc = ev.acc;
  const out: MSeries[] = [];
  if (g.n === 0) return out;
  const firstEnd = (vs.timestampMs !== null ? vs.timestampMs : g.startMs) - vs.offsetMs;
  const lastEnd = (vs.timestampMs !== null ? vs.timestampMs : lastStepTime(g)) - vs.offsetMs;
  const lookback = ev.ctx.lookbackDeltaMs;
  // Anchored/smoothed selectors also need one lookback before the window (and smoothed after it).
  const minT = firstEnd - ms.rangeMs + 1 - (vs.anchored || vs.smoothed ? lookback : 0);
  const maxT = lastEnd + (vs.smoothed ? lookback : 0);
  if (maxT < minT) return out;
  const ids = ev.ctx.storage.select(vs.matchers);
  const { decoded, bytes } = decodeAll(ev, ids, minT, maxT, 'decoded samples of a range selector');
  let held = bytes;
  try {
    for (let k = 0; k < ids.length; k++) {
      const d = decoded[k];
      // The decoded arrays become the series' own (or are dropped for a stale-free copy):
      // hand their charge over to the series instead of holding both at once.
      const b = decodedBytes(d);
      acc.release(b);
      held -= b;
      let count = d.t.length;
      if (d.stale !== null) for (let i = 0; i < d.stale.length; i++) count -= d.stale[i];
      if (count === 0) continue;
      let t = d.t;
      let v = d.v;
      const dST = withST ? (d.st ?? null) : null;
      let st = dST;
      if (count !== d.t.length) {
        t = new Float64Array(count);
        v = new Float64Array(count);
        if (dST !== null) st = new Float64Array(count);
        let w = 0;
        for (let i = 0; i < d.t.length; i++) {
          if (d.stale![i] !== 0) continue;
          t[w] = d.t[i];
          v[w] = d.v[i];
          if (dST !== null) st![w] = dST[i];
          w++;
        }
      }
      out.push(acc.newSampleSeries(ev.ctx.storage.labels(ids[k]), t, v, false, 'range selector samples', countSamples, st));
    }
  } finally {
    acc.release(held);
  }
  return out;
}

/**
 * A range selector as a query result (instant queries only): the window at the grid's
 * single step, per series. Mirrors matrixSelector, promql/engine.go.
 */
export function evalMatrixSelectorInstant(ev: NaiveEvaluator, ms: MatrixSelector, g: Grid): MSeries[] {
  const all = loadRangeSeries(ev, ms, g);
  const vs = ms.vectorSelector;
  const end = (vs.timestampMs !== null ? vs.timestampMs : g.startMs) - vs.offsetMs;
  const start = end - ms.rangeMs;
  const out: MSeries[] = [];
  if (vs.anchored || vs.smoothed) {
    const lookback = ev.ctx.lookbackDeltaMs;
    for (const s of all) {
      let lo = 0;
      while (lo < s.t.length && s.t[lo] <= start - lookback) lo++;
      let hi = lo;
      while (hi < s.t.length && s.t[hi] <= end + (vs.smoothed ? lookback : 0)) hi++;
      const w: RangeWindow = { t: s.t, v: s.v, lo, hi, rangeStartMs: start, rangeEndMs: end, evalMs: g.startMs };
      const ot = new Float64Array(hi - lo + 2);
      const ov = new Float64Array(hi - lo + 2);
      const n = extendRangeWindow(w, vs.smoothed, ot, ov);
      ev.acc.releaseSeries(s);
      if (n > 0) out.push(ev.acc.newSampleSeries(s.labels, ot.slice(0, n), ov.slice(0, n), false, 'range selector result'));
    }
    return out;
  }
  for (const s of all) {
    let lo = 0;
    while (lo < s.t.length && s.t[lo] <= start) lo++;
    let hi = lo;
    while (hi < s.t.length && s.t[hi] <= end) hi++;
    if (hi === lo) {
      ev.acc.releaseSeries(s);
      continue;
    }
    if (lo === 0 && hi === s.t.length) {
      out.push(s);
      continue;
    }
    const kept = ev.acc.newSampleSeries(s.labels, s.t.slice(lo, hi), s.v.slice(lo, hi), s.dropName, 'range selector result');
    ev.acc.releaseSeries(s);
    out.push(kept);
  }
  return out;
}
