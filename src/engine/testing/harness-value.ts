/**
 * The shapes the harness compares, as Prometheus's promql values (Vector, Matrix, Scalar,
 * String), built from the engine's columnar {@link QueryValue}. Mirrors what
 * `engine.NewInstantQuery`/`NewRangeQuery` return to promqltest: a range query always
 * yields a Matrix (a scalar expression becomes one series with no labels, series without
 * points are dropped), an instant query yields a Vector, Scalar, String or (for a
 * range-vector expression) a Matrix.
 */
import type { Labels } from '../model/labels.ts';
import { EMPTY_LABELS } from '../model/labels.ts';
import type { QueryValue } from '../model/result.ts';

/** One sample of an instant vector (promql.Sample, floats only). */
export interface HarnessSample {
  readonly labels: Labels;
  readonly v: number;
}

/** One series of a matrix (promql.Series): point times in ms and values. */
export interface HarnessSeries {
  readonly labels: Labels;
  readonly t: readonly number[];
  readonly v: readonly number[];
}

/** A query value in promql's shapes (Vector, Matrix, Scalar, String). */
export type HarnessValue =
  | { readonly kind: 'vector'; readonly samples: readonly HarnessSample[] }
  | { readonly kind: 'matrix'; readonly series: readonly HarnessSeries[] }
  | { readonly kind: 'scalar'; readonly v: number }
  | { readonly kind: 'string'; readonly s: string };

/** Converts an engine result to the harness's Prometheus-shaped value. */
export function toHarnessValue(value: QueryValue, isRangeQuery: boolean): HarnessValue {
  switch (value.kind) {
    case 'vector': {
      if (!isRangeQuery) {
        const samples: HarnessSample[] = [];
        for (const s of value.series) if (s.present[0] === 1) samples.push({ labels: s.labels, v: s.values[0] });
        return { kind: 'vector', samples };
      }
      const series: HarnessSeries[] = [];
      const ts = value.timestamps;
      for (const s of value.series) {
        const t: number[] = [];
        const v: number[] = [];
        for (let i = 0; i < ts.length; i++) {
          if (s.present[i] === 1) {
            t.push(ts[i]);
            v.push(s.values[i]);
          }
        }
        if (t.length > 0) series.push({ labels: s.labels, t, v });
      }
      return { kind: 'matrix', series };
    }
    case 'scalar':
      if (!isRangeQuery) return { kind: 'scalar', v: value.values[0] };
      return { kind: 'matrix', series: [{ labels: EMPTY_LABELS, t: Array.from(value.timestamps), v: Array.from(value.values) }] };
    case 'string':
      return { kind: 'string', s: value.value };
    case 'matrix':
      return { kind: 'matrix', series: value.series.map((s) => ({ labels: s.labels, t: Array.from(s.t), v: Array.from(s.v) })) };
  }
}
