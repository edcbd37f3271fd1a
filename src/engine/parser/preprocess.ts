/**
 * Query-time preprocessing of a parsed expression, mirroring Prometheus's `PreprocessExpr`
 * (promql/engine.go) and the duration visitor (promql/durations.go):
 *   1. `start()`, `end()`, `range()`, `step()` calls become number literals;
 *   2. duration expressions that need the query (`[step()]`, `offset range()`) are resolved
 *      into the owning node's `…Ms` fields;
 *   3. `@ start()` / `@ end()` get their timestamps;
 *   4. step-invariant sub-trees are wrapped in StepInvariantExpr at the highest level, and
 *      parentheses around call/aggregation arguments are removed, as upstream does.
 * Also: {@link addAtModifier}, the promqltest harness's `@`-invariance rewrite.
 *
 * Inputs are never mutated; a new tree is returned.
 */
import { PromQLError } from '../model/errors.ts';
import type {
  AggregateExpr, BinaryExpr, Call, DurationExpr, Expr, MatrixSelector, NumberLiteral, SubqueryExpr, VectorSelector,
} from './ast.ts';

/** The query's time frame, in ms. An instant query has startMs === endMs (its step is then 0). */
export interface QueryFrame {
  readonly startMs: number;
  readonly endMs: number;
  readonly stepMs: number;
}

/**
 * Functions whose value depends on the evaluation time even when their arguments do not
 * (Prometheus `AtModifierUnsafeFunctions`, promql/functions.go).
 */
export const AT_MODIFIER_UNSAFE_FUNCTIONS: ReadonlySet<string> = new Set([
  'days_in_month', 'day_of_month', 'day_of_week', 'day_of_year', 'end', 'hour', 'minute', 'month', 'year',
  'predict_linear', 'range', 'start', 'step', 'time', 'timestamp',
]);

const MAX_DURATION_SECONDS = 2 ** 63 / 1e9;

function durationError(d: DurationExpr, what: string): PromQLError {
  return new PromQLError('eval', 'bad_duration', `${d.range.from}:${d.range.to}: ${what}`, d.range);
}

/** Mirrors evaluateDurationExpr (promql/durations.go): the value in seconds. */
function evaluateDuration(d: DurationExpr, stepS: number, rangeS: number): number {
  switch (d.op) {
    case 'num': return d.valueMs! / 1000;
    case 'step': return stepS;
    case 'range': return rangeS;
    case 'paren': return evaluateDuration(d.rhs!, stepS, rangeS);
    case 'neg': return -evaluateDuration(d.rhs!, stepS, rangeS);
  }
  const a = evaluateDuration(d.lhs!, stepS, rangeS);
  const b = evaluateDuration(d.rhs!, stepS, rangeS);
  switch (d.op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/':
      if (b === 0) throw durationError(d, 'division by zero');
      return a / b;
    case '%':
      if (b === 0) throw durationError(d, 'modulo by zero');
      return a % b;
    case '^': return Math.pow(a, b);
    case 'min_of': return Math.min(a, b);
    case 'max_of': return Math.max(a, b);
  }
  throw new PromQLError('internal', 'internal', `unexpected duration expression operator ${JSON.stringify(d.op)}`);
}

/** Mirrors calculateDuration: seconds → whole ms, with upstream's checks and messages. */
function calculateDuration(d: DurationExpr, allowNegative: boolean, frame: QueryFrame): number {
  const stepS = frame.startMs === frame.endMs ? 0 : frame.stepMs / 1000;
  const v = evaluateDuration(d, stepS, (frame.endMs - frame.startMs) / 1000);
  if (!Number.isFinite(v)) throw durationError(d, 'duration is NaN or infinite');
  if (v <= 0 && !allowNegative) throw durationError(d, 'duration must be greater than 0');
  if (Math.abs(v) > MAX_DURATION_SECONDS) throw durationError(d, 'duration is out of range');
  return Math.trunc(v * 1000);
}

function resolveSelector(vs: VectorSelector, frame: QueryFrame): VectorSelector {
  if (vs.offsetExpr === null) return vs;
  return { ...vs, offsetMs: calculateDuration(vs.offsetExpr, true, frame), offsetExpr: null, offsetSource: vs.offsetExpr };
}

