/**
 * Classic-bucket histogram_quantile and histogram_fraction: the maths of
 * BucketQuantile / BucketFraction in promql/quantile.go. The evaluator groups the
 * `le`-labelled series of one step (per label set without `le`), parses `le` with
 * {@link parseBucketBound} and passes the bounds and cumulative counts here.
 * Native histograms are out of scope.
 */
import type { Labels } from '../model/labels.ts';
import { getLabel, labelsKey, removeLabels } from '../model/labels.ts';
import { goQuote } from '../model/strings.ts';
import { parseGoFloat } from '../parser/number.ts';
import { goFormatG, goFormatGPrecision } from './go-format.ts';
import { almostEqual } from './almost-equal.ts';

/**
 * Relative tolerance below which differences between neighbouring bucket counts are
 * treated as floating-point noise (smallDeltaTolerance, promql/quantile.go).
 */
export const SMALL_DELTA_TOLERANCE = 1e-12;

/**
 * Parses an `le` label value as Prometheus does (`strconv.ParseFloat(v, 64)`), or
 * returns `undefined` when it is malformed; the evaluator then warns
 * `bucket label "le" is missing or has a malformed value of "<v>"` and skips the series.
 * A missing label is `''`, which is malformed too.
 */
export function parseBucketBound(le: string): number | undefined {
  try {
    return parseGoFloat(le);
  } catch {
    return undefined;
  }
}

/** Details of a {@link bucketQuantile} call besides the value. Reuse one object. */
export interface BucketQuantileInfo {
  /** Decreasing counts were raised to restore monotonicity (emit the info annotation). */
  forcedMonotonicity: boolean;
  /** Numerically insignificant count differences were ignored (no annotation). */
  fixedPrecision: boolean;
  /** Smallest upper bound whose count was raised (+Inf when none). */
  minBucket: number;
  /** Largest upper bound whose count was raised (−Inf when none). */
  maxBucket: number;
  /** Largest amount a count was raised by (0 when none). */
  maxDiff: number;
}

/** A fresh {@link BucketQuantileInfo}. */
export function newBucketQuantileInfo(): BucketQuantileInfo {
  return { forcedMonotonicity: false, fixedPrecision: false, minBucket: Infinity, maxBucket: -Infinity, maxDiff: 0 };
}

function resetInfo(info: BucketQuantileInfo): void {
  info.forcedMonotonicity = false;
  info.fixedPrecision = false;
  // Upstream returns zero values on the early exits; ensureMonotonic starts at ±Inf.
  info.minBucket = 0;
  info.maxBucket = 0;
  info.maxDiff = 0;
}

/**
 * Sorts buckets `0..n` by upper bound (insertion sort on the parallel arrays: bucket
 * counts are small and usually nearly sorted) and merges equal bounds by adding their
 * counts (coalesceBuckets). Returns the new bucket count.
 */
function sortAndCoalesce(upper: Float64Array, counts: Float64Array, n: number): number {
  for (let i = 1; i < n; i++) {
    const u = upper[i];
    const c = counts[i];
    let j = i - 1;
    while (j >= 0 && upper[j] > u) {
      upper[j + 1] = upper[j];
      counts[j + 1] = counts[j];
      j--;
    }
    upper[j + 1] = u;
    counts[j + 1] = c;
  }
  let out = 0;
  for (let i = 1; i < n; i++) {
    if (upper[i] === upper[out]) counts[out] += counts[i];
    else {
      out++;
      upper[out] = upper[i];
      counts[out] = counts[i];
    }
  }
  return n === 0 ? 0 : out + 1;
}

/**
 * Silently evens out insignificant differences, then raises any count below its
 * predecessor to it, recording where. Mirrors ensureMonotonicAndIgnoreSmallDeltas.
 */
function ensureMonotonic(upper: Float64Array, counts: Float64Array, n: number, tolerance: number, info: BucketQuantileInfo): void {
  info.minBucket = Infinity;
  info.maxBucket = -Infinity;
  info.maxDiff = 0;
  let prev = counts[0];
  for (let i = 1; i < n; i++) {
    const curr = counts[i];
    if (curr === prev) continue;
    if (almostEqual(prev, curr, tolerance)) {
      counts[i] = prev;
      info.fixedPrecision = true;
      continue;
    }
    if (curr < prev) {
      counts[i] = prev;
      info.forcedMonotonicity = true;
      const ub = upper[i];
      if (ub < info.minBucket) info.minBucket = ub;
      if (ub > info.maxBucket) info.maxBucket = ub;
      const diff = prev - curr;
      if (diff > info.maxDiff) info.maxDiff = diff;
      continue;
    }
    prev = curr;
  }
}

