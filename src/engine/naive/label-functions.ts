/**
 * label_replace and label_join in the naive evaluator: the shared kernels rewrite each
 * series' labels, then series that end up with the same labels are merged (failing
 * when two of them have a value at the same step). Mirrors evalLabelReplace /
 * evalLabelJoin, promql/functions.go.
 */
import type { Call, StringLiteral } from '../parser/ast.ts';
import { METRIC_NAME } from '../model/labels.ts';
import { compileLabelJoin, compileLabelReplace } from '../kernels/label-functions.ts';
import type { LabelJoiner, LabelReplacer } from '../kernels/label-functions.ts';
import { mergeSeriesWithSameLabelset } from '../kernels/name-dropping.ts';
import type { Grid } from './grid.ts';
import type { NaiveEvaluator } from './evaluator.ts';
import type { NSeries, NVector } from './values.ts';

function str(e: Call, i: number): string {
  return (e.args[i] as StringLiteral).value;
}

export function evalLabelReplace(ev: NaiveEvaluator, e: Call, g: Grid): NVector {
  // Compiling first raises the argument errors before anything is evaluated, as upstream.
  const replacer = compileLabelReplace(str(e, 1), str(e, 2), str(e, 3), str(e, 4));
  return rewrite(ev, e, g, replacer, true);
}

export function evalLabelJoin(ev: NaiveEvaluator, e: Call, g: Grid): NVector {
  const srcs: string[] = [];
  for (let i = 3; i < e.args.length; i++) srcs.push(str(e, i));
  return rewrite(ev, e, g, compileLabelJoin(str(e, 1), str(e, 2), srcs), false);
}

/** Applies the rewrite; label_replace leaves a series (and its name mark) alone when the regex does not match. */
function rewrite(ev: NaiveEvaluator, e: Call, g: Grid, f: LabelReplacer | LabelJoiner, onlyOnMatch: boolean): NVector {
  const v = ev.eval(e.args[0], g);
  if (v.kind !== 'vector') throw new RangeError(`${e.func.name} over a non-vector`);
  for (const s of v.series) {
    const next = f.apply(s.labels);
    if (onlyOnMatch && next === s.labels) continue;
    s.labels = next;
    if (f.dst === METRIC_NAME) s.dropName = false;
  }
  const merged = mergeSeriesWithSameLabelset<NSeries>(v.series, (s) => ev.acc.releaseSeries(s));
  for (const s of merged) ev.acc.sealSeries(s);
  return { kind: 'vector', series: merged };
}