/** Step 1 and 2: folds query-context calls and resolves duration expressions. */
function foldAndResolve(e: Expr, frame: QueryFrame): Expr {
  switch (e.type) {
    case 'Call': {
      const lit = queryContextValue(e, frame);
      if (lit !== null) return lit;
      return { ...e, args: e.args.map((a) => foldAndResolve(a, frame)) };
    }
    case 'BinaryExpr':
      return { ...e, lhs: foldAndResolve(e.lhs, frame), rhs: foldAndResolve(e.rhs, frame) };
    case 'AggregateExpr':
      return { ...e, expr: foldAndResolve(e.expr, frame), param: e.param === null ? null : foldAndResolve(e.param, frame) };
    case 'UnaryExpr':
    case 'ParenExpr':
    case 'StepInvariantExpr':
      return { ...e, expr: foldAndResolve(e.expr, frame) };
    case 'SubqueryExpr': {
      const s: { -readonly [K in keyof SubqueryExpr]: SubqueryExpr[K] } = { ...e, expr: foldAndResolve(e.expr, frame) };
      if (e.offsetExpr !== null) {
        s.offsetMs = calculateDuration(e.offsetExpr, true, frame);
        s.offsetSource = e.offsetExpr;
        s.offsetExpr = null;
      }
      if (e.stepExpr !== null) {
        s.stepMs = calculateDuration(e.stepExpr, false, frame);
        s.stepSource = e.stepExpr;
        s.stepExpr = null;
      }
      if (e.rangeExpr !== null) {
        s.rangeMs = calculateDuration(e.rangeExpr, false, frame);
        s.rangeSource = e.rangeExpr;
        s.rangeExpr = null;
      }
      return s;
    }
    case 'MatrixSelector': {
      const vs = resolveSelector(e.vectorSelector, frame);
      if (e.rangeExpr === null) return vs === e.vectorSelector ? e : { ...e, vectorSelector: vs };
      return { ...e, vectorSelector: vs, rangeMs: calculateDuration(e.rangeExpr, false, frame), rangeExpr: null, rangeSource: e.rangeExpr };
    }
    case 'VectorSelector':
      return resolveSelector(e, frame);
    case 'NumberLiteral':
    case 'StringLiteral':
      return e;
  }
}

/** Mirrors foldQueryContextFunctions: start()/end()/range()/step() as literals (seconds). */
function queryContextValue(c: Call, frame: QueryFrame): NumberLiteral | null {
  let v: number;
  switch (c.func.name) {
    case 'start': v = frame.startMs / 1000; break;
    case 'end': v = frame.endMs / 1000; break;
    case 'range': v = (frame.endMs - frame.startMs) / 1000; break;
    case 'step': v = frame.startMs === frame.endMs ? 0 : frame.stepMs / 1000; break;
    default: return null;
  }
  return { type: 'NumberLiteral', value: v, duration: false, range: c.range };
}

function stepInvariant(e: Expr): Expr {
  return { type: 'StepInvariantExpr', expr: e, range: e.range };
}

function unwrapParens(e: Expr): Expr {
  while (e.type === 'ParenExpr') e = e.expr;
  return e;
}

interface Wrapped {
  readonly expr: Expr;
  /** The whole sub-expression is step invariant. */
  readonly invariant: boolean;
  /** It should be wrapped if its parent is not invariant (false for matrices and strings). */
  readonly shouldWrap: boolean;
}

/** Mirrors preprocessExprHelper (promql/engine.go). */
function wrapInvariants(e: Expr, frame: QueryFrame): Wrapped {
  switch (e.type) {
    case 'VectorSelector': {
      const vs = withStartOrEnd(e, frame);
      const at = vs.timestampMs !== null;
      return { expr: vs, invariant: at, shouldWrap: at };
    }
    case 'AggregateExpr': {
      const inner = wrapInvariants(unwrapParens(e.expr), frame);
      const param = e.param === null ? null : wrapInvariants(unwrapParens(e.param), frame).expr;
      const agg: AggregateExpr = { ...e, expr: inner.expr, param };
      return { expr: agg, invariant: inner.invariant, shouldWrap: inner.shouldWrap };
    }
    case 'BinaryExpr': {
      const l = wrapInvariants(e.lhs, frame);
      const r = wrapInvariants(e.rhs, frame);
      if (l.invariant && r.invariant) return { expr: { ...e, lhs: l.expr, rhs: r.expr }, invariant: true, shouldWrap: true };
      const b: BinaryExpr = {
        ...e,
        lhs: l.shouldWrap ? stepInvariant(l.expr) : l.expr,
        rhs: r.shouldWrap ? stepInvariant(r.expr) : r.expr,
      };
      return { expr: b, invariant: false, shouldWrap: false };
    }
    case 'Call': {
      let invariant = !AT_MODIFIER_UNSAFE_FUNCTIONS.has(e.func.name);
      // timestamp(metric @ t) is invariant although timestamp() is at-modifier unsafe.
      let timestampOfInvariantSelectors = e.func.name === 'timestamp';
      const args = e.args.map((a) => wrapInvariants(unwrapParens(a), frame));
      for (const a of args) {
        invariant = invariant && a.invariant;
        if (!a.invariant || a.expr.type !== 'VectorSelector') timestampOfInvariantSelectors = false;
      }
      if (invariant || timestampOfInvariantSelectors) {
        return { expr: { ...e, args: args.map((a) => a.expr) }, invariant: true, shouldWrap: true };
      }
      return { expr: { ...e, args: args.map((a) => (a.shouldWrap ? stepInvariant(a.expr) : a.expr)) }, invariant: false, shouldWrap: false };
    }
    case 'MatrixSelector': {
      const inner = wrapInvariants(e.vectorSelector, frame);
      const m: MatrixSelector = { ...e, vectorSelector: inner.expr as VectorSelector };
      return { expr: m, invariant: inner.invariant, shouldWrap: false };
    }
    case 'SubqueryExpr': {
      // The inside is wrapped whenever invariant (so it runs once w.r.t. the subquery's
      // start); the subquery itself never is.
      const inner = wrapInvariants(e.expr, frame);
      const s = withStartOrEnd({ ...e, expr: inner.invariant ? stepInvariant(inner.expr) : inner.expr }, frame);
      return { expr: s, invariant: s.timestampMs !== null, shouldWrap: false };
    }
    case 'ParenExpr':
    case 'UnaryExpr': {
      const inner = wrapInvariants(e.expr, frame);
      return { expr: { ...e, expr: inner.expr }, invariant: inner.invariant, shouldWrap: inner.shouldWrap };
    }
    case 'StringLiteral':
    case 'NumberLiteral':
      return { expr: e, invariant: true, shouldWrap: false };
    case 'StepInvariantExpr':
      return { expr: e, invariant: true, shouldWrap: false };
  }
}

