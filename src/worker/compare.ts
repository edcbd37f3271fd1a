/**
 * The "results identical" check between the two evaluators (DESIGN.md §5): same kind,
 * same series in the same order with equal labels, same step timestamps, same presence,
 * `Object.is`-equal values (so NaN equals NaN and 0 differs from -0), same annotations.
 */
import type { Annotation, Labels, QueryValue } from '../engine/index.ts';
import { formatLabels } from '../engine/index.ts';
import type { Comparison, Difference } from './protocol.ts';

/** Stop collecting after this many differences; the UI shows the first few. */
export const MAX_DIFFERENCES = 10;

function labelsEqual(a: Labels, b: Labels): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].name !== b[i].name || a[i].value !== b[i].value) return false;
  return true;
}

function fmt(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

/** Compares two results. `a` is the naive (reference) result, `b` the streaming one. */
export function compareValues(a: QueryValue, b: QueryValue): Difference[] {
  const diffs: Difference[] = [];
  const add = (message: string): boolean => {
    diffs.push({ message });
    return diffs.length >= MAX_DIFFERENCES;
  };
  if (a.kind !== b.kind) {
    add(`result type: naive ${a.kind}, streaming ${b.kind}`);
    return diffs;
  }
  if (a.timestamps.length !== b.timestamps.length) {
    add(`step count: naive ${a.timestamps.length}, streaming ${b.timestamps.length}`);
    return diffs;
  }
  for (let i = 0; i < a.timestamps.length; i++) {
    if (a.timestamps[i] !== b.timestamps[i]) {
      add(`step ${i} timestamp: naive ${a.timestamps[i]}, streaming ${b.timestamps[i]}`);
      return diffs;
    }
  }
  switch (a.kind) {
    case 'string':
      if (b.kind === 'string' && a.value !== b.value) add(`string: naive ${JSON.stringify(a.value)}, streaming ${JSON.stringify(b.value)}`);
      return diffs;
    case 'scalar': {
      if (b.kind !== 'scalar') return diffs;
      for (let i = 0; i < a.values.length; i++) {
        if (!Object.is(a.values[i], b.values[i]) && add(`scalar step ${i}: naive ${fmt(a.values[i])}, streaming ${fmt(b.values[i])}`)) return diffs;
      }
      return diffs;
    }
    case 'vector': {
      if (b.kind !== 'vector') return diffs;
      if (a.series.length !== b.series.length) add(`series count: naive ${a.series.length}, streaming ${b.series.length}`);
      const n = Math.min(a.series.length, b.series.length);
      const steps = a.timestamps.length;
      for (let s = 0; s < n; s++) {
        const x = a.series[s];
        const y = b.series[s];
        if (!labelsEqual(x.labels, y.labels)) {
          if (add(`series ${s}: naive ${formatLabels(x.labels)}, streaming ${formatLabels(y.labels)}`)) return diffs;
          continue;
        }
        for (let i = 0; i < steps; i++) {
          const px = x.present[i];
          const py = y.present[i];
          if (px !== py) {
            const m = `${formatLabels(x.labels)} step ${i}: ${px ? `naive ${fmt(x.values[i])}` : 'naive absent'}, ${py ? `streaming ${fmt(y.values[i])}` : 'streaming absent'}`;
            if (add(m)) return diffs;
          } else if (px && !Object.is(x.values[i], y.values[i])) {
            if (add(`${formatLabels(x.labels)} step ${i}: naive ${fmt(x.values[i])}, streaming ${fmt(y.values[i])}`)) return diffs;
          }
        }
      }
      return diffs;
    }
    case 'matrix': {
      if (b.kind !== 'matrix') return diffs;
      if (a.series.length !== b.series.length) add(`series count: naive ${a.series.length}, streaming ${b.series.length}`);
      const n = Math.min(a.series.length, b.series.length);
      for (let s = 0; s < n; s++) {
        const x = a.series[s];
        const y = b.series[s];
        if (!labelsEqual(x.labels, y.labels)) {
          if (add(`series ${s}: naive ${formatLabels(x.labels)}, streaming ${formatLabels(y.labels)}`)) return diffs;
          continue;
        }
        if (x.t.length !== y.t.length) {
          if (add(`${formatLabels(x.labels)} sample count: naive ${x.t.length}, streaming ${y.t.length}`)) return diffs;
          continue;
        }
        for (let i = 0; i < x.t.length; i++) {
          if (x.t[i] !== y.t[i] || !Object.is(x.v[i], y.v[i])) {
            if (add(`${formatLabels(x.labels)} sample ${i}: naive ${fmt(x.v[i])}@${x.t[i]}, streaming ${fmt(y.v[i])}@${y.t[i]}`)) return diffs;
            break;
          }
        }
      }
      return diffs;
    }
  }
}

function annotationKey(a: Annotation): string {
  return `${a.severity}\u0000${a.message}\u0000${a.range.from}:${a.range.to}`;
}

/** Annotations must match as sets (order of discovery may differ between the evaluators). */
export function compareAnnotations(a: readonly Annotation[], b: readonly Annotation[]): Difference[] {
  const ka = new Set(a.map(annotationKey));
  const kb = new Set(b.map(annotationKey));
  const diffs: Difference[] = [];
  for (const x of a) if (!kb.has(annotationKey(x))) diffs.push({ message: `only naive reports: ${x.message}` });
  for (const y of b) if (!ka.has(annotationKey(y))) diffs.push({ message: `only streaming reports: ${y.message}` });
  return diffs.slice(0, MAX_DIFFERENCES);
}

/** One evaluator's outcome as the comparison sees it. */
export type RunForCompare =
  | { ok: true; value: QueryValue; annotations: readonly Annotation[] }
  | { ok: false; error: { kind: string; message: string }; annotations: readonly Annotation[] };

/** The comparison shown on every run. */
export function compareRuns(naive: RunForCompare | null, streaming: RunForCompare | null): Comparison {
  if (!naive || !streaming) return { status: 'not-compared', reason: 'only one evaluator ran' };
  if (!streaming.ok && streaming.error.kind === 'unsupported') {
    return { status: 'not-compared', reason: 'the streaming evaluator does not support this query yet' };
  }
  if (!naive.ok || !streaming.ok) {
    if (!naive.ok && !streaming.ok) {
      if (naive.error.message === streaming.error.message) return { status: 'identical' };
      return { status: 'different', differences: [{ message: `errors differ: naive "${naive.error.message}", streaming "${streaming.error.message}"` }] };
    }
    // Resource limits legitimately differ (that is the point of streaming).
    const failed = !naive.ok ? naive : streaming;
    if (!failed.ok && (failed.error.kind === 'limit' || failed.error.kind === 'timeout' || failed.error.kind === 'cancelled')) {
      return { status: 'not-compared', reason: `${!naive.ok ? 'naive' : 'streaming'} stopped: ${failed.error.kind}` };
    }
    return {
      status: 'different',
      differences: [{ message: !naive.ok ? `naive failed: ${naive.error.message}; streaming succeeded` : `streaming failed: ${(streaming as { error: { message: string } }).error.message}; naive succeeded` }],
    };
  }
  const diffs = [...compareValues(naive.value, streaming.value), ...compareAnnotations(naive.annotations, streaming.annotations)];
  return diffs.length === 0 ? { status: 'identical' } : { status: 'different', differences: diffs.slice(0, MAX_DIFFERENCES) };
}
