/**
 * Whether an instant query's result order is defined by the query, for both evaluators'
 * result `ordered` flag (range results are always sorted by labels instead).
 */
import type { Expr } from '../parser/ast.ts';

/**
 * True when the top of the expression (under parentheses) defines the output order of
 * an instant query: sort, sort_desc, sort_by_label, sort_by_label_desc, topk, bottomk.
 */
export function isOrderedTop(e: Expr): boolean {
  while (e.type === 'ParenExpr' || e.type === 'StepInvariantExpr') e = e.expr;
  if (e.type === 'Call') return e.func.name === 'sort' || e.func.name === 'sort_desc' || e.func.name === 'sort_by_label' || e.func.name === 'sort_by_label_desc';
  if (e.type === 'AggregateExpr') return e.op === 'topk' || e.op === 'bottomk';
  return false;
}
