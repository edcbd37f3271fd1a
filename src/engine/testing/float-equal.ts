/**
 * The harness's float comparison: `almost.Equal(a, b, 1e-6)` from Prometheus's
 * util/almost, extended with the stale-marker rule of promqltest (FORMAT.md §7.6).
 * Stale markers are carried as a separate flag, never as a NaN payload.
 */
import { almostEqual as almostEqualFloat } from '../kernels/almost-equal.ts';

/** Relative tolerance of promqltest (`defaultEpsilon`). */
export const DEFAULT_EPSILON = 1e-6;

/**
 * True when `a` (stale if `aStale`) and `b` (stale if `bStale`) are equal under the
 * promqltest rule: stale only equals stale; any NaN equals any NaN; otherwise the
 * difference relative to |a|+|b| must be below `epsilon`, or essentially exact near zero.
 * Mirrors almost.Equal, util/almost/almost.go.
 */
export function almostEqual(a: number, b: number, epsilon = DEFAULT_EPSILON, aStale = false, bStale = false): boolean {
  if (aStale || bStale) return aStale && bStale;
  return almostEqualFloat(a, b, epsilon);
}
