/**
 * The `@`-invariance runs of promqltest (FORMAT.md §7.2.3). Mirrors `atModifierTestCases`
 * and `hasAtModifier` of promql/promqltest/test.go: every vector selector, matrix
 * selector and subquery without `@` gets `@ <eval time>`; nothing below a subquery that
 * has an `@` (including the ones just given one) is touched or inspected; a call of an
 * `@`-unsafe function outside such subqueries disables the extra runs.
 */
import type { Expr, SubqueryExpr, VectorSelector } from '../parser/ast.ts';

/**
 * Functions whose result depends on the evaluation time even with step-invariant
 * arguments (promql.AtModifierUnsafeFunctions plus the query-context functions).
 */
export const AT_MODIFIER_UNSAFE_FUNCTIONS: ReadonlySet<string> = new Set([
  'days_in_month', 'day_of_month', 'day_of_week', 'day_of_year', 'hour', 'minute', 'month', 'year',
  'predict_linear', 'time', 'timestamp', 'start', 'end', 'range', 'step',
]);

/** The expression with `@ atMs` added, or null when it calls an `@`-unsafe function. */
export function addAtModifierForTest(expr: Expr, atMs: number): Expr | null {
  let unsafe = false;
  const withAt = (vs: VectorSelector): VectorSelector => (vs.timestampMs === null ? { ...vs, timestampMs: atMs, startOrEnd: null } : vs);
  const visit = (e: Expr): Expr => {
    switch (e.type) {
      case 'VectorSelector':
        return withAt(e);
      case 'MatrixSelector':
        return { ...e, vectorSelector: withAt(e.vectorSelector) };
      case 'SubqueryExpr': {
        // Below a subquery that carries `@` nothing changes and nothing is inspected.
        if (e.timestampMs !== null) return e;
        const s: SubqueryExpr = { ...e, timestampMs: atMs, startOrEnd: null };
        return s;
      }
      case 'Call':
        if (AT_MODIFIER_UNSAFE_FUNCTIONS.has(e.func.name)) unsafe = true;
        return { ...e, args: e.args.map(visit) };
      case 'AggregateExpr':
        return { ...e, expr: visit(e.expr), param: e.param === null ? null : visit(e.param) };
      case 'BinaryExpr':
        return { ...e, lhs: visit(e.lhs), rhs: visit(e.rhs) };
      case 'ParenExpr':
      case 'UnaryExpr':
      case 'StepInvariantExpr':
        return { ...e, expr: visit(e.expr) } as Expr;
      case 'NumberLiteral':
      case 'StringLiteral':
        return e;
    }
  };
  const out = visit(expr);
  return unsafe ? null : out;
}

/** The extra evaluation times: {-10T, 0, T/5, T, 10T} (ms, Go integer division), or {-1000, 0, 1000} for T = 0. */
export function atModifierEvalTimes(tMs: number): number[] {
  if (tMs === 0) return [-1000, 0, 1000];
  return [-10 * tMs, 0, Math.trunc(tMs / 5), tMs, 10 * tMs];
}
