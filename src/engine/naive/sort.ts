/**
 * sort, sort_desc, sort_by_label, sort_by_label_desc for instant queries (in range
 * queries they have no effect: results are ordered by labels). Mirrors funcSort,
 * funcSortDesc, funcSortByLabel(Desc), promql/functions.go, with stable sorts (Go's
 * sort for the small inputs of tests is an insertion sort, which is stable).
 */
import { compareLabels, compareStrings, getLabel } from '../model/labels.ts';
import type { Grid } from './grid.ts';
import type { NSeries } from './values.ts';

/** github.com/facette/natsort Compare: true when a sorts before b in natural order. */
export function natsortLess(a: string, b: string): boolean {
  const ca = a.match(/(\d+|\D+)/g) ?? [];
  const cb = b.match(/(\d+|\D+)/g) ?? [];
  for (let i = 0; i < ca.length; i++) {
    if (i >= cb.length) return false;
    const an = /^\d+$/.test(ca[i]) && ca[i].length < 19 ? Number(ca[i]) : NaN;
    const bn = /^\d+$/.test(cb[i]) && cb[i].length < 19 ? Number(cb[i]) : NaN;
    if (!Number.isNaN(an) && !Number.isNaN(bn)) {
      if (an === bn) {
        if (i === ca.length - 1) return true;
        if (i === cb.length - 1) return false;
        continue;
      }
      return an < bn;
    }
    if (ca[i] === cb[i]) {
      if (i === ca.length - 1) return true;
      if (i === cb.length - 1) return false;
      continue;
    }
    return compareStrings(ca[i], cb[i]) < 0;
  }
  return false;
}

/** Returns the series in the function's order (at step 0); for multi-step grids, unchanged. */
export function sortVector(v: { series: NSeries[] }, name: string, labelNames: string[], g: Grid): NSeries[] {
  const series = v.series.slice();
  if (g.n !== 1) return series;
  if (name === 'sort' || name === 'sort_desc') {
    const desc = name === 'sort_desc';
    series.sort((a, b) => {
      const x = a.values[0];
      const y = b.values[0];
      const xn = Number.isNaN(x);
      const yn = Number.isNaN(y);
      if (xn || yn) return xn === yn ? 0 : xn ? 1 : -1;
      return desc ? (x > y ? -1 : x < y ? 1 : 0) : x < y ? -1 : x > y ? 1 : 0;
    });
    return series;
  }
  const desc = name === 'sort_by_label_desc';
  series.sort((a, b) => {
    for (const l of labelNames) {
      const x = getLabel(a.labels, l);
      const y = getLabel(b.labels, l);
      if (x === y) continue;
      const less = natsortLess(x, y);
      return desc ? (less ? 1 : -1) : less ? -1 : 1;
    }
    const c = compareLabels(a.labels, b.labels);
    return desc ? -c : c;
  });
  return series;
}
