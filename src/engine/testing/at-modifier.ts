/**
 * The `@`-invariance runs of promqltest (FORMAT.md §7.2.3), mirroring
 * `atModifierTestCases` of promql/promqltest/test.go. The rewrite itself (add `@ T` to
 * every selector and subquery that has none, without entering subqueries) and the
 * unsafe-function check are the parser's `addAtModifier` and
 * `callsAtModifierUnsafeFunction` (parser/preprocess.ts); this module adds the times.
 */
import type { Expr } from '../parser/ast.ts';
import { addAtModifier, callsAtModifierUnsafeFunction } from '../parser/preprocess.ts';

/** The expression with `@ atMs` added, or null when it calls an `@`-unsafe function outside subqueries. */
export function atModifierRewrite(expr: Expr, atMs: number): Expr | null {
  return callsAtModifierUnsafeFunction(expr) ? null : addAtModifier(expr, atMs);
}

/** The extra evaluation times: {-10T, 0, T/5, T, 10T} (ms, Go integer division), or {-1000, 0, 1000} for T = 0. */
export function atModifierEvalTimes(tMs: number): number[] {
  if (tMs === 0) return [-1000, 0, 1000];
  return [-10 * tMs, 0, Math.trunc(tMs / 5), tMs, 10 * tMs];
}
