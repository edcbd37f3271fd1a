/**
 * Plans a preprocessed AST into streaming operators (mirrors Mimir's
 * pkg/streamingpromql planning: one operator per node kind). Throws PromQLError kind
 * 'unsupported' (code 'streaming_unsupported') for any construct not streamed yet,
 * naming it: there is no silent fallback to the naive evaluator.
 */
import type { AggregateExpr, BinaryExpr, Call, Expr, SubqueryExpr } from '../parser/ast.ts';
import { rangeKernels } from '../kernels/range-functions.ts';
import { valueKernels, roundToNearest, clampValue } from '../kernels/value-functions.ts';
import { dateKernels } from '../kernels/date-functions.ts';
import { validateDoubleExponentialSmoothing } from '../kernels/smoothing.ts';
import { invalidQuantileMessage } from '../kernels/quantile.ts';
import { isSetOp } from '../kernels/binary-ops.ts';
import { isSimpleAggregateOp } from '../kernels/aggregation.ts';
import type { InstantVectorOperator, SeriesMeta, Operator, RangeVectorOperator, ScalarOperator, StepData } from './operator.ts';
import { makeGrid, type StepGrid } from './step-grid.ts';
import type { StreamingContext } from './streaming-context.ts';
import { exprType } from './expr-type.ts';
import { AnnotationNode } from './annotation-order.ts';
import { InstrumentedScalarOperator, InstrumentedVectorOperator, OperatorRow } from './operators/instrumented.ts';
import { printNodeLabel } from '../parser/printer.ts';
import { getLabel, METRIC_NAME } from '../model/labels.ts';
import { goQuote } from '../model/strings.ts';
import { unsupported } from './unsupported.ts';
import { absentLabels } from '../kernels/absent-labels.ts';
import { VectorSelectorOperator } from './operators/vector-selector.ts';
import { SmoothedVectorSelectorOperator } from './operators/smoothed-vector-selector.ts';
import { ANCHORED_SAFE_FUNCTIONS, SMOOTHED_SAFE_FUNCTIONS, anchoredRangeKernels, extendedModifierErrorMessage, smoothedRangeKernels } from '../kernels/extended-range.ts';
import { PromQLError } from '../model/errors.ts';
import { MatrixSelectorOperator } from './operators/matrix-selector.ts';
import { START_TIMESTAMP_FUNCTIONS, START_TIME_OVERLAP_FUNCTIONS } from '../kernels/start-timestamps.ts';
import { RangeFunctionOperator, type SlidingKernel } from './operators/range-function.ts';
import { SlidingExtremum } from './sliding-extremum.ts';
import { SlidingRate } from './sliding-rate.ts';
import { SlidingQuantile } from './sliding-quantile.ts';
import { InstantFunctionOperator, type SeriesTransform } from './operators/instant-function.ts';
import { NumberLiteralOperator } from './operators/number-literal.ts';
import { StringLiteralOperator } from './operators/string-literal.ts';
import { TimeScalarOperator } from './operators/time-scalar.ts';
import { ScalarBinaryOperator, ScalarNegationOperator } from './operators/scalar-arithmetic.ts';
import { UnaryNegationOperator } from './operators/unary-negation.ts';
import { StepInvariantScalarOperator, StepInvariantVectorOperator } from './operators/step-invariant.ts';
import { ScalarFunctionOperator } from './operators/scalar-function.ts';
import { VectorFunctionOperator } from './operators/vector-function.ts';
import { LeftOperand, LeftRangeOperand, RightScalarOperand, RightVectorOperand, afterLeft } from './operators/operand-order.ts';
import { DeduplicateAndMergeOperator } from './operators/deduplicate-and-merge.ts';
import { AggregationOperator } from './operators/aggregation.ts';
import { SelectionAggregationOperator } from './operators/selection-aggregation.ts';
import { CountValuesOperator } from './operators/count-values.ts';
import { VectorVectorBinaryOperator } from './operators/binary-vector-vector.ts';
import { VectorScalarBinaryOperator } from './operators/binary-vector-scalar.ts';
import { SetOperationOperator } from './operators/set-operation.ts';
import { SubqueryOperator, subqueryGrid } from './operators/subquery.ts';
import { AbsentOperator } from './operators/absent.ts';
import { InfoOperator } from './operators/info.ts';
import { LabelFunctionOperator } from './operators/label-function.ts';
import { SortOperator } from './operators/sort.ts';
import { compileLabelJoin, compileLabelReplace } from '../kernels/label-functions.ts';
import { HistogramFunctionOperator } from './operators/histogram-function.ts';
import { EmptyVectorOperator } from './operators/empty-vector.ts';
import { ScalarMinMaxOperator } from './operators/scalar-min-max.ts';

