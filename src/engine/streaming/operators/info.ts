/**
 * The experimental `info(v [, data-label-selector])` function: adds the data labels of
 * matching info series (default `target_info`), joined on the identifying labels
 * `instance` and `job`. Mirrors evalInfo, fetchInfoSeries, combineWithInfoSeries and
 * combineWithInfoVector, promql/info.go.
 *
 * BUFFERS: the output label set of a series can change from step to step (it depends on
 * which info series is current), and the info series to fetch depend on the identifying
 * labels of every base series that has a value. So seriesMetadata() drains the base
 * vector, then fetches the info series one at a time (their sample times, for picking
 * the newest of duplicates), and builds the output series; nextSeries() hands them over
 * (caller owns them).
 */
import type { Call, Expr, VectorSelector } from '../../parser/ast.ts';
import { LabelsBuilder, METRIC_NAME, getLabel, labelsKey, type Labels } from '../../model/labels.ts';
import { newMatcher, type Matcher } from '../../model/matcher.ts';
import { PromQLError } from '../../model/errors.ts';
import { goLabelsString } from '../../kernels/vector-matching.ts';
import { sameLabelsetError } from '../../kernels/name-dropping.ts';
import type { InstantVectorOperator, SeriesMeta, StepData } from '../operator.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';
import { VectorSelectorOperator } from './vector-selector.ts';

const TARGET_INFO = 'target_info';
const IDENTIFYING = ['instance', 'job'];

/** The `@` time and total offset of the first selector in `e` (infoSelectTimestampAndOffset, info.go). */
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
      default: break;
    }
    path.pop();
  };
  visit(e);
  return found ?? { ts: null, offsetMs: 0 };
}

/** The name matchers info() selects info series with. */
function effectiveNameMatchers(matchers: Matcher[]): Matcher[] {
  for (const m of matchers) if (m.type === '=' || m.type === '=~') return matchers;
  if (matchers.length > 0) return [newMatcher('=~', METRIC_NAME, '.+_info'), ...matchers];
  return [newMatcher('=', METRIC_NAME, TARGET_INFO)];
}

/** Go's regexp.QuoteMeta. */
function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

interface Held {
  labels: Labels;
  dropName: boolean;
  data: StepData;
}

export class InfoOperator implements InstantVectorOperator {
  readonly kind = 'vector' as const;
  readonly grid: StepGrid;
  private output: (Held | null)[] = [];
  private nextOut = 0;
  private held: StepData[] = [];

  constructor(private readonly sc: StreamingContext, private readonly node: Call, private readonly base: InstantVectorOperator) {
    this.grid = base.grid;
  }

