/**
 * The experimental `anchored` and `smoothed` range-selector modifiers
 * (promql-extended-range-selectors) for float samples. Mirrors extendedRate,
 * pickOrInterpolateLeft/Right, interpolate, correctForCounterResets,
 * pickFirstSampleIndices (promql/functions.go), extendFloats and the float path of
 * smoothSeries (promql/engine.go). Samples are `t[lo..hi)`, `v[lo..hi)`, ascending.
 */

/** Linear interpolation at `t` between (t1, y1) and (t2, y2); a counter reset makes y1 count from 0. */
export function interpolate(t1: number, y1: number, t2: number, y2: number, t: number, isCounter: boolean): number {
  if (isCounter && y2 < y1) y1 = 0;
  return y1 + ((y2 - y1) * (t - t1)) / (t2 - t1);
}

/** sort.Search over [lo, hi): the first index with pred true, else hi. */
function search(lo: number, hi: number, pred: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (!pred(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * rate/increase/delta over an anchored or smoothed window; `t`/`v` hold the samples of
 * the extended window. Returns undefined when there is no result.
 */
export function extendedRate(
  t: Float64Array, v: Float64Array, lo: number, hi: number,
  rangeStart: number, rangeEnd: number, rangeMs: number,
  smoothed: boolean, isCounter: boolean, isRate: boolean,
): number | undefined {
  if (hi <= lo) return undefined;
  let last = hi - 1;
  let first = Math.max(lo, search(lo, last, (i) => t[i] > rangeStart) - 1);
  if (smoothed) last = search(lo, last, (i) => t[i] >= rangeEnd);
  if (t[last] <= rangeStart) return undefined;
  if (smoothed && t[first] > rangeEnd) return undefined;
  const left = smoothed && t[first] < rangeStart ? interpolate(t[first], v[first], t[first + 1], v[first + 1], rangeStart, isCounter) : v[first];
  const right = smoothed && last > lo && t[last] > rangeEnd ? interpolate(t[last - 1], v[last - 1], t[last], v[last], rangeEnd, isCounter) : v[last];
  let result = right - left;
  if (isCounter) {
    if (t[first] <= rangeStart) first++;
    if (t[last] >= rangeEnd) last--;
    let correction = 0;
    let prev = left;
    for (let i = first; i <= last; i++) {
      if (v[i] < prev) correction += prev;
      prev = v[i];
    }
    if (right < prev) correction += prev;
    result += correction;
  }
  if (isRate) result /= rangeMs / 1000;
  return result;
}

/**
 * The first sample index an anchored `resets`/`changes` starts from: the last sample at
 * or before the range start (the anchor) if any; -1 when no sample lies after the start.
 */
export function anchoredFirstIndex(t: Float64Array, lo: number, hi: number, rangeStart: number): number {
  const firstAfter = search(lo, hi, (i) => t[i] > rangeStart);
  if (firstAfter >= hi) return -1;
  return firstAfter > lo ? firstAfter - 1 : lo;
}

/**
 * An anchored/smoothed range vector as a query result (extendFloats): the window's
 * samples with synthetic points at both boundaries. `t`/`v` hold the extended window.
 */
export function extendFloats(
  t: Float64Array, v: Float64Array, mint: number, maxt: number, smoothed: boolean,
): { t: Float64Array; v: Float64Array } | null {
  const n = t.length;
  if (n === 0) return null;
  let last = n - 1;
  let first = Math.max(0, search(0, last, (i) => t[i] > mint) - 1);
  if (smoothed) last = search(0, last, (i) => t[i] >= maxt);
  if (t[last] <= mint) return null;
  const left = smoothed && t[first] < mint ? interpolate(t[first], v[first], t[first + 1], v[first + 1], mint, false) : v[first];
  const right = smoothed && last > 0 && t[last] > maxt ? interpolate(t[last - 1], v[last - 1], t[last], v[last], maxt, false) : v[last];
  if (t[first] <= mint) first++;
  if (t[last] >= maxt) last--;
  const count = Math.max(last - first + 1, 0);
  const ot = new Float64Array(count + 2);
  const ov = new Float64Array(count + 2);
  ot[0] = mint;
  ov[0] = left;
  for (let i = 0; i < count; i++) {
    ot[i + 1] = t[first + i];
    ov[i + 1] = v[first + i];
  }
  ot[count + 1] = maxt;
  ov[count + 1] = right;
  return { t: ot, v: ov };
}

/**
 * The value of a smoothed instant selector at data time `ref`, from the samples in
 * `(ref − lookback, ref + lookback]` (`t[lo..hi)`): the exact sample, else the linear
 * interpolation between its neighbours, else the previous value; undefined when no
 * sample precedes `ref`.
 */
export function smoothedValue(t: Float64Array, v: Float64Array, lo: number, hi: number, ref: number): number | undefined {
  if (hi <= lo) return undefined;
  const i = search(lo, hi, (k) => t[k] >= ref);
  if (i < hi && t[i] === ref) return v[i];
  if (i > lo && i < hi) return interpolate(t[i - 1], v[i - 1], t[i], v[i], ref, false);
  if (i > lo) return v[i - 1];
  return undefined;
}
