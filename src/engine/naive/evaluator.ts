/**
 * The naive evaluator's recursive `eval`: every node evaluates its children over the
 * whole grid, holds their complete results, computes its own complete result and then
 * releases the children (the classic Prometheus engine model, promql/engine.go eval).
 */
import type { EvalContext } from '../eval-context.ts';
import type { Expr, UnaryExpr } from '../parser/ast.ts';
import { labelsKey } from '../model/labels.ts';
import { dropReservedLabels, mergeSeriesWithSameLabelset, sameLabelsetError } from '../kernels/name-dropping.ts';
import type { Grid } from './grid.ts';
import { makeGrid } from './grid.ts';
import { printNodeLabel } from '../parser/printer.ts';
import { Accounting } from './memory.ts';
import { evalVectorSelector, evalMatrixSelectorInstant } from './selectors.ts';
import { evalBinary } from './binary.ts';
import { evalAggregate } from './aggregate.ts';
import { evalCall } from './calls.ts';
import { evalSubqueryAsRange } from './subquery.ts';
import type { NSeries, NValue, NVector } from './values.ts';
import type { PosRange } from '../model/position.ts';
import { goQuote } from '../model/strings.ts';
import { startTimeOverlapMessage } from '../kernels/start-timestamps.ts';

export class NaiveEvaluator {
  readonly acc: Accounting;

  constructor(readonly ctx: EvalContext, readonly isRangeQuery: boolean) {
    this.acc = new Accounting(ctx);
  }

  /**
   * Start-time overlap warnings of the whole query by metric name: upstream merges them
   * into one annotation per metric with an occurrence count, keeping the position of
   * the first (startTimeOverlapErr.Merge, util/annotations). Emitted by
   * {@link flushStartTimeOverlaps}.
   */
  private readonly startTimeOverlaps = new Map<string, { count: number; range: PosRange }>();

  /** Records one start-time overlap (one range-function call on one window). */
  noteStartTimeOverlap(metricName: string, range: PosRange): void {
    const found = this.startTimeOverlaps.get(metricName);
    if (found !== undefined) found.count++;
    else this.startTimeOverlaps.set(metricName, { count: 1, range });
  }

  /** Adds the merged start-time overlap warnings to the query's annotations (once, at the end). */
  flushStartTimeOverlaps(): void {
    for (const [metricName, { count, range }] of this.startTimeOverlaps) {
      this.ctx.annotations.warn(startTimeOverlapMessage(goQuote(metricName), count), range);
    }
    this.startTimeOverlaps.clear();
  }

  private depth = 0;

  /**
   * Evaluates `e` over every step of `g`. The caller owns (and must release) the result.
   * Records one explain row per node (pre-order) in ctx.nodes: its time, output series,
   * samples decoded by it and its children, and the most bytes it held above what was
   * held when it started.
   */
  eval(e: Expr, g: Grid): NValue {
    if (e.type === 'ParenExpr') return this.eval(e.expr, g);
    return this.node(e, () => this.dispatch(e, g), (v) => (v.kind === 'vector' || v.kind === 'matrix' ? v.series.length : 1));
  }

  /** Runs `fn` as the explain row of node `e`; `seriesOut` counts its result's series. */
  node<T>(e: Expr, fn: () => T, seriesOut: (v: T) => number): T {
    const tracker = this.ctx.tracker;
    const counters = this.ctx.counters;
    const row = this.ctx.nodes.length;
    this.ctx.nodes.push({ label: '', depth: this.depth, timeMs: 0, seriesOut: 0, samplesDecoded: 0, peakBytes: 0, timed: true });
    const started = now();
    const decodedBefore = counters.samplesDecoded;
    const heldBefore = tracker.current;
    const outerPeak = this.acc.nodePeak;
    this.acc.nodePeak = tracker.current;
    this.depth++;
    let v: T | undefined;
    let done = false;
    try {
      v = fn();
      done = true;
      return v;
    } finally {
      this.depth--;
      const nodePeak = this.acc.nodePeak;
      this.acc.nodePeak = Math.max(outerPeak, nodePeak);
      this.ctx.nodes[row] = {
        label: printNodeLabel(e),
        depth: this.depth,
        timeMs: now() - started,
        seriesOut: done ? seriesOut(v as T) : 0,
        samplesDecoded: counters.samplesDecoded - decodedBefore,
        peakBytes: nodePeak - heldBefore,
        timed: true,
      };
    }
  }

