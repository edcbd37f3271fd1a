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

const once = new Set<string>();

/** Marks a startup milestone (`promql:<name>`) the first time it happens. */
export function markOnce(name: string): void {
  if (once.has(name)) return;
  once.add(name);
  performance.mark(`promql:${name}`);
}
