/**
 * Start timestamps (ST, the use-start-timestamps feature): the rules rate, irate, increase
 * and resets apply to a sample's start time. Upstream keeps ST as int64 with 0 = unknown;
 * the engine keeps NaN = unknown, and {@link stAt} maps both to 0 so the predicates below
 * read exactly as Prometheus's.
 */
import type { RangeWindow } from './types.ts';

/**
 * The range functions that receive start timestamps (the only ones Prometheus feeds ST
 * to, see the Call case of eval, promql/engine.go). Only matrix *selectors* carry ST;
 * a subquery's samples never do.
 */
export const START_TIMESTAMP_FUNCTIONS: readonly string[] = ['rate', 'irate', 'increase', 'resets'];

/**
 * The range functions that warn about overlapping start timestamps (extrapolatedRate with
 * isCounter: rate and increase).
 */
export const START_TIME_OVERLAP_FUNCTIONS: readonly string[] = ['rate', 'increase'];

/** Sample i's start timestamp in ms as upstream sees it: 0 when unknown (NaN or no column). */
export function stAt(st: Float64Array | null | undefined, i: number): number {
  if (st === null || st === undefined) return 0;
  const x = st[i];
  return x === x ? x : 0;
}

/**
 * Whether the current sample's start timestamp says the counter was reset since the
 * previous sample. Times in ms, 0 = unknown ST.
 * Mirrors isStartTimestampReset, promql/functions.go.
 */
export function isStartTimestampReset(prevST: number, prevT: number, currST: number, currT: number): boolean {
  // No ST, an invalid one (ST > T), or OTel's unknown start (ST == T): no reset.
  if (currST === 0 || currST >= currT) return false;
  if (currST < prevT) return false;
  if (currST > prevT) return true;
  // currST == prevT: a delta sample (reset) unless the previous sample is a cumulative
  // one with unknown start (prevST unknown or == prevT); an invalid prevST (> prevT)
  // counts as unknown.
  if (prevST > prevT) return false;
  return prevST !== 0 && prevST !== prevT;
}

/**
 * Whether the current sample's start time reaches back before the previous sample
 * without being the same start (a data-quality problem). Valid deltas have
 * currST = prevT, valid cumulatives currST = prevST.
 * Mirrors checkStartTimeOverlap, promql/functions.go.
 */
export function checkStartTimeOverlap(prevST: number, prevT: number, currST: number): boolean {
  return currST !== 0 && currST < prevT && currST !== prevST;
}

/**
 * Whether some consecutive pair of the window's samples has overlapping start times
 * (the check extrapolatedRate warns about once per call). False without an ST column.
 */
export function windowHasStartTimeOverlap(w: RangeWindow): boolean {
  const st = w.st;
  if (st === null || st === undefined) return false;
  const t = w.t;
  for (let i = w.lo + 1; i < w.hi; i++) {
    if (checkStartTimeOverlap(stAt(st, i - 1), t[i - 1], stAt(st, i))) return true;
  }
  return false;
}

/**
 * The text (without the `PromQL warning: ` prefix and the position) of
 * NewStartTimeOverlapWarning after `count` merged occurrences, as startTimeOverlapErr
 * prints it, util/annotations/annotations.go. `quotedMetric` is Go-%q-quoted.
 */
export function startTimeOverlapMessage(quotedMetric: string, count: number): string {
  const base = `sample has start time that overlaps with previous sample timestamp for metric ${quotedMetric}`;
  return count > 1 ? `${base} (${count} occurrences)` : base;
}
