/**
 * The step grid one evaluation runs on: the query's steps, a subquery's inner steps, or
 * the single step of a step-invariant sub-tree. Times in ms.
 */
export interface Grid {
  readonly startMs: number;
  readonly endMs: number;
  /** Step in ms; for a one-step grid any positive value. */
  readonly stepMs: number;
  /** Number of steps: `floor((end - start) / step) + 1`. */
  readonly n: number;
}

/** Builds a grid; `endMs < startMs` gives an empty grid (n = 0), as Prometheus returns nothing then. */
export function makeGrid(startMs: number, endMs: number, stepMs: number): Grid {
  const n = endMs < startMs ? 0 : startMs === endMs ? 1 : Math.floor((endMs - startMs) / stepMs) + 1;
  return { startMs, endMs, stepMs, n };
}

/** The time of step `i`. */
export function stepTime(g: Grid, i: number): number {
  return g.startMs + i * g.stepMs;
}

/** The grid's last step time (the end aligned down to the step). */
export function lastStepTime(g: Grid): number {
  return g.n === 0 ? g.startMs : g.startMs + (g.n - 1) * g.stepMs;
}

/** The step times as an array. */
export function gridTimestamps(g: Grid): Float64Array {
  const ts = new Float64Array(g.n);
  for (let i = 0; i < g.n; i++) ts[i] = g.startMs + i * g.stepMs;
  return ts;
}
