/**
 * sort, sort_desc, sort_by_label, sort_by_label_desc for instant queries (in range
 * queries they have no effect: results are ordered by labels). The orderings come from
 * the shared kernels. Mirrors funcSort, funcSortDesc, funcSortByLabel(Desc),
 * promql/functions.go.
 */
import { sortOrderByLabels, sortOrderByValue } from '../kernels/sort-functions.ts';
import type { Grid } from './grid.ts';
import type { NSeries } from './values.ts';

/** Returns the series in the function's order (at step 0); for multi-step grids, unchanged. */
export function sortVector(v: { series: NSeries[] }, name: string, labelNames: string[], g: Grid): NSeries[] {
  const series = v.series;
  if (g.startMs !== g.endMs || g.n !== 1) return series.slice();
  let order: Int32Array;
  if (name === 'sort' || name === 'sort_desc') {
    const values = series.map((s) => s.values[0]);
    order = sortOrderByValue(values, name === 'sort_desc');
  } else {
    order = sortOrderByLabels(series.map((s) => s.labels), labelNames, name === 'sort_by_label_desc');
  }
  return Array.from(order, (i) => series[i]);
}
