/**
 * Delayed `__name__` removal (Prometheus's promql-delayed-name-removal): during
 * evaluation a series is only *marked* `dropName`; the name (with the metadata labels
 * `__type__`/`__unit__`) is removed at the end, and series that then share a label set
 * are merged, failing when two of them have a value at the same step. Shared by both
 * evaluators; works on columnar step series.
 */
import type { Labels } from '../model/labels.ts';
import { dropMetricName, labelsKey } from '../model/labels.ts';
import { PromQLError } from '../model/errors.ts';

/** A step series that may still carry a pending name drop. */
export interface MarkedStepSeries {
  labels: Labels;
  values: Float64Array;
  present: Uint8Array;
  dropName: boolean;
}

/** The error Prometheus raises when an output would hold one label set twice at one time. */
export function sameLabelsetError(): PromQLError {
  return new PromQLError('eval', 'duplicate_labelset', 'vector cannot contain metrics with the same labelset');
}

/** Removes `__name__`, `__type__` and `__unit__` (Prometheus `DropReserved(schema.IsMetadataLabel)`). */
export function dropReservedLabels(labels: Labels): Labels {
  return dropMetricName(labels);
}

/**
 * Merges series with equal label sets into the first of them (in input order), moving the
 * other series' present steps over. Throws "vector cannot contain metrics with the same
 * labelset" when two of them are present at the same step. Returns the input array when
 * no label set repeats. Mirrors mergeSeriesWithSameLabelset, promql/engine.go.
 * `onMerged` is told about each series that was folded into another (so callers can
 * release its memory).
 */
export function mergeSeriesWithSameLabelset<S extends MarkedStepSeries>(series: S[], onMerged?: (s: S) => void): S[] {
  if (series.length <= 1) return series;
  const firstByKey = new Map<string, number>();
  let duplicates = false;
  const keys: string[] = new Array(series.length);
  for (let i = 0; i < series.length; i++) {
    const k = labelsKey(series[i].labels);
    keys[i] = k;
    if (firstByKey.has(k)) duplicates = true;
    else firstByKey.set(k, i);
  }
  if (!duplicates) return series;
  const out: S[] = [];
  for (let i = 0; i < series.length; i++) {
    const first = firstByKey.get(keys[i])!;
    if (first === i) {
      out.push(series[i]);
      continue;
    }
    const base = series[first];
    const s = series[i];
    const n = s.present.length;
    for (let j = 0; j < n; j++) {
      if (s.present[j] === 0) continue;
      if (base.present[j] !== 0) throw sameLabelsetError();
      base.present[j] = 1;
      base.values[j] = s.values[j];
    }
    if (s.dropName) base.dropName = true;
    onMerged?.(s);
  }
  return out;
}

/**
 * Applies the pending name drops and merges what then collides. Mirrors
 * cleanupMetricLabels, promql/engine.go (the matrix case; an instant vector is a
 * one-step matrix here, where a merge collision is the same error Prometheus raises).
 */
export function cleanupMetricLabels<S extends MarkedStepSeries>(series: S[], onMerged?: (s: S) => void): S[] {
  for (const s of series) {
    if (s.dropName) {
      s.labels = dropReservedLabels(s.labels);
      s.dropName = false;
    }
  }
  return mergeSeriesWithSameLabelset(series, onMerged);
}
