/**
 * Subqueries in the naive evaluator: the inner expression runs on its own grid, aligned
 * to absolute multiples of the subquery step, and its whole result is turned into range
 * series (the inner steps where a series has a value). Mirrors subqueryTimeRange /
 * runSubquery / evalSubquery, promql/engine.go.
 */
import type { SubqueryExpr } from '../parser/ast.ts';
import type { Grid } from './grid.ts';
import { lastStepTime, makeGrid, stepTime } from './grid.ts';
import type { NaiveEvaluator } from './evaluator.ts';
import type { MSeries } from './values.ts';

/**
 * The inner grid of `sq` evaluated from the outer grid `g`: ends at the outer (aligned)
 * end minus the offset, starts at the first multiple of the step after
 * `start − offset − range`. With `@ t₀` both ends are computed from t₀.
 */
export function subqueryGrid(ev: NaiveEvaluator, sq: SubqueryExpr, g: Grid): Grid {
  const stepMs = sq.stepMs > 0 ? sq.stepMs : ev.ctx.defaultSubqueryStepMs;
  const outerStart = sq.timestampMs !== null ? sq.timestampMs : g.startMs;
  const outerEnd = sq.timestampMs !== null ? sq.timestampMs : lastStepTime(g);
  const end = outerEnd - sq.offsetMs;
  const from = outerStart - sq.offsetMs - sq.rangeMs;
  // The first multiple of stepMs strictly after `from` (Go's truncating division gives the same).
  let start = stepMs * Math.floor(from / stepMs);
  if (start <= from) start += stepMs;
  return makeGrid(start, end, stepMs);
}

/** Evaluates the subquery's inner expression and returns its points as range series. */
export function evalSubqueryAsRange(ev: NaiveEvaluator, sq: SubqueryExpr, g: Grid): MSeries[] {
  const inner = subqueryGrid(ev, sq, g);
  const out: MSeries[] = [];
  if (inner.n <= 0 || g.n === 0) return out;
  const v = ev.eval(sq.expr, inner);
  try {
    if (v.kind !== 'vector') throw new RangeError(`subquery over ${v.kind}`);
    for (const s of v.series) {
      let count = 0;
      for (let i = 0; i < inner.n; i++) count += s.present[i];
      if (count === 0) continue;
      const t = new Float64Array(count);
      const vals = new Float64Array(count);
      let w = 0;
      for (let i = 0; i < inner.n; i++) {
        if (s.present[i] === 0) continue;
        t[w] = stepTime(inner, i);
        vals[w] = s.values[i];
        w++;
      }
      // The points move from the inner result to the range series: count them once.
      ev.acc.dropSamples(s.samples);
      s.samples = 0;
      out.push(ev.acc.newSampleSeries(s.labels, t, vals, s.dropName, 'subquery result'));
    }
  } finally {
    ev.acc.releaseValue(v);
  }
  return out;
}