function withStartOrEnd<T extends VectorSelector | SubqueryExpr>(n: T, frame: QueryFrame): T {
  if (n.startOrEnd === 'start') return { ...n, timestampMs: frame.startMs };
  if (n.startOrEnd === 'end') return { ...n, timestampMs: frame.endMs };
  return n;
}

/**
 * Prepares a parsed expression for evaluation over `frame` (Prometheus `PreprocessExpr`).
 * After this, no DurationExpr is left in `rangeExpr`/`stepExpr`/`offsetExpr`, every
 * `@ start()`/`@ end()` has its `timestampMs`, and step-invariant sub-trees are wrapped.
 *
 * @throws PromQLError kind `eval`, code `bad_duration`, for a duration expression that is
 *   not positive (ranges, steps), not finite, out of range or divides by zero, with
 *   upstream's `<from>:<to>: <message>` text.
 */
export function preprocessExpr(expr: Expr, frame: QueryFrame): Expr {
  const resolved = foldAndResolve(expr, frame);
  const w = wrapInvariants(resolved, frame);
  return w.shouldWrap ? stepInvariant(w.expr) : w.expr;
}

/**
 * The promqltest `@`-invariance rewrite (atModifierTestCases, promql/promqltest/test.go):
 * sets `@ tMs` on every vector selector, matrix selector and subquery that has no `@`
 * timestamp yet, without descending into any subquery (which, once it carries `@`, fixes
 * its inside). A `@ start()`/`@ end()` without a timestamp is replaced, as upstream's
 * print-and-reparse does.
 */
export function addAtModifier(expr: Expr, tMs: number): Expr {
  switch (expr.type) {
    case 'VectorSelector':
      return expr.timestampMs === null ? { ...expr, timestampMs: tMs, startOrEnd: null } : expr;
    case 'MatrixSelector': {
      const vs = expr.vectorSelector;
      return vs.timestampMs === null ? { ...expr, vectorSelector: { ...vs, timestampMs: tMs, startOrEnd: null } } : expr;
    }
    case 'SubqueryExpr':
      return expr.timestampMs === null ? { ...expr, timestampMs: tMs, startOrEnd: null } : expr;
    case 'AggregateExpr':
      return { ...expr, expr: addAtModifier(expr.expr, tMs), param: expr.param === null ? null : addAtModifier(expr.param, tMs) };
    case 'BinaryExpr':
      return { ...expr, lhs: addAtModifier(expr.lhs, tMs), rhs: addAtModifier(expr.rhs, tMs) };
    case 'Call':
      return { ...expr, args: expr.args.map((a) => addAtModifier(a, tMs)) };
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'StepInvariantExpr':
      return { ...expr, expr: addAtModifier(expr.expr, tMs) };
    case 'NumberLiteral':
    case 'StringLiteral':
      return expr;
  }
}

/**
 * True when the harness must skip the `@`-invariance runs for `expr`: it calls one of
 * AtModifierUnsafeFunctions outside any subquery (as atModifierTestCases decides).
 */
export function callsAtModifierUnsafeFunction(expr: Expr): boolean {
  switch (expr.type) {
    case 'Call':
      return AT_MODIFIER_UNSAFE_FUNCTIONS.has(expr.func.name) || expr.args.some(callsAtModifierUnsafeFunction);
    case 'AggregateExpr':
      return callsAtModifierUnsafeFunction(expr.expr) || (expr.param !== null && callsAtModifierUnsafeFunction(expr.param));
    case 'BinaryExpr':
      return callsAtModifierUnsafeFunction(expr.lhs) || callsAtModifierUnsafeFunction(expr.rhs);
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'StepInvariantExpr':
      return callsAtModifierUnsafeFunction(expr.expr);
    default:
      // Not inside subqueries: once the rewrite puts `@` on a subquery, upstream's walk
      // skips everything below it.
      return false;
  }
}
