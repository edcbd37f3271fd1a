/**
 * Labels of the absent()/absent_over_time() output, shared by both evaluators.
 */
import type { Expr } from '../parser/ast.ts';
import { LabelsBuilder, METRIC_NAME, type Labels } from '../model/labels.ts';

/**
 * The labels a selector argument pins down with equality matchers; a label matched more
 * than once, or by another matcher type, is left out; anything that is not a selector
 * gives `{}`. Mirrors createLabelsForAbsentFunction, promql/functions.go.
 */
export function absentLabels(arg: Expr): Labels {
  let e = arg;
  while (e.type === 'ParenExpr' || e.type === 'StepInvariantExpr') e = e.expr;
  const matchers = e.type === 'VectorSelector' ? e.matchers : e.type === 'MatrixSelector' ? e.vectorSelector.matchers : null;
  if (!matchers) return [];
  const b = new LabelsBuilder();
  const has = new Set<string>();
  for (const m of matchers) {
    if (m.name === METRIC_NAME) continue;
    if (m.type === '=' && !has.has(m.name)) {
      b.set(m.name, m.value);
      has.add(m.name);
    } else b.delete(m.name);
  }
  return b.build();
}
