import type { Labels } from './labels.ts';

/**
 * One output series of an instant-vector expression over the query's steps: columnar,
 * aligned with the result's shared `timestamps`. `present[i]` is 1 when the series has a
 * value at step i; `values[i]` is meaningful only then. NaN is a real value, never "absent".
 */
export interface StepSeries {
  readonly labels: Labels;
  readonly values: Float64Array;
  readonly present: Uint8Array;
}

/** One series of raw samples (a range-vector result): times in ms, ascending. */
export interface SampleSeries {
  readonly labels: Labels;
  readonly t: Float64Array;
  readonly v: Float64Array;
}

/**
 * The value of a query.
 * - `vector`: an instant-vector expression, for an instant query (one step) or a range
 *   query (many steps). `ordered` is true when the series order is meaningful (sort,
 *   sort_desc, sort_by_label, topk/bottomk at top level of an instant query).
 * - `scalar`: one value per step.
 * - `string`: a string literal result (instant queries only).
 * - `matrix`: a range-vector expression (`foo[5m]`, a subquery) at an instant query.
 */
export type QueryValue =
  | { readonly kind: 'vector'; readonly timestamps: Float64Array; readonly series: readonly StepSeries[]; readonly ordered: boolean }
  | { readonly kind: 'scalar'; readonly timestamps: Float64Array; readonly values: Float64Array }
  | { readonly kind: 'string'; readonly timestamps: Float64Array; readonly value: string }
  | { readonly kind: 'matrix'; readonly timestamps: Float64Array; readonly series: readonly SampleSeries[] };

/** Step timestamps `startMs, startMs+stepMs, …, ≤ endMs` (one step when start == end). */
export function stepTimestamps(startMs: number, endMs: number, stepMs: number): Float64Array {
  if (endMs < startMs) throw new RangeError(`end ${endMs} before start ${startMs}`);
  const n = startMs === endMs ? 1 : Math.floor((endMs - startMs) / stepMs) + 1;
  const ts = new Float64Array(n);
  for (let i = 0; i < n; i++) ts[i] = startMs + i * stepMs;
  return ts;
}
