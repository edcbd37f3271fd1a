/** resets and changes: counts over consecutive sample pairs of a window. */
import type { RangeKernel } from './types.ts';

/**
 * `resets(v[r])`: how often a value is lower than its predecessor. `undefined` for an
 * empty window. Mirrors funcResets, promql/functions.go (floats only; start timestamps
 * not supported).
 */
export const resets: RangeKernel = (w) => {
  const { v, lo, hi } = w;
  if (hi <= lo) return undefined;
  let n = 0;
  for (let i = lo + 1; i < hi; i++) if (v[i] < v[i - 1]) n++;
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