  seriesMetadata(): SeriesMeta[] {
    const pool = this.sc.pool;
    const n = this.grid.stepCount;
    const e = this.node;
    const { ts: nodeTs, offsetMs } = selectTimestampAndOffset(e.args[0]);
    // The base vector: only series with a value take part (as the materialized vector upstream).
    const baseMeta = this.base.seriesMetadata();
    const base: Held[] = [];
    for (const m of baseMeta) {
      const d = this.base.nextSeries();
      let any = false;
      for (let i = 0; i < n; i++) if (d.present[i] === 1) { any = true; break; }
      if (!any) {
        pool.releaseStepData(d);
        continue;
      }
      this.held.push(d);
      base.push({ labels: m.labels, dropName: m.dropName, data: d });
    }
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
    const ignored = base.map((s) => {
      const name = getLabel(s.labels, METRIC_NAME);
      return effective.every((m) => m.matches(name));
    });
    // fetchInfoSeries
    const idValues = new Map<string, Set<string>>();
    base.forEach((s, k) => {
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
    const infos: Held[] = [];
    if (idValues.size > 0) {
      const matchers: Matcher[] = [];
      for (const [name, vals] of idValues) matchers.push(newMatcher('=~', name, [...vals].map(quoteMeta).join('|')));
      matchers.push(...selectors, ...effectiveNameMatchers(infoNameMatchers));
      const vs: VectorSelector = {
        type: 'VectorSelector', name: '', matchers, offsetMs, offsetExpr: null, timestampMs: nodeTs, startOrEnd: null,
        anchored: false, smoothed: false, range: e.range,
      };
      const sel = new VectorSelectorOperator(this.sc, this.grid, vs, false, true);
      try {
        for (const m of sel.seriesMetadata()) {
          const d = sel.nextSeries();
          this.held.push(d);
          infos.push({ labels: m.labels, dropName: false, data: d });
        }
      } finally {
        sel.close();
      }
    }
    // combineWithInfoSeries
    const infoNames: string[] = [];
    for (const s of infos) {
      const name = getLabel(s.labels, METRIC_NAME);
      if (!infoNames.includes(name)) infoNames.push(name);
    }
    const sigOf = (name: string, labels: Labels): string => {
      let sig = name;
      for (const l of IDENTIFYING) sig += '\u0000' + getLabel(labels, l);
      return sig;
    };
    const infoSigs = infos.map((s) => sigOf(getLabel(s.labels, METRIC_NAME), s.labels));
    const baseSigs = base.map((s) => infoNames.map((name) => sigOf(name, s.labels)));
    const allMatchEmpty = [...dataMatchers.values()].every((ms) => ms.every((m) => m.matches('')));
    const byKey = new Map<string, Held>();
    const out: Held[] = [];
    const put = (labels: Labels, dropName: boolean, i: number, v: number): void => {
      const key = labelsKey(labels);
      let o = byKey.get(key);
      if (!o) {
        o = { labels, dropName, data: pool.acquireStepData(n, 'info output') };
        byKey.set(key, o);
        out.push(o);
      }
      if (o.data.present[i] !== 0) throw sameLabelsetError();
      o.data.present[i] = 1;
      o.data.values[i] = v;
    };
    const bySig = new Map<string, number>();
    try {
      for (let i = 0; i < n; i++) {
        let anyBase = false;
        for (const s of base) if (s.data.present[i] !== 0) { anyBase = true; break; }
        if (!anyBase) continue;
        bySig.clear();
        for (let k = 0; k < infos.length; k++) {
          if (infos[k].data.present[i] === 0) continue;
          const origT = infos[k].data.values[i];
          const sig = infoSigs[k];
          const existing = bySig.get(sig);
          if (existing === undefined) bySig.set(sig, k);
          else {
            const existingT = infos[existing].data.values[i];
            if (existingT < origT) bySig.set(sig, k);
            else if (existingT === origT) {
              throw new PromQLError('eval', 'duplicate_info_series',
                `found duplicate series for info metric: existing ${goLabelsString(infos[existing].labels)} @ ${existingT}, new ${goLabelsString(infos[k].labels)} @ ${origT}`);
            }
          }
        }
        for (let b = 0; b < base.length; b++) {
          const bs = base[b];
          if (bs.data.present[i] === 0) continue;
          if (ignored[b]) {
            put(bs.labels, bs.dropName, i, bs.data.values[i]);
            continue;
          }
          const added = new LabelsBuilder();
          let seen = 0;
          for (let k = 0; k < infoNames.length; k++) {
            const idx = bySig.get(baseSigs[b][k]);
            if (idx === undefined) continue;
            for (const l of infos[idx].labels) {
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
          put(lb.build(), bs.dropName, i, bs.data.values[i]);
        }
      }
    } catch (err) {
      for (const o of out) pool.releaseStepData(o.data);
      throw err;
    } finally {
      for (const d of this.held) pool.releaseStepData(d);
      this.held = [];
    }
    this.output = out;
    return out.map((o) => ({ labels: o.labels, dropName: o.dropName }));
  }

  nextSeries(): StepData {
    const o = this.output[this.nextOut] as Held;
    this.output[this.nextOut++] = null;
    return o.data;
  }

  close(): void {
    for (const d of this.held) this.sc.pool.releaseStepData(d);
    this.held = [];
    for (const o of this.output) if (o) this.sc.pool.releaseStepData(o.data);
    this.output = [];
    this.base.close();
  }
}
