/**
 * The experimental `info(v [, data-label-selector])` function in the naive evaluator:
 * evaluates the base vector whole, then the info series it needs (with their sample
 * times) whole, and joins them with the shared label logic of kernels/info-labels.ts.
 * Mirrors evalInfo, promql/info.go.
 */
import type { Call } from '../parser/ast.ts';
import { labelsKey } from '../model/labels.ts';
import { combineWithInfoSeries, planInfo, type InfoDataSeries } from '../kernels/info-labels.ts';
import type { Grid } from './grid.ts';
import type { NaiveEvaluator } from './evaluator.ts';
import { OutputCollector } from './output-collector.ts';
import { evalVectorSelector } from './selectors.ts';
import type { NVector } from './values.ts';

export function evalInfo(ev: NaiveEvaluator, e: Call, g: Grid): NVector {
  const base = ev.eval(e.args[0], g);
  if (base.kind !== 'vector') throw new RangeError('info over a non-vector');
  let infoVec: NVector | null = null;
  try {
    const plan = planInfo(e, base.series.map((s) => s.labels));
    const infos: InfoDataSeries[] = [];
    if (plan.infoSelector) {
      const r = evalVectorSelector(ev, plan.infoSelector, g, true);
      infoVec = r.vector;
      infoVec.series.forEach((s, k) => infos.push({ labels: s.labels, present: s.present, sampleTimes: r.sampleTimes[k] }));
    }
    const out = new OutputCollector(ev, g.n, 'info output');
    combineWithInfoSeries(plan, g.n, base.series, infos, (labels, dropName, i, v) => {
      out.put(out.get(labels, dropName, labelsKey(labels)), i, v, dropName);
    });
    return out.finish();
  } finally {
    ev.acc.releaseValue(base);
    if (infoVec) ev.acc.releaseValue(infoVec);
  }
}
