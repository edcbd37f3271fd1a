/**
 * The streaming evaluator (DESIGN.md §5, Grafana Mimir's MQE model): plans the
 * preprocessed AST into operators, pulls the root one series at a time into the
 * columnar QueryValue, closes every operator and, in debug mode, checks that every
 * pooled buffer came back. Entry: {@link evaluateStreaming}.
 *
 * Output shapes and order match the naive evaluator: empty series are left out, pending
 * `__name__` drops are applied at the end (cleanupMetricLabels), range-query and matrix
 * results are sorted by labels, and instant-query vectors keep the operator order
 * (which is meaningful for sort*() and topk/bottomk at the top).
 */
import type { EvalContext, Evaluator } from '../eval-context.ts';
import type { Expr } from '../parser/ast.ts';
import type { QueryValue, SampleSeries, StepSeries } from '../model/result.ts';
import { stepTimestamps } from '../model/result.ts';
import { compareLabels } from '../model/labels.ts';
import { BYTES } from '../model/memory-tracker.ts';
import { cleanupMetricLabels, dropReservedLabels, type MarkedStepSeries } from '../kernels/name-dropping.ts';
import type { RangeWindow } from '../kernels/types.ts';
import { isOrderedTop } from '../kernels/result-order.ts';
import type { InstantVectorOperator, Operator, RangeVectorOperator } from './operator.ts';
import { BufferPool, poolDebug } from './pool.ts';
import { Planner } from './planner.ts';
import { AnnotationNode } from './annotation-order.ts';
import { startTimeOverlapMessage } from '../kernels/start-timestamps.ts';
import { goQuote } from '../model/strings.ts';
import { MatrixSelectorOperator } from './operators/matrix-selector.ts';
import { extendRangeWindow } from '../kernels/extended-range.ts';
import { makeGrid, type StepGrid } from './step-grid.ts';
import type { StreamingContext } from './streaming-context.ts';
import { newRangeWindow } from './range-window.ts';

export { poolDebug } from './pool.ts';

/** Evaluates a preprocessed expression with the streaming operators. Throws PromQLError. */
export const evaluateStreaming: Evaluator = (expr: Expr, ctx: EvalContext): QueryValue => {
  const pool = new BufferPool(ctx.tracker, poolDebug.enabled);
  const sc: StreamingContext = { ctx, pool, startTimeOverlaps: new Map() };
  const annotationTree = new AnnotationNode();
  const trackedAtStart = ctx.tracker.current;
  const grid = makeGrid(ctx.startMs, ctx.endMs, ctx.stepMs);
  const timestamps = stepTimestamps(ctx.startMs, ctx.endMs, ctx.stepMs);
  const isRange = ctx.startMs !== ctx.endMs;
  let root: Operator | null = null;
  let value: QueryValue;
  let resultBytes = 0;
  try {
    root = new Planner(sc, annotationTree).plan(expr, grid);
    switch (root.kind) {
      case 'scalar': {
        const v = root.values();
        const values = v.slice();
        pool.releaseFloat64(v);
        value = { kind: 'scalar', timestamps, values };
        break;
      }
      case 'string':
        value = { kind: 'string', timestamps, value: root.value() };
        break;
      case 'matrix':
        value = { kind: 'matrix', timestamps, series: collectMatrix(root) };
        break;
      case 'vector': {
        const collected = collectVector(sc, root, grid);
        resultBytes = collected.bytes;
        let series = collected.series;
        series = cleanupMetricLabels(series);
        const out: StepSeries[] = series.map((s) => ({ labels: s.labels, values: s.values, present: s.present }));
        if (isRange) out.sort((a, b) => compareLabels(a.labels, b.labels));
        value = { kind: 'vector', timestamps, series: out, ordered: !isRange && isOrderedTop(expr) };
        break;
      }
    }
  } finally {
    if (root !== null) root.close();
    annotationTree.flushInto(ctx.annotations);
    for (const [metric, { count, range }] of sc.startTimeOverlaps) ctx.annotations.warn(startTimeOverlapMessage(goQuote(metric), count), range);
    if (resultBytes !== 0) ctx.tracker.release(resultBytes);
    // Stats: the most float values the pooled buffers held at once (capacity, so an
    // upper bound; Prometheus counts points, the streaming model holds step arrays).
    if (pool.peakFloatsHeld > ctx.counters.peakSamples) ctx.counters.peakSamples = pool.peakFloatsHeld;
    // Debug mode: a leaked buffer fails the query, also on error paths (deliberately
    // replacing the error in flight, so tests see the leak).
    if (poolDebug.enabled) {
      pool.assertBalanced();
      if (ctx.tracker.current !== trackedAtStart) {
        throw new RangeError(`streaming evaluator left ${ctx.tracker.current - trackedAtStart} tracked bytes charged after close`);
      }
    }
  }
  return value;
};

/** Drains a vector operator into exact-size result arrays (charged while the query runs). */
function collectVector(sc: StreamingContext, op: InstantVectorOperator, grid: StepGrid): { series: MarkedStepSeries[]; bytes: number } {
  const meta = op.seriesMetadata();
  const out: MarkedStepSeries[] = [];
  const n = grid.stepCount;
  const perSeries = n * (BYTES.float64 + BYTES.uint8) + BYTES.seriesHeader;
  let bytes = 0;
  try {
    for (let s = 0; s < meta.length; s++) {
      const d = op.nextSeries();
      let any = false;
      for (let i = 0; i < n; i++) if (d.present[i] === 1) { any = true; break; }
      if (any) {
        sc.ctx.tracker.acquire(perSeries, 'query result');
        bytes += perSeries;
        out.push({ labels: meta[s].labels, dropName: meta[s].dropName, values: d.values.slice(), present: d.present.slice() });
      }
      sc.pool.releaseStepData(d);
    }
  } catch (e) {
    sc.ctx.tracker.release(bytes);
    throw e;
  }
  return { series: out, bytes };
}

/** An instant query of a range-vector expression: each series' window at the one step. */
function collectMatrix(op: RangeVectorOperator): SampleSeries[] {
  const meta = op.seriesMetadata();
  const w: RangeWindow = newRangeWindow();
  const series: (SampleSeries & { dropName: boolean })[] = [];
  for (let s = 0; s < meta.length; s++) {
    op.nextSeries();
    if (op.grid.stepCount === 0) continue;
    op.nextStepWindow(0, w);
    if (w.hi === w.lo) continue;
    if (op instanceof MatrixSelectorOperator && op.extension !== null) {
      // Mirrors extendFloats, promql/engine.go: boundary points picked or interpolated.
      const ot = new Float64Array(w.hi - w.lo + 2);
      const ov = new Float64Array(w.hi - w.lo + 2);
      const k = extendRangeWindow(w, op.extension === 'smoothed', ot, ov);
      if (k > 0) series.push({ labels: meta[s].labels, dropName: meta[s].dropName, t: ot.slice(0, k), v: ov.slice(0, k) });
      continue;
    }
    series.push({ labels: meta[s].labels, dropName: meta[s].dropName, t: w.t.slice(w.lo, w.hi), v: w.v.slice(w.lo, w.hi) });
  }
  // Mirrors cleanupMetricLabels for a matrix: pending name drops applied, then sorted.
  const out: SampleSeries[] = series.map((s) => ({ labels: s.dropName ? dropReservedLabels(s.labels) : s.labels, t: s.t, v: s.v }));
  out.sort((a, b) => compareLabels(a.labels, b.labels));
  return out;
}