  private dispatch(e: Expr, g: Grid): NValue {
    switch (e.type) {
      case 'NumberLiteral': {
        const out = this.acc.newScalar(g.n, 'number literal');
        out.values.fill(e.value);
        return out;
      }
      case 'StringLiteral':
        return { kind: 'string', value: e.value };
      case 'ParenExpr':
        return this.eval(e.expr, g);
      case 'VectorSelector':
        return evalVectorSelector(this, e, g).vector;
      case 'MatrixSelector':
        return { kind: 'matrix', series: evalMatrixSelectorInstant(this, e, g) };
      case 'SubqueryExpr':
        return { kind: 'matrix', series: evalSubqueryAsRange(this, e, g) };
      case 'UnaryExpr':
        return this.unary(e, g);
      case 'BinaryExpr':
        return evalBinary(this, e, g);
      case 'AggregateExpr':
        return evalAggregate(this, e, g);
      case 'Call':
        return evalCall(this, e, g);
      case 'StepInvariantExpr':
        return this.stepInvariant(e.expr, g);
    }
  }

  /** Evaluates once at the grid's start and repeats the value at every step. Mirrors the StepInvariantExpr case of eval. */
  private stepInvariant(inner: Expr, g: Grid): NValue {
    if (g.n <= 1) return this.eval(inner, g);
    const one = makeGrid(g.startMs, g.startMs, g.stepMs);
    const v = this.eval(inner, one);
    if (v.kind === 'matrix' || v.kind === 'string') return v;
    if (v.kind === 'scalar') {
      const x = v.values[0];
      this.acc.releaseValue(v);
      const out = this.acc.newScalar(g.n, 'step-invariant scalar');
      out.values.fill(x);
      return out;
    }
    const series: NSeries[] = [];
    try {
      for (const s of v.series) {
        if (s.present[0] === 0) continue;
        const o = this.acc.newSeries(s.labels, s.dropName, g.n, 'step-invariant vector');
        o.values.fill(s.values[0]);
        o.present.fill(1);
        series.push(o);
      }
    } finally {
      this.acc.releaseValue(v);
    }
    // Counted after the one-step result is dropped, as Prometheus extends it in place.
    for (const o of series) this.acc.sealSeries(o);
    return { kind: 'vector', series };
  }

  private unary(e: UnaryExpr, g: Grid): NValue {
    const v = this.eval(e.expr, g);
    if (e.op === '+') return v;
    if (v.kind === 'scalar') {
      for (let i = 0; i < v.values.length; i++) v.values[i] = -v.values[i];
      return v;
    }
    if (v.kind !== 'vector') throw new RangeError(`unary minus on ${v.kind}`);
    for (const s of v.series) {
      if (!this.ctx.delayedNameRemoval) s.labels = dropReservedLabels(s.labels);
      s.dropName = true;
      for (let i = 0; i < s.values.length; i++) s.values[i] = -s.values[i];
    }
    if (!this.ctx.delayedNameRemoval) {
      v.series = mergeSeriesWithSameLabelset<NSeries>(v.series, (s) => this.acc.releaseSeries(s));
    }
    return v;
  }

  /** Without delayed name removal, a function output may not repeat a label set. */
  checkNoDuplicateLabelsets(series: NSeries[]): void {
    const seen = new Set<string>();
    for (const s of series) {
      const k = labelsKey(s.labels);
      if (seen.has(k)) throw sameLabelsetError();
      seen.add(k);
    }
  }
}

const perf = (globalThis as { performance?: { now(): number } }).performance;
function now(): number {
  return perf ? perf.now() : Date.now();
}

export type { NVector };