/**
 * The q-quantile of a classic histogram given `n` buckets as upper bounds and
 * cumulative counts. NaN for q NaN, −Inf for q < 0, +Inf for q > 1; NaN when the
 * largest bound is not +Inf, when fewer than two buckets remain after merging equal
 * bounds, or when there are no observations. Interpolates linearly inside the bucket;
 * the lowest bucket starts at 0 unless its upper bound is ≤ 0 (then that bound is
 * returned); a quantile in the +Inf bucket returns the second-highest bound.
 *
 * Reorders and modifies `upper` and `counts` in place (sorting, merging, monotonicity
 * fixes): pass per-step scratch arrays. `info` receives the monotonicity details.
 * Mirrors BucketQuantile, promql/quantile.go.
 */
export function bucketQuantile(q: number, upper: Float64Array, counts: Float64Array, n: number, info: BucketQuantileInfo): number {
  resetInfo(info);
  if (q !== q) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  if (n === 0) return NaN;
  n = sortAndCoalesce(upper, counts, n);
  if (upper[n - 1] !== Infinity) return NaN;
  ensureMonotonic(upper, counts, n, SMALL_DELTA_TOLERANCE, info);
  if (n < 2) return NaN;
  const observations = counts[n - 1];
  if (observations === 0) return NaN;
  let rank = q * observations;
  // sort.Search over the first n-1 buckets: the first with count ≥ rank, else n-1.
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (!(counts[mid] >= rank)) lo = mid + 1;
    else hi = mid;
  }
  const b = lo;
  if (b === n - 1) return upper[n - 2];
  if (b === 0 && upper[0] <= 0) return upper[0];
  let bucketStart = 0;
  const bucketEnd = upper[b];
  let count = counts[b];
  if (b > 0) {
    bucketStart = upper[b - 1];
    count -= counts[b - 1];
    rank -= counts[b - 1];
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

/**
 * The fraction of observations between `lower` and `upper` in a classic histogram,
 * interpolating linearly inside buckets (no contribution from the parts of the
 * infinite-width lowest/highest buckets). NaN when the largest bound is not +Inf, when
 * there are no observations, or when a bound is NaN; 0 when lower ≥ upper. Reorders
 * and merges the arrays in place like {@link bucketQuantile}.
 * Mirrors BucketFraction, promql/quantile.go.
 */
export function bucketFraction(lower: number, upper: number, bounds: Float64Array, counts: Float64Array, n: number): number {
  if (n === 0) return NaN;
  n = sortAndCoalesce(bounds, counts, n);
  if (bounds[n - 1] !== Infinity) return NaN;
  const count = counts[n - 1];
  if (count === 0 || lower !== lower || upper !== upper) return NaN;
  if (lower >= upper) return 0;

  let rank = 0;
  let lowerRank = 0;
  let upperRank = 0;
  let lowerSet = false;
  let upperSet = false;
  // Positive buckets only when the first upper bound is > 0: the lowest bucket starts at 0.
  let lowerBound = bounds[0] <= 0 ? -Infinity : 0;
  for (let i = 0; i < n; i++) {
    if (i > 0) lowerBound = bounds[i - 1];
    const upperBound = bounds[i];
    const bucketCount = counts[i];
    if (!lowerSet && lowerBound >= lower) {
      lowerRank = rank;
      lowerSet = true;
    }
    if (!upperSet && lowerBound >= upper) {
      upperRank = rank;
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    if (!lowerSet && lowerBound < lower && upperBound > lower) {
      lowerRank = interpolateLinearly(lower, rank, bucketCount, lowerBound, upperBound);
      lowerSet = true;
    }
    if (!upperSet && lowerBound < upper && upperBound > upper) {
      upperRank = interpolateLinearly(upper, rank, bucketCount, lowerBound, upperBound);
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    rank = bucketCount;
  }
  if (!lowerSet || lowerRank > count) lowerRank = count;
  if (!upperSet || upperRank > count) upperRank = count;
  return (upperRank - lowerRank) / count;
}

/**
 * Rank at `v` inside a bucket. A −Inf lower bound contributes the whole bucket count
 * (instead of NaN); a +Inf upper bound naturally yields the previous rank.
 */
function interpolateLinearly(v: number, rank: number, bucketCount: number, lowerBound: number, upperBound: number): number {
  if (lowerBound === -Infinity) return bucketCount;
  return rank + ((bucketCount - rank) * (v - lowerBound)) / (upperBound - lowerBound);
}

const FORCED_MONOTONICITY_TEXT =
  'input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile)';

/**
 * Accumulates forced-monotonicity fixes of one histogram_quantile call (one
 * annotation per call site and metric name) across series and steps, as Prometheus
 * merges its histogramQuantileForcedMonotonicityErr annotations, and renders the text.
 */
export class ForcedMonotonicityTracker {
  /** Number of fixes recorded (series × steps). */
  occurrences = 0;
  private minTsMs = Infinity;
  private maxTsMs = -Infinity;
  private minBucket = Infinity;
  private maxBucket = -Infinity;
  private maxDiff = 0;

  /** Records one fixed histogram at step time `tsMs`, with the details from {@link bucketQuantile}. */
  add(tsMs: number, info: BucketQuantileInfo): void {
    this.occurrences++;
    if (tsMs < this.minTsMs) this.minTsMs = tsMs;
    if (tsMs > this.maxTsMs) this.maxTsMs = tsMs;
    if (info.minBucket < this.minBucket) this.minBucket = info.minBucket;
    if (info.maxBucket > this.maxBucket) this.maxBucket = info.maxBucket;
    if (info.maxDiff > this.maxDiff) this.maxDiff = info.maxDiff;
  }

  /**
   * The annotation text without the `PromQL info: ` prefix, as Prometheus prints it
   * when it knows the query: `input to histogram_quantile needed to be fixed for
   * monotonicity (see …) for metric name "m", from buckets 1 to 5, with a max diff of
   * 2, over 3 samples from 1970-01-01T00:00:00Z to 1970-01-01T00:02:00Z (1:21)`.
   * `position` is the start of the histogram argument as `line:col` (Prometheus's
   * StartPosInput); `metricName` only when delayed name removal is on.
   * Mirrors histogramQuantileForcedMonotonicityErr.Error, util/annotations.
   */
  message(position: string, metricName = ''): string {
    return (
      `${forcedMonotonicityMessage(metricName)}, from buckets ${goFormatG(this.minBucket)} to ${goFormatG(this.maxBucket)}, ` +
      `with a max diff of ${goFormatGPrecision(this.maxDiff, 2)}, over ${this.occurrences} samples ` +
      `from ${rfc3339Seconds(this.minTsMs)} to ${rfc3339Seconds(this.maxTsMs)} (${position})`
    );
  }
}

/** Go's `time.Unix(ms/1000, 0).UTC().Format(time.RFC3339)` for ordinary timestamps. */
function rfc3339Seconds(ms: number): string {
  const iso = new Date(Math.trunc(ms / 1000) * 1000).toISOString();
  return iso.slice(0, 19) + 'Z';
}

/**
 * The short annotation text for a forced monotonicity fix, without the `PromQL info: `
 * prefix, as Prometheus prints it when the query is not known
 * (HistogramQuantileForcedMonotonicityInfo, util/annotations): pass `metricName` only
 * when delayed name removal is on (upstream passes "" otherwise).
 */
export function forcedMonotonicityMessage(metricName = ''): string {
  return metricName === '' ? FORCED_MONOTONICITY_TEXT : `${FORCED_MONOTONICITY_TEXT} for metric name ${goQuote(metricName)}`;
}

/**
 * The bad-`le` warning text without the `PromQL warning: ` prefix:
 * `bucket label "le" is missing or has a malformed value of "" for metric name "series"`.
 * Pass `metricName` only when delayed name removal is on (upstream passes "" otherwise).
 * Mirrors NewBadBucketLabelWarning, util/annotations.
 */
export function badBucketLabelMessage(le: string, metricName = ''): string {
  const base = `bucket label "le" is missing or has a malformed value of ${goQuote(le)}`;
  return metricName === '' ? base : `${base} for metric name ${goQuote(metricName)}`;
}

/** How the series of a histogram_quantile/histogram_fraction argument form classic histograms. */
export interface ClassicBucketGroups {
  /** Labels of each histogram: the input labels without `le`, in first-seen order. */
  readonly groupLabels: Labels[];
  /** For each input series, its histogram's index, or −1 when its `le` is missing or malformed. */
  readonly groupOf: Int32Array;
  /** For each input series, its parsed upper bound (NaN when malformed). */
  readonly upperBound: Float64Array;
  /** Indices of the input series whose `le` is missing or malformed (warn and skip them). */
  readonly malformed: readonly number[];
}

/**
 * Groups float series into classic histograms by their labels without `le` and parses
 * each `le` once; the evaluator then gathers, per step, the present (upperBound,
 * value) pairs of each group and calls {@link bucketQuantile} / {@link bucketFraction}.
 * Mirrors the classic part of EvalNodeHelper.resetHistograms, promql/engine.go (which
 * regroups per step; label sets do not change between steps, so once suffices).
 */
export function groupClassicBuckets(series: readonly Labels[]): ClassicBucketGroups {
  const groupLabels: Labels[] = [];
  const groupOf = new Int32Array(series.length);
  const upperBound = new Float64Array(series.length);
  const malformed: number[] = [];
  const byKey = new Map<string, number>();
  for (let i = 0; i < series.length; i++) {
    const ub = parseBucketBound(getLabel(series[i], 'le'));
    if (ub === undefined) {
      groupOf[i] = -1;
      upperBound[i] = NaN;
      malformed.push(i);
      continue;
    }
    upperBound[i] = ub;
    const without = removeLabels(series[i], LE_ONLY);
    const key = labelsKey(without);
    let g = byKey.get(key);
    if (g === undefined) {
      g = groupLabels.length;
      groupLabels.push(without);
      byKey.set(key, g);
    }
    groupOf[i] = g;
  }
  return { groupLabels, groupOf, upperBound, malformed };
}

const LE_ONLY: ReadonlySet<string> = new Set(['le']);