/** Metric names rate()/increase() take for counters (PossibleNonCounterInfo otherwise). */
const COUNTER_SUFFIX = /(_total|_sum|_count|_bucket)$/;

/** Functions that only act on native histograms: on float input they return nothing. */
const NATIVE_HISTOGRAM_ONLY = new Set(['histogram_count', 'histogram_sum', 'histogram_avg', 'histogram_stddev', 'histogram_stdvar']);

/**
 * The planner of one query. Every AST node becomes one operator (parentheses none) with
 * an explain row; operators on a different step grid (subqueries, step-invariant parts)
 * are planned on that grid.
 */
export class Planner {
  private depth = 0;
  /** The context operators of the node being planned get (its own annotation sink). */
  private sc: StreamingContext;
  private annotationNode: AnnotationNode;

  /** `annotations`: the root of the per-node annotation sinks (see annotation-order.ts). */
  constructor(base: StreamingContext, annotations: AnnotationNode) {
    this.sc = base;
    this.annotationNode = annotations;
  }

  /** Plans `e` on `grid`, with an explain row (ctx.nodes) and an annotation sink for the node. */
  plan(e: Expr, grid: StepGrid): Operator {
    if (e.type === 'ParenExpr') return this.plan(e.expr, grid);
    const row = new OperatorRow(this.sc, this.sc.ctx.nodes.length, printNodeLabel(e), this.depth);
    const parentNode = this.annotationNode;
    const parentSc = this.sc;
    const node = new AnnotationNode();
    parentNode.children.push(node);
    this.annotationNode = node;
    this.sc = { ...parentSc, ctx: { ...parentSc.ctx, annotations: node.own } };
    this.depth++;
    let op: Operator;
    try {
      op = this.planNode(e, grid);
    } finally {
      this.depth--;
      this.annotationNode = parentNode;
      this.sc = parentSc;
    }
    if (op.kind === 'vector') return new InstrumentedVectorOperator(op, row);
    if (op.kind === 'scalar') return new InstrumentedScalarOperator(op, row);
    row.markUntimed();
    return op;
  }

  private planNode(e: Expr, grid: StepGrid): Operator {
    switch (e.type) {
      case 'ParenExpr':
        return this.plan(e.expr, grid);
      case 'NumberLiteral':
        return new NumberLiteralOperator(this.sc, grid, e.value);
      case 'StringLiteral':
        return new StringLiteralOperator(grid, e.value);
      case 'StepInvariantExpr':
        return this.planStepInvariant(e.expr, grid);
      case 'VectorSelector':
        // `anchored` changes nothing for an instant selector; `smoothed` interpolates.
        return e.smoothed ? new SmoothedVectorSelectorOperator(this.sc, grid, e) : new VectorSelectorOperator(this.sc, grid, e);
      case 'MatrixSelector':
        return new MatrixSelectorOperator(this.sc, grid, e);
      case 'SubqueryExpr':
        return this.planSubquery(e, grid);
      case 'UnaryExpr': {
        const inner = this.plan(e.expr, grid);
        if (e.op === '+') return inner;
        if (inner.kind === 'scalar') return new ScalarNegationOperator(inner);
        const neg = new UnaryNegationOperator(this.sc, this.asVector(inner, e.expr));
        return this.sc.ctx.delayedNameRemoval ? neg : new DeduplicateAndMergeOperator(this.sc, neg);
      }
      case 'BinaryExpr':
        return this.planBinary(e, grid);
      case 'AggregateExpr':
        return this.planAggregate(e, grid);
      case 'Call':
        return this.planCall(e, grid);
    }
  }

