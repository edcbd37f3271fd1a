/**
 * The naive-vs-streaming identity check (DESIGN.md §5): two results of the same query
 * must have the same series (same order where the order is defined), `Object.is`-equal
 * values at the same presence, the same annotations, or identical errors.
 */
import { compareLabels, formatLabels, labelsEqual } from '../model/labels.ts';
import type { Annotation } from '../model/annotations.ts';
import type { QueryValue, StepSeries, SampleSeries } from '../model/result.ts';
import type { QueryResult } from '../query.ts';

/** Null when identical, else a short description of the first difference. */
export function diffQueryResults(a: QueryResult, b: QueryResult): string | null {
  if (a.ok !== b.ok) {
    const err = a.ok ? (b as { error: { message: string } }).error : (a as { error: { message: string } }).error;
    return `${a.ok ? 'first succeeded' : 'first failed'}, ${b.ok ? 'second succeeded' : 'second failed'}: ${err.message}`;
  }
  if (!a.ok && !b.ok) {
    if (a.error.kind !== b.error.kind || a.error.message !== b.error.message) {
      return `different errors: [${a.error.kind}] ${a.error.message} vs [${b.error.kind}] ${b.error.message}`;
    }
    return diffAnnotations(a.annotations, b.annotations);
  }
  if (a.ok && b.ok) return diffValues(a.value, b.value) ?? diffAnnotations(a.annotations, b.annotations);
  return null;
}

function annotationKey(x: Annotation): string {
  return `${x.severity} ${x.message} @${x.range.from}:${x.range.to}`;
}

function diffAnnotations(a: readonly Annotation[], b: readonly Annotation[]): string | null {
  const ka = a.map(annotationKey).sort();
  const kb = b.map(annotationKey).sort();
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return `different annotations: [${ka.join('; ')}] vs [${kb.join('; ')}]`;
  return null;
}

function diffTimestamps(a: Float64Array, b: Float64Array): string | null {
  if (a.length !== b.length) return `different step counts ${a.length} vs ${b.length}`;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return `different step timestamp at ${i}: ${a[i]} vs ${b[i]}`;
  return null;
}

function diffValues(a: QueryValue, b: QueryValue): string | null {
  if (a.kind !== b.kind) return `different result types ${a.kind} vs ${b.kind}`;
  const ts = diffTimestamps(a.timestamps, b.timestamps);
  if (ts !== null) return ts;
  switch (a.kind) {
    case 'scalar': {
      const bv = (b as typeof a).values;
      for (let i = 0; i < a.values.length; i++) if (!Object.is(a.values[i], bv[i])) return `different scalar at step ${i}: ${a.values[i]} vs ${bv[i]}`;
      return null;
    }
    case 'string':
      return a.value === (b as typeof a).value ? null : `different strings ${JSON.stringify(a.value)} vs ${JSON.stringify((b as typeof a).value)}`;
    case 'vector': {
      const bb = b as typeof a;
      if (a.ordered !== bb.ordered) return `different ordered flags ${a.ordered} vs ${bb.ordered}`;
      // Order is defined for ordered results and for range queries (sorted by labels).
      const orderDefined = a.ordered || a.timestamps.length > 1;
      return diffSeriesLists(a.series, bb.series, orderDefined, diffStepSeries);
    }
    case 'matrix':
      return diffSeriesLists(a.series, (b as typeof a).series, true, diffSampleSeries);
  }
}

function diffSeriesLists<S extends { labels: StepSeries['labels'] }>(
  a: readonly S[],
  b: readonly S[],
  orderDefined: boolean,
  diffOne: (x: S, y: S) => string | null,
): string | null {
  if (a.length !== b.length) return `different series counts ${a.length} vs ${b.length}`;
  const xa = orderDefined ? a : [...a].sort((x, y) => compareLabels(x.labels, y.labels));
  const xb = orderDefined ? b : [...b].sort((x, y) => compareLabels(x.labels, y.labels));
  for (let i = 0; i < xa.length; i++) {
    if (!labelsEqual(xa[i].labels, xb[i].labels)) return `different series at index ${i}: ${formatLabels(xa[i].labels)} vs ${formatLabels(xb[i].labels)}`;
    const d = diffOne(xa[i], xb[i]);
    if (d !== null) return `${formatLabels(xa[i].labels)}: ${d}`;
  }
  return null;
}

function diffStepSeries(a: StepSeries, b: StepSeries): string | null {
  for (let i = 0; i < a.present.length; i++) {
    if (a.present[i] !== b.present[i]) return `presence differs at step ${i}: ${a.present[i]} vs ${b.present[i]}`;
    if (a.present[i] === 1 && !Object.is(a.values[i], b.values[i])) return `value differs at step ${i}: ${a.values[i]} vs ${b.values[i]}`;
  }
  return null;
}

function diffSampleSeries(a: SampleSeries, b: SampleSeries): string | null {
  if (a.t.length !== b.t.length) return `different sample counts ${a.t.length} vs ${b.t.length}`;
  for (let i = 0; i < a.t.length; i++) {
    if (a.t[i] !== b.t[i]) return `sample time differs at ${i}: ${a.t[i]} vs ${b.t[i]}`;
    if (!Object.is(a.v[i], b.v[i])) return `sample value differs at ${i}: ${a.v[i]} vs ${b.v[i]}`;
  }
  return null;
}
