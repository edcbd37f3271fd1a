/**
 * The absent()/absent_over_time() output labels now live once in kernels/absent-labels.ts
 * (shared with the naive evaluator); this re-export keeps the planner's import path.
 */
export { absentLabels } from '../kernels/absent-labels.ts';