  planVector(e: Expr, grid: StepGrid): InstantVectorOperator {
    return this.asVector(this.plan(e, grid), e);
  }

  planScalar(e: Expr, grid: StepGrid): ScalarOperator {
    const op = this.plan(e, grid);
    if (op.kind !== 'scalar') throw new RangeError(`expected a scalar operator for ${e.type}, got ${op.kind}`);
    return op;
  }

  planMatrix(e: Expr, grid: StepGrid): RangeVectorOperator {
    const op = this.plan(e, grid);
    if (op.kind !== 'matrix') throw new RangeError(`expected a range-vector operator for ${e.type}, got ${op.kind}`);
    return op;
  }

  private asVector(op: Operator, e: Expr): InstantVectorOperator {
    if (op.kind !== 'vector') throw new RangeError(`expected an instant-vector operator for ${e.type}, got ${op.kind}`);
    return op;
  }

  /** Mirrors the StepInvariantExpr case of eval, promql/engine.go: one step, broadcast. */
  private planStepInvariant(inner: Expr, grid: StepGrid): Operator {
    let e = inner;
    while (e.type === 'ParenExpr') e = e.expr;
    if (e.type === 'NumberLiteral' || e.type === 'StringLiteral' || e.type === 'MatrixSelector' || e.type === 'SubqueryExpr') return this.plan(e, grid);
    if (grid.stepCount <= 1) return this.plan(inner, grid);
    const one = makeGrid(grid.startMs, grid.startMs, grid.stepMs);
    const op = this.plan(inner, one);
    if (op.kind === 'vector') return new StepInvariantVectorOperator(this.sc, grid, op);
    if (op.kind === 'scalar') return new StepInvariantScalarOperator(this.sc, grid, op);
    return op;
  }

  private planSubquery(e: SubqueryExpr, grid: StepGrid): RangeVectorOperator {
    const inner = subqueryGrid(e, grid, this.sc.ctx.defaultSubqueryStepMs);
    return new SubqueryOperator(this.sc, grid, e, this.planVector(e.expr, inner));
  }

  private planBinary(e: BinaryExpr, grid: StepGrid): Operator {
    if (e.op === '</' || e.op === '>/') throw unsupported(`the trim operator ${e.op}`, e.range);
    const lt = exprType(e.lhs);
    const rt = exprType(e.rhs);
    if (lt === 'scalar' && rt === 'scalar') return new ScalarBinaryOperator(this.sc, e.op, this.planScalar(e.lhs, grid), this.planScalar(e.rhs, grid));
    if (lt === 'scalar' || rt === 'scalar') {
      const scalarOnLeft = lt === 'scalar';
      // Planned in source order: upstream evaluates (and annotates) lhs before rhs.
      const left = this.plan(e.lhs, grid);
      const right = this.plan(e.rhs, grid);
      if (scalarOnLeft) {
        // The scalar is evaluated whole before the vector is read: already in upstream's order.
        const v = this.asVector(right, e.rhs);
        return new DeduplicateAndMergeOperator(this.sc, new VectorScalarBinaryOperator(this.sc, e, v, left as ScalarOperator, true));
      }
      const v = new LeftOperand(this.asVector(left, e.lhs), this.sc.pool);
      const s = new RightScalarOperand(right as ScalarOperator, v);
      return new DeduplicateAndMergeOperator(this.sc, new VectorScalarBinaryOperator(this.sc, e, v, s, false));
    }
    // The operators read both sides interleaved; errors must still come in upstream's
    // order, the whole lhs before the rhs (operand-order.ts).
    const lhs = new LeftOperand(this.planVector(e.lhs, grid), this.sc.pool);
    const rhs = new RightVectorOperand(this.planVector(e.rhs, grid), lhs);
    if (isSetOp(e.op)) return new DeduplicateAndMergeOperator(this.sc, new SetOperationOperator(this.sc, e, lhs, rhs));
    return new DeduplicateAndMergeOperator(this.sc, new VectorVectorBinaryOperator(this.sc, e, lhs, rhs));
  }

