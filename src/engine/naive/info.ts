/**
 * The experimental `info(v [, data-label-selector])` function in the naive evaluator:
 * adds the data labels of matching info series (default `target_info`), joined on the
 * identifying labels `instance` and `job`. Mirrors evalInfo, fetchInfoSeries,
 * combineWithInfoSeries and combineWithInfoVector, promql/info.go.
 */
import type { Call, Expr, VectorSelector } from '../parser/ast.ts';
import type { Labels } from '../model/labels.ts';
import { LabelsBuilder, METRIC_NAME, getLabel, labelsKey } from '../model/labels.ts';
import type { Matcher } from '../model/matcher.ts';
import { newMatcher } from '../model/matcher.ts';
import { PromQLError } from '../model/errors.ts';
import { goLabelsString } from '../kernels/vector-matching.ts';
import type { Grid } from './grid.ts';
import type { NaiveEvaluator } from './evaluator.ts';
import { OutputCollector } from './output-collector.ts';
import { evalVectorSelector } from './selectors.ts';
import type { NVector } from './values.ts';

const TARGET_INFO = 'target_info';
const IDENTIFYING = ['instance', 'job'];

/** The `@` time and total offset of the first selector in `e` (infoSelectTimestampAndOffset). */
function selectTimestampAndOffset(e: Expr): { ts: number | null; offsetMs: number } {
  const path: Expr[] = [];
  let found: { ts: number | null; offsetMs: number } | null = null;
  const visit = (n: Expr): void => {
    if (found) return;
    if (n.type === 'VectorSelector') {
      let ts = n.timestampMs;
      let offsetMs = n.offsetMs;
      for (let i = path.length - 1; ts === null && i >= 0; i--) {
        const p = path[i];
        if (p.type === 'SubqueryExpr') {
          offsetMs += p.offsetMs;
          ts = p.timestampMs;
        }
      }
      found = { ts, offsetMs };
      return;
    }
    path.push(n);
    switch (n.type) {
      case 'MatrixSelector': visit(n.vectorSelector); break;
      case 'BinaryExpr': visit(n.lhs); visit(n.rhs); break;
      case 'Call': for (const a of n.args) visit(a); break;
      case 'AggregateExpr': if (n.param) visit(n.param); visit(n.expr); break;
      case 'ParenExpr': case 'UnaryExpr': case 'SubqueryExpr': case 'StepInvariantExpr': visit(n.expr); break;
    }
    path.pop();
  };
  visit(e);
  return found ?? { ts: null, offsetMs: 0 };
}

function effectiveNameMatchers(matchers: Matcher[]): Matcher[] {
  for (const m of matchers) if (m.type === '=' || m.type === '=~') return matchers;
  if (matchers.length > 0) return [newMatcher('=~', METRIC_NAME, '.+_info'), ...matchers];
  return [newMatcher('=', METRIC_NAME, TARGET_INFO)];
}

function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

