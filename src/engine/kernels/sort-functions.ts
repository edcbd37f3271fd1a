/**
 * Orderings for sort, sort_desc, sort_by_label and sort_by_label_desc. The kernels
 * return a permutation of series indices; the evaluator reorders its series with it.
 * Mirrors funcSort, funcSortDesc, funcSortByLabel, funcSortByLabelDesc
 * (promql/functions.go) and facette/natsort.
 *
 * Known difference from Prometheus: upstream sorts by value with an unstable sort, so
 * the order of equal values is unspecified there; here ties keep their input order.
 * Upstream's natural comparison is not a consistent order for a few pairs (e.g. an
 * empty value against a non-empty one, or `a01` against `a1`: each "precedes" the
 * other or neither does); such pairs are ordered by plain string comparison here.
 */
import type { Labels } from '../model/labels.ts';
import { compareLabels, compareStrings, getLabel } from '../model/labels.ts';

/**
 * `sort` order: ascending, NaN last. Mirrors sort.Reverse(vectorByReverseValueHeap).
 */
export function compareValuesAscending(a: number, b: number): number {
  if (b !== b) return a !== a ? 0 : -1; // b NaN: a goes first (or tie)
  if (a !== a) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `sort_desc` order: descending, NaN last. Mirrors sort.Reverse(vectorByValueHeap). */
export function compareValuesDescending(a: number, b: number): number {
  if (b !== b) return a !== a ? 0 : -1;
  if (a !== a) return 1;
  return a > b ? -1 : a < b ? 1 : 0;
}

/**
 * The stable permutation that sorts `values[0..n)` for sort (`descending` false) or
 * sort_desc (true). Returns indices into `values`.
 */
export function sortOrderByValue(values: ArrayLike<number>, descending: boolean): Int32Array {
  const idx: number[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) idx[i] = i;
  const cmp = descending ? compareValuesDescending : compareValuesAscending;
  idx.sort((i, j) => cmp(values[i], values[j]) || i - j);
  return Int32Array.from(idx);
}

const CHUNK_RE = /\d+|\D+/g;
const MAX_INT64_DIGITS = '9223372036854775807';

/** strconv.Atoi succeeded on a digit chunk: it fits in int64 (leading zeros allowed). */
function digitsInInt64(stripped: string): boolean {
  return stripped.length < 19 || (stripped.length === 19 && stripped <= MAX_INT64_DIGITS);
}

function stripZeros(s: string): string {
  let i = 0;
  while (i < s.length - 1 && s.charCodeAt(i) === 0x30) i++;
  return s.slice(i);
}

function isDigits(s: string): boolean {
  const c = s.charCodeAt(0);
  return c >= 0x30 && c <= 0x39;
}

/**
 * facette/natsort.Compare: true when `a` precedes `b` in natural order. Strings are
 * split into runs of ASCII digits and non-digits; two digit runs that fit in int64
 * compare as integers, anything else as strings (bytewise).
 */
export function naturalLess(a: string, b: string): boolean {
  const ca = a.match(CHUNK_RE) ?? [];
  const cb = b.match(CHUNK_RE) ?? [];
  for (let i = 0; i < ca.length; i++) {
    if (i >= cb.length) return false;
    const x = ca[i];
    const y = cb[i];
    if (isDigits(x) && isDigits(y)) {
      const sx = stripZeros(x);
      const sy = stripZeros(y);
      if (digitsInInt64(sx) && digitsInInt64(sy)) {
        if (sx === sy) {
          if (i === ca.length - 1) return true;
          if (i === cb.length - 1) return false;
          continue;
        }
        return sx.length !== sy.length ? sx.length < sy.length : sx < sy;
      }
    }
    if (x === y) {
      if (i === ca.length - 1) return true;
      if (i === cb.length - 1) return false;
      continue;
    }
    return compareStrings(x, y) < 0;
  }
  return false;
}

/**
 * A consistent three-way natural comparison of two different label values: upstream's
 * `natsort.Compare(a, b) ? -1 : +1`, falling back to string order where natsort does
 * not decide consistently.
 */
export function compareNatural(a: string, b: string): number {
  if (a === b) return 0;
  const ab = naturalLess(a, b);
  const ba = naturalLess(b, a);
  if (ab !== ba) return ab ? -1 : 1;
  return compareStrings(a, b);
}

/**
 * sort_by_label comparison: by each named label's value in natural order, then by the
 * full label set (labels.Compare); `descending` reverses both. Mirrors
 * funcSortByLabel / funcSortByLabelDesc.
 */
export function compareByLabelNames(a: Labels, b: Labels, names: readonly string[], descending: boolean): number {
  for (let i = 0; i < names.length; i++) {
    const va = getLabel(a, names[i]);
    const vb = getLabel(b, names[i]);
    if (va === vb) continue;
    const c = compareNatural(va, vb);
    return descending ? -c : c;
  }
  const c = compareLabels(a, b);
  return descending ? -c : c;
}

/** The permutation that orders `series` for sort_by_label (`descending` false) or sort_by_label_desc. */
export function sortOrderByLabels(series: readonly Labels[], names: readonly string[], descending: boolean): Int32Array {
  const idx: number[] = new Array(series.length);
  for (let i = 0; i < series.length; i++) idx[i] = i;
  idx.sort((i, j) => compareByLabelNames(series[i], series[j], names, descending) || i - j);
  return Int32Array.from(idx);
}