  private planAggregate(e: AggregateExpr, grid: StepGrid): Operator {
    if (isSimpleAggregateOp(e.op)) {
      const param = e.op === 'quantile' && e.param ? this.planScalar(e.param, grid) : null;
      return new AggregationOperator(this.sc, e, this.planVector(e.expr, grid), param);
    }
    if (e.op === 'count_values') return new CountValuesOperator(this.sc, e, this.planVector(e.expr, grid));
    const param = this.planScalar(e.param as Expr, grid);
    return new DeduplicateAndMergeOperator(this.sc, new SelectionAggregationOperator(this.sc, e, this.planVector(e.expr, grid), param));
  }

  /**
   * A vector first argument and scalar ones after it (clamp, round), planned in argument
   * order (so their annotations merge and their explain rows list in upstream's order).
   * The operator evaluates the scalars before it reads the vector; the wrappers keep
   * upstream's argument order for errors (operand-order.ts).
   */
  private vectorThenScalars(args: readonly Expr[], grid: StepGrid): [InstantVectorOperator, ScalarOperator[]] {
    const v = new LeftOperand(this.planVector(args[0], grid), this.sc.pool);
    return [v, args.slice(1).map((a) => new RightScalarOperand(this.planScalar(a, grid), v))];
  }

  private planCall(e: Call, grid: StepGrid): Operator {
    const name = e.func.name;
    const args = e.args;
    switch (name) {
      case 'time':
        return new TimeScalarOperator(this.sc, grid);
      case 'pi':
        return new NumberLiteralOperator(this.sc, grid, Math.PI);
      case 'start':
        return new NumberLiteralOperator(this.sc, grid, this.sc.ctx.startMs / 1000);
      case 'end':
        return new NumberLiteralOperator(this.sc, grid, this.sc.ctx.endMs / 1000);
      case 'range':
        return new NumberLiteralOperator(this.sc, grid, (this.sc.ctx.endMs - this.sc.ctx.startMs) / 1000);
      case 'step':
        return new NumberLiteralOperator(this.sc, grid, this.sc.ctx.startMs === this.sc.ctx.endMs ? 0 : this.sc.ctx.stepMs / 1000);
      case 'min_of':
      case 'max_of':
        return new ScalarMinMaxOperator(this.sc, name, this.planScalar(args[0], grid), this.planScalar(args[1], grid));
      case 'vector':
        return new VectorFunctionOperator(this.sc, this.planScalar(args[0], grid));
      case 'scalar':
        return new ScalarFunctionOperator(this.sc, this.planVector(args[0], grid));
      case 'absent':
        return new AbsentOperator(this.sc, this.planVector(args[0], grid), absentLabels(args[0]));
      case 'absent_over_time':
        return new AbsentOperator(this.sc, this.planMatrix(args[0], grid), absentLabels(args[0]));
      case 'timestamp': {
        let a = args[0];
        while (a.type === 'ParenExpr') a = a.expr;
        if (a.type === 'VectorSelector' && !a.smoothed) return new VectorSelectorOperator(this.sc, grid, a, true);
        return new InstantFunctionOperator(this.sc, this.planVector(args[0], grid), [], stepTimestamps, true);
      }
      case 'clamp':
      case 'clamp_min':
      case 'clamp_max': {
        const [v, params] = this.vectorThenScalars(args, grid);
        const apply: SeriesTransform = name === 'clamp' ? clampBoth : name === 'clamp_min' ? clampMin : clampMax;
        return this.wrapDedup(new InstantFunctionOperator(this.sc, v, params, apply, true));
      }
      case 'round': {
        const [v, params] = this.vectorThenScalars(args, grid);
        return this.wrapDedup(new InstantFunctionOperator(this.sc, v, params, roundSeries, true));
      }
      case 'histogram_quantile':
      case 'histogram_fraction':
      case 'histogram_quantiles': {
        const multi = name === 'histogram_quantiles';
        const histIndex = multi ? 0 : args.length - 1;
        // In argument order (annotations of the arguments merge in that order).
        const histFirst = multi ? this.planVector(args[histIndex], grid) : null;
        const params = (multi ? args.slice(2) : args.slice(0, -1)).map((a) => this.planScalar(a, grid));
        const hist = histFirst ?? this.planVector(args[histIndex], grid);
        return new DeduplicateAndMergeOperator(this.sc, new HistogramFunctionOperator(this.sc, e, params, hist));
      }
      case 'label_replace': {
        const a = args.map(stringArg);
        const rewriter = compileLabelReplace(a[1], a[2], a[3], a[4]);
        return new DeduplicateAndMergeOperator(this.sc, new LabelFunctionOperator(this.planVector(args[0], grid), rewriter));
      }
      case 'label_join': {
        const a = args.map(stringArg);
        const rewriter = compileLabelJoin(a[1], a[2], a.slice(3));
        return new DeduplicateAndMergeOperator(this.sc, new LabelFunctionOperator(this.planVector(args[0], grid), rewriter));
      }
      case 'sort':
      case 'sort_desc':
      case 'sort_by_label':
      case 'sort_by_label_desc':
        return new SortOperator(this.sc, e, this.planVector(args[0], grid), args.slice(1).map(stringArg));
      case 'start_timestamp': {
        // start_timestamp(selector): each sample's ST; nothing without the feature or for
        // other arguments (funcStartTimestamp has no sample ST to read then).
        let a = args[0];
        while (a.type === 'ParenExpr') a = a.expr;
        if (a.type === 'VectorSelector' && !a.smoothed && this.sc.ctx.useStartTimestamps !== false) {
          return new VectorSelectorOperator(this.sc, grid, a, false, false, true);
        }
        return new EmptyVectorOperator(grid, this.planVector(args[0], grid), (d) => this.sc.pool.releaseStepData(d));
      }
      case 'info':
        return new InfoOperator(this.sc, e, this.planVector(args[0], grid));
    }
    if (NATIVE_HISTOGRAM_ONLY.has(name)) return new EmptyVectorOperator(grid, args.length > 0 ? this.planVector(args[0], grid) : null, (d) => this.sc.pool.releaseStepData(d));
    const date = Object.hasOwn(dateKernels, name) ? dateKernels[name] : undefined;
    if (date) {
      if (args.length === 0) {
        const kernel = date;
        const time = new VectorFunctionOperator(this.sc, new NumberLiteralOperator(this.sc, grid, 0));
        return new InstantFunctionOperator(this.sc, time, [], (d, _p, g) => {
          for (let i = 0; i < d.values.length; i++) d.values[i] = kernel(Math.trunc((g.startMs + i * g.stepMs) / 1000));
        }, false);
      }
      const kernel = date;
      return this.wrapDedup(new InstantFunctionOperator(this.sc, this.planVector(args[0], grid), [], (d) => applyValueKernel(d, kernel), true));
    }
    const vk = Object.hasOwn(valueKernels, name) ? valueKernels[name] : undefined;
    if (vk) return this.wrapDedup(new InstantFunctionOperator(this.sc, this.planVector(args[0], grid), [], (d) => applyValueKernel(d, vk), true));
    if (Object.hasOwn(rangeKernels, name)) return this.planRangeCall(e, grid);
    throw unsupported(`the ${name}() function`, e.range);
  }

