/**
 * The step grid an operator evaluates on: the query's steps, a subquery's own steps, or
 * the single step of a step-invariant sub-tree. Times in ms.
 */
export interface StepGrid {
  readonly startMs: number;
  readonly endMs: number;
  /** > 0 even for a single step. */
  readonly stepMs: number;
  readonly stepCount: number;
  /** The grid was asked for as a range (start ≠ end), even when it holds one step. */
  readonly isRange: boolean;
}

/** A grid from start..end inclusive (end not aligned to the step is cut to the last step ≤ end). */
export function makeGrid(startMs: number, endMs: number, stepMs: number): StepGrid {
  if (endMs < startMs) return { startMs, endMs: startMs - stepMs, stepMs, stepCount: 0, isRange: true };
  const stepCount = startMs === endMs ? 1 : Math.floor((endMs - startMs) / stepMs) + 1;
  return { startMs, endMs: startMs + (stepCount - 1) * stepMs, stepMs, stepCount, isRange: startMs !== endMs };
}

/** The evaluation time of step `i`. */
export function stepTime(grid: StepGrid, i: number): number {
  return grid.startMs + i * grid.stepMs;
}
