/**
 * The naive evaluator's intermediate values. Every node returns its whole result over
 * all steps of its grid, materialized: an instant vector is one columnar series per
 * label set (values + presence mask over the grid), a range vector is the raw samples of
 * each series (stale markers removed). Each series records the bytes and samples it was
 * charged for, so the owner can release exactly that when it drops the value.
 */
import type { Labels } from '../model/labels.ts';

/** One instant-vector series over a grid. `dropName` is the pending delayed name removal. */
export interface NSeries {
  labels: Labels;
  readonly values: Float64Array;
  readonly present: Uint8Array;
  dropName: boolean;
  /** Bytes charged to the MemoryTracker for this series. */
  bytes: number;
  /** Samples (present points) charged to the sample counters. */
  samples: number;
}

/**
 * One range-vector series: raw samples, ascending by time, stale markers removed.
 * `st` holds the samples' start timestamps (ms, NaN = none) when a matrix selector
 * loaded them for a function that uses them; otherwise null or absent.
 */
export interface MSeries {
  readonly labels: Labels;
  readonly t: Float64Array;
  readonly v: Float64Array;
  readonly st?: Float64Array | null;
  readonly dropName: boolean;
  bytes: number;
  samples: number;
}

export type NValue =
  | { readonly kind: 'vector'; series: NSeries[] }
  | { readonly kind: 'scalar'; readonly values: Float64Array; bytes: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'matrix'; series: MSeries[] };

export type NVector = Extract<NValue, { kind: 'vector' }>;
export type NScalar = Extract<NValue, { kind: 'scalar' }>;
export type NMatrix = Extract<NValue, { kind: 'matrix' }>;

/** Number of present steps. */
export function countPresent(present: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < present.length; i++) c += present[i];
  return c;
}