  private wrapDedup(op: InstantVectorOperator): InstantVectorOperator {
    return this.sc.ctx.delayedNameRemoval ? op : new DeduplicateAndMergeOperator(this.sc, op);
  }

  /** Mirrors the matrix-argument branch of the Call case of eval, promql/engine.go. */
  private planRangeCall(e: Call, grid: StepGrid): InstantVectorOperator {
    const name = e.func.name;
    let matrixIndex = -1;
    for (let i = 0; i < e.args.length; i++) if (exprType(e.args[i]) === 'matrix') matrixIndex = matrixIndex < 0 ? i : matrixIndex;
    if (matrixIndex < 0) throw new RangeError(`${name}: no range-vector argument`);
    const sc = this.sc;
    let kernel = rangeKernels[name];
    let arg = e.args[matrixIndex];
    while (arg.type === 'ParenExpr') arg = arg.expr;
    if (arg.type === 'MatrixSelector' && (arg.vectorSelector.anchored || arg.vectorSelector.smoothed)) {
      // Mirrors the AnchoredSafeFunctions / SmoothedSafeFunctions checks of eval, promql/engine.go.
      const modifier = arg.vectorSelector.anchored ? 'anchored' : 'smoothed';
      const safe = modifier === 'anchored' ? ANCHORED_SAFE_FUNCTIONS : SMOOTHED_SAFE_FUNCTIONS;
      if (!safe.includes(name)) throw new PromQLError('eval', `${modifier}_not_allowed`, extendedModifierErrorMessage(modifier, name));
      kernel = modifier === 'anchored' ? anchoredRangeKernels[name] : smoothedRangeKernels[name];
    }
    // The range argument is planned first, as the naive evaluator evaluates it (so the
    // explain rows pair up). Upstream evaluates a subquery argument before the others too,
    // but the function reads its scalar arguments before the windows: the wrappers keep
    // upstream's order for errors (operand-order.ts). A selector has no errors to order.
    const planned = this.planMatrix(e.args[matrixIndex], grid);
    const subquery = arg.type === 'SubqueryExpr' && e.args.length > 1 ? new LeftRangeOperand(planned) : null;
    const params: ScalarOperator[] = [];
    for (let i = 0; i < e.args.length; i++) {
      if (i === matrixIndex) continue;
      const p = this.planScalar(e.args[i], grid);
      params.push(subquery !== null ? new RightScalarOperand(p, subquery) : p);
    }
    const inner = subquery ?? planned;
    // Mirrors the Call case of eval: only matrix selectors feed start timestamps, and
    // only to rate/irate/increase/resets (not with `smoothed`).
    // A store without any start timestamp would only fill the column with NaN (`w.st`
    // stays null then): skip carrying it.
    const storeHasST = (this.sc.ctx.storage as { readonly hasStartTimestamps?: boolean }).hasStartTimestamps !== false;
    const withST =
      storeHasST && this.sc.ctx.useStartTimestamps !== false && START_TIMESTAMP_FUNCTIONS.includes(name) && inner instanceof MatrixSelectorOperator && inner.extension !== 'smoothed';
    if (withST) (inner as MatrixSelectorOperator).carryStartTimestamps();
    let onOverlap: ((m: SeriesMeta) => void) | null = null;
    if (withST && START_TIME_OVERLAP_FUNCTIONS.includes(name) && (inner as MatrixSelectorOperator).extension === null) {
      const overlaps = sc.startTimeOverlaps;
      const range = e.args[matrixIndex].range;
      onOverlap = (m) => {
        const metric = getLabel(m.labels, METRIC_NAME);
        const found = overlaps.get(metric);
        if (found) found.count++;
        else overlaps.set(metric, { count: 1, range });
      };
    }
    const dropName = name !== 'last_over_time' && name !== 'first_over_time';
    let onStep: ((p: readonly number[]) => void) | null = null;
    let onSeries: ((m: SeriesMeta) => void) | null = null;
    if (name === 'quantile_over_time') {
      const range = e.args[0].range;
      // Mirrors funcQuantileOverTime: warned at every non-empty window with a bad φ.
      onStep = (p) => {
        const q = p[0];
        if (q !== q || q < 0 || q > 1) sc.ctx.annotations.warn(invalidQuantileMessage(q), range);
      };
    } else if (name === 'double_exponential_smoothing') {
      onStep = (p) => validateDoubleExponentialSmoothing(p[0], p[1]);
    } else if (name === 'rate' || name === 'increase') {
      const range = e.args[matrixIndex].range;
      // Mirrors the PossibleNonCounterInfo check of extrapolatedRate, promql/functions.go.
      onSeries = (m) => {
        const metricName = getLabel(m.labels, METRIC_NAME);
        if (metricName !== '' && !COUNTER_SUFFIX.test(metricName)) {
          sc.ctx.annotations.info(`metric might not be a counter, name does not end in _total/_sum/_count/_bucket: ${goQuote(metricName)}`, range);
        }
      };
    }
    if (onStep !== null && subquery !== null) {
      // Upstream checks the arguments per step only after the whole subquery argument is
      // evaluated, so an error in the rest of the subquery wins over the check's.
      const check = onStep;
      onStep = (p) => afterLeft(subquery, () => check(p));
    }
    // max/min_over_time slide a monotonic deque, rate/increase a queue of counter resets,
    // quantile_over_time a sorted window, instead of rescanning every window (only worth
    // it when there is more than one window per series).
    let sliding: SlidingKernel | null = null;
    if (kernel === rangeKernels[name] && onOverlap === null && inner.grid.stepCount > 1) {
      if (name === 'max_over_time' || name === 'min_over_time') sliding = new SlidingExtremum(this.sc.pool, name === 'max_over_time');
      else if (name === 'rate' || name === 'increase') sliding = new SlidingRate(this.sc.pool, name === 'rate');
      // Sorting in and out one sample at a time pays only while consecutive windows share
      // most of their samples (a step of at most a quarter of the range).
      else if (name === 'quantile_over_time' && inner.grid.stepMs * 4 <= inner.rangeMs) sliding = new SlidingQuantile(this.sc.pool);
    }
    const op = new RangeFunctionOperator(this.sc, inner, kernel, params, dropName, onStep, onSeries, onOverlap, sliding);
    // Without delayed name removal, upstream rejects any repeated label set here.
    return this.sc.ctx.delayedNameRemoval ? op : new DeduplicateAndMergeOperator(this.sc, op, true);
  }
}