export function evalInfo(ev: NaiveEvaluator, e: Call, g: Grid): NVector {
  const { ts: nodeTs, offsetMs } = selectTimestampAndOffset(e.args[0]);
  const base = ev.eval(e.args[0], g);
  if (base.kind !== 'vector') throw new RangeError('info over a non-vector');
  let infoVec: NVector | null = null;
  try {
    const dataMatchers = new Map<string, Matcher[]>();
    let nameMatchers: Matcher[] = [];
    if (e.args.length > 1) {
      let sel = e.args[1];
      while (sel.type === 'ParenExpr' || sel.type === 'StepInvariantExpr') sel = sel.expr;
      for (const m of (sel as VectorSelector).matchers) {
        const list = dataMatchers.get(m.name) ?? [];
        list.push(m);
        dataMatchers.set(m.name, list);
        if (m.name === METRIC_NAME) nameMatchers.push(m);
      }
    } else nameMatchers = [newMatcher('=', METRIC_NAME, TARGET_INFO)];
    const effective = effectiveNameMatchers(nameMatchers);
    const ignored = base.series.map((s) => {
      const name = getLabel(s.labels, METRIC_NAME);
      return effective.every((m) => m.matches(name));
    });

    // fetchInfoSeries
    const idValues = new Map<string, Set<string>>();
    base.series.forEach((s, k) => {
      if (ignored[k]) return;
      for (const l of IDENTIFYING) {
        const v = getLabel(s.labels, l);
        if (v === '') continue;
        let set = idValues.get(l);
        if (!set) idValues.set(l, (set = new Set()));
        set.add(v);
      }
    });
    const infoNameMatchers: Matcher[] = [];
    const selectors: Matcher[] = [];
    for (const ms of dataMatchers.values()) {
      for (const m of ms) {
        if (m.name === METRIC_NAME) infoNameMatchers.push(m);
        else selectors.push(m);
      }
    }
    dataMatchers.delete(METRIC_NAME);
    let infoTimes: Float64Array[] = [];
    if (idValues.size > 0) {
      const matchers: Matcher[] = [];
      for (const [name, vals] of idValues) matchers.push(newMatcher('=~', name, [...vals].map(quoteMeta).join('|')));
      matchers.push(...selectors, ...effectiveNameMatchers(infoNameMatchers));
      const vs: VectorSelector = {
        type: 'VectorSelector', name: '', matchers, offsetMs, offsetExpr: null, timestampMs: nodeTs, startOrEnd: null,
        anchored: false, smoothed: false, range: e.range,
      };
      const r = evalVectorSelector(ev, vs, g, true);
      infoVec = r.vector;
      infoTimes = r.sampleTimes;
    }

    // combineWithInfoSeries
    const infos = infoVec?.series ?? [];
    const infoNames: string[] = [];
    for (const s of infos) {
      const n = getLabel(s.labels, METRIC_NAME);
      if (!infoNames.includes(n)) infoNames.push(n);
    }
    const sigOf = (name: string, labels: Labels): string => {
      let sig = name;
      for (const l of IDENTIFYING) sig += '\u0000' + getLabel(labels, l);
      return sig;
    };
    const infoSigs = infos.map((s) => sigOf(getLabel(s.labels, METRIC_NAME), s.labels));
    const baseSigs = base.series.map((s) => infoNames.map((n) => sigOf(n, s.labels)));
    const allMatchEmpty = [...dataMatchers.values()].every((ms) => ms.every((m) => m.matches('')));
    const out = new OutputCollector(ev, g.n, 'info output');
    const bySig = new Map<string, number>();
    for (let i = 0; i < g.n; i++) {
      let anyBase = false;
      for (const s of base.series) if (s.present[i] !== 0) { anyBase = true; break; }
      if (!anyBase) continue;
      bySig.clear();
      for (let k = 0; k < infos.length; k++) {
        if (infos[k].present[i] === 0) continue;
        const origT = infoTimes[k][i];
        const sig = infoSigs[k];
        const existing = bySig.get(sig);
        if (existing === undefined) bySig.set(sig, k);
        else {
          const existingT = infoTimes[existing][i];
          if (existingT < origT) bySig.set(sig, k);
          else if (existingT === origT) {
            throw new PromQLError('eval', 'duplicate_info_series',
              `found duplicate series for info metric: existing ${goLabelsString(infos[existing].labels)} @ ${existingT}, new ${goLabelsString(infos[k].labels)} @ ${origT}`);
          }
        }
      }
      for (let b = 0; b < base.series.length; b++) {
        const bs = base.series[b];
        if (bs.present[i] === 0) continue;
        if (ignored[b]) {
          out.put(out.get(bs.labels, bs.dropName), i, bs.values[i], bs.dropName);
          continue;
        }
        const added = new LabelsBuilder();
        let seen = 0;
        for (let n = 0; n < infoNames.length; n++) {
          const k = bySig.get(baseSigs[b][n]);
          if (k === undefined) continue;
          for (const l of infos[k].labels) {
            if (l.name === METRIC_NAME) continue;
            if (dataMatchers.size > 0 && !dataMatchers.has(l.name)) continue;
            const have = added.get(l.name);
            if (have !== '' && have !== l.value) throw new PromQLError('eval', 'conflicting_label', `conflicting label: ${l.name}`);
            if (getLabel(bs.labels, l.name) !== '') continue;
            added.set(l.name, l.value);
          }
          seen++;
        }
        if (seen === 0 && !allMatchEmpty) continue;
        const lb = new LabelsBuilder(bs.labels);
        for (const l of added.build()) lb.set(l.name, l.value);
        const labels = lb.build();
        out.put(out.get(labels, bs.dropName, labelsKey(labels)), i, bs.values[i], bs.dropName);
      }
    }
    return out.finish();
  } finally {
    ev.acc.releaseValue(base);
    if (infoVec) ev.acc.releaseValue(infoVec);
  }
}
