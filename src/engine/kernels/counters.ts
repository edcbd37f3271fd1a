/** resets and changes: counts over consecutive sample pairs of a window. */
import { isStartTimestampReset, stAt } from './start-timestamps.ts';
import type { RangeKernel } from './types.ts';

/**
 * `resets(v[r])`: how often a value is lower than its predecessor or a sample's start
 * timestamp says the counter restarted (`w.st`). `undefined` for an empty window.
 * Mirrors funcResets, promql/functions.go (floats only).
 */
export const resets: RangeKernel = (w) => {
  const { t, v, lo, hi, st } = w;
  if (hi <= lo) return undefined;
  let n = 0;
  if (st === null || st === undefined) {
    for (let i = lo + 1; i < hi; i++) if (v[i] < v[i - 1]) n++;
  } else {
    for (let i = lo + 1; i < hi; i++) {
      if (v[i] < v[i - 1] || isStartTimestampReset(stAt(st, i - 1), t[i - 1], stAt(st, i), t[i])) n++;
    }
  }
  return n;
};

/**
 * `changes(v[r])`: how often a value differs from its predecessor; NaN followed by NaN
 * is no change. `undefined` for an empty window. Mirrors funcChanges.
 */
export const changes: RangeKernel = (w) => {
  const { v, lo, hi } = w;
  if (hi <= lo) return undefined;
  let n = 0;
  for (let i = lo + 1; i < hi; i++) {
    const cur = v[i];
    const prev = v[i - 1];
    if (cur !== prev && !(cur !== cur && prev !== prev)) n++;
  }
  return n;
};