/** The value of a string-literal argument ('' for other arguments, which are never read as strings). */
function stringArg(e: Expr): string {
  let x = e;
  while (x.type === 'ParenExpr' || x.type === 'StepInvariantExpr') x = x.expr;
  return x.type === 'StringLiteral' ? x.value : '';
}

/** Applies a one-argument float kernel to every present step, in place. */
function applyValueKernel(d: StepData, kernel: (v: number) => number): void {
  const v = d.values;
  for (let i = 0; i < v.length; i++) if (d.present[i] === 1) v[i] = kernel(v[i]);
}

const stepTimestamps: SeriesTransform = (d, _p, g) => {
  for (let i = 0; i < d.values.length; i++) if (d.present[i] === 1) d.values[i] = (g.startMs + i * g.stepMs) / 1000;
};

/** Mirrors funcClamp: an empty result at steps where max < min. */
const clampBoth: SeriesTransform = (d, p) => {
  const lo = p[0];
  const hi = p[1];
  for (let i = 0; i < d.values.length; i++) {
    if (d.present[i] === 0) continue;
    if (hi[i] < lo[i]) d.present[i] = 0;
    else d.values[i] = clampValue(d.values[i], lo[i], hi[i]);
  }
};
const clampMin: SeriesTransform = (d, p) => {
  for (let i = 0; i < d.values.length; i++) if (d.present[i] === 1) d.values[i] = clampValue(d.values[i], p[0][i], Infinity);
};
const clampMax: SeriesTransform = (d, p) => {
  for (let i = 0; i < d.values.length; i++) if (d.present[i] === 1) d.values[i] = clampValue(d.values[i], -Infinity, p[0][i]);
};
const roundSeries: SeriesTransform = (d, p) => {
  const to = p.length > 0 ? p[0] : null;
  for (let i = 0; i < d.values.length; i++) if (d.present[i] === 1) d.values[i] = roundToNearest(d.values[i], to ? to[i] : 1);
};

