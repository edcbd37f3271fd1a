/**
 * Set operations on postings lists: ascending arrays of distinct series ids, as in
 * Prometheus's tsdb/index/postings.go (Intersect, Merge, Without).
 */

/** Ascending series ids. */
export type Postings = ArrayLike<number>;

/** Ids present in both lists. */
export function intersectPostings(a: Postings, b: Postings): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x === y) {
      out.push(x);
      i++;
      j++;
    } else if (x < y) {
      // Gallop: skip ahead in `a` by binary search when `b` is far ahead.
      i = lowerBound(a, y, i + 1);
    } else {
      j = lowerBound(b, x, j + 1);
    }
  }
  return out;
}

/** Ids in `a` that are not in `b`. */
export function subtractPostings(a: Postings, b: Postings): number[] {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    while (j < b.length && b[j] < x) j++;
    if (j < b.length && b[j] === x) continue;
    out.push(x);
  }
  return out;
}

/** Ids present in any of the lists, ascending and deduplicated. */
export function unionPostings(lists: readonly Postings[]): number[] {
  if (lists.length === 0) return [];
  if (lists.length === 1) return Array.from(lists[0]);
  let total = 0;
  for (const l of lists) total += l.length;
  const all = new Int32Array(total);
  let k = 0;
  for (const l of lists) for (let i = 0; i < l.length; i++) all[k++] = l[i];
  all.sort();
  const out: number[] = [];
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) out.push(all[i]);
  return out;
}

/** The first index ≥ from whose value is ≥ x. */
function lowerBound(a: Postings, x: number, from: number): number {
  let lo = from;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
