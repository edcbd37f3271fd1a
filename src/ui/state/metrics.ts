/**
 * Page-performance marks read by the e2e measurements: `promql:first-result` is set the
 * first time a query result is on screen (graph drawn or table rendered).
 */
let marked = false;

export function firstResultRendered(): void {
  if (marked) return;
  marked = true;
  performance.mark('promql:first-result');
}
