/**
 * The naive evaluator (DESIGN.md §5): the classic Prometheus engine's model, every node
 * materializes its whole result over all steps. Entry: {@link evaluateNaive}.
 */
import type { EvalContext, Evaluator } from '../eval-context.ts';
import type { Expr } from '../parser/ast.ts';
import type { QueryValue, SampleSeries, StepSeries } from '../model/result.ts';
import { compareLabels } from '../model/labels.ts';
import { cleanupMetricLabels } from '../kernels/name-dropping.ts';
import { isOrderedTop } from '../kernels/result-order.ts';
import { NaiveEvaluator } from './evaluator.ts';
import { gridTimestamps, makeGrid } from './grid.ts';
import type { NSeries, NValue } from './values.ts';

/**
 * Evaluates a preprocessed expression over the context's steps and applies the delayed
 * name removal at the end (cleanupMetricLabels). Range-query results are sorted by labels,
 * as Prometheus sorts its matrix results. Throws PromQLError.
 */
export const evaluateNaive: Evaluator = (expr: Expr, ctx: EvalContext): QueryValue => {
  const isRange = ctx.startMs !== ctx.endMs;
  const g = makeGrid(ctx.startMs, ctx.endMs, ctx.stepMs);
  const ev = new NaiveEvaluator(ctx, isRange);
  const timestamps = gridTimestamps(g);
  let v: NValue;
  try {
    v = ev.eval(expr, g);
  } finally {
    ev.flushStartTimeOverlaps();
  }
  switch (v.kind) {
    case 'scalar':
      return { kind: 'scalar', timestamps, values: v.values };
    case 'string':
      return { kind: 'string', timestamps, value: v.value };
    case 'matrix': {
      const series: SampleSeries[] = v.series.map((s) => ({ labels: s.labels, t: s.t, v: s.v }));
      series.sort((a, b) => compareLabels(a.labels, b.labels));
      return { kind: 'matrix', timestamps, series };
    }
    case 'vector': {
      let series = v.series;
      if (ctx.delayedNameRemoval) series = cleanupMetricLabels<NSeries>(series, (s) => ev.acc.releaseSeries(s));
      const out: StepSeries[] = series.map((s) => ({ labels: s.labels, values: s.values, present: s.present }));
      if (isRange) out.sort((a, b) => compareLabels(a.labels, b.labels));
      return { kind: 'vector', timestamps, series: out, ordered: !isRange && isOrderedTop(expr) };
    }
  }
};

export { NaiveEvaluator };
