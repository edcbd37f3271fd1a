/**
 * The label logic of the experimental `info(v [, data-label-selector])` function, shared by
 * both evaluators: which info series to fetch (default `target_info`, joined on the
 * identifying labels `instance` and `job`) and, step by step, which data labels each base
 * sample gains. Mirrors evalInfo, fetchInfoSeries, combineWithInfoSeries and
 * combineWithInfoVector, promql/info.go.
 *
 * The evaluators differ only in how they get the series: the naive one evaluates the base
 * vector and the info selector whole; the streaming one drains its base operator and reads
 * the info series one at a time. Both then hand columns to {@link combineWithInfoSeries}.
 */
import type { Call, Expr, VectorSelector } from '../parser/ast.ts';
import { LabelsBuilder, METRIC_NAME, getLabel, type Labels } from '../model/labels.ts';
import { newMatcher, type Matcher } from '../model/matcher.ts';
import { PromQLError } from '../model/errors.ts';
import { goLabelsString } from './vector-matching.ts';

const TARGET_INFO = 'target_info';
const IDENTIFYING = ['instance', 'job'];

/** A base series as info() reads it. */
export interface InfoBaseSeries {
  readonly labels: Labels;
  readonly dropName: boolean;
  readonly values: Float64Array;
  readonly present: Uint8Array;
}

/** An info series as info() reads it: per step, the time (ms) of the sample the step took. */
export interface InfoDataSeries {
  readonly labels: Labels;
  readonly present: Uint8Array;
  readonly sampleTimes: Float64Array;
}

/** Receives one output sample; a label set may come more than once, at different steps. */
export type InfoSampleSink = (labels: Labels, dropName: boolean, step: number, value: number) => void;

/** What {@link planInfo} decides from the call and the base series' labels. */
export interface InfoPlan {
  /**
   * Per base series: its name matches the info metric names themselves, so it passes
   * through unchanged.
   */
  readonly ignored: readonly boolean[];
  /** The selector of the info series to fetch (with the call's `@`/offset), or null for none. */
  readonly infoSelector: VectorSelector | null;
  /** The data-label matchers by label name, `__name__` removed; empty: every data label. */
  readonly dataMatchers: ReadonlyMap<string, readonly Matcher[]>;
  /** Every data-label matcher accepts ''; a base sample without any info series still passes. */
  readonly allMatchEmpty: boolean;
}

/**
 * The `@` time and total offset of the first selector in `e`, adding the offsets of the
 * subqueries above it until one has an `@` (infoSelectTimestampAndOffset, info.go).
 */
export function infoSelectTimestampAndOffset(e: Expr): { ts: number | null; offsetMs: number } {
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

/** The name matchers info() selects info series with (a positive name matcher, else `.+_info` or `target_info`). */
function effectiveNameMatchers(matchers: Matcher[]): Matcher[] {
  for (const m of matchers) if (m.type === '=' || m.type === '=~') return matchers;
  if (matchers.length > 0) return [newMatcher('=~', METRIC_NAME, '.+_info'), ...matchers];
  return [newMatcher('=', METRIC_NAME, TARGET_INFO)];
}

/** Go's regexp.QuoteMeta. */
function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/**
 * Reads the call's data-label selector and, from the base series' labels, builds the
 * selector of the info series to fetch (fetchInfoSeries): a regexp on each identifying
 * label over the values the base series carry, plus the data-label matchers.
 */
export function planInfo(node: Call, baseLabels: readonly Labels[]): InfoPlan {
  const { ts, offsetMs } = infoSelectTimestampAndOffset(node.args[0]);
  const dataMatchers = new Map<string, Matcher[]>();
  let nameMatchers: Matcher[] = [];
  if (node.args.length > 1) {
    let sel = node.args[1];
    while (sel.type === 'ParenExpr' || sel.type === 'StepInvariantExpr') sel = sel.expr;
    for (const m of (sel as VectorSelector).matchers) {
      const list = dataMatchers.get(m.name) ?? [];
      list.push(m);
      dataMatchers.set(m.name, list);
      if (m.name === METRIC_NAME) nameMatchers.push(m);
    }
  } else nameMatchers = [newMatcher('=', METRIC_NAME, TARGET_INFO)];
  const effective = effectiveNameMatchers(nameMatchers);
  const ignored = baseLabels.map((labels) => {
    const name = getLabel(labels, METRIC_NAME);
    return effective.every((m) => m.matches(name));
  });

  const idValues = new Map<string, Set<string>>();
  baseLabels.forEach((labels, k) => {
    if (ignored[k]) return;
    for (const l of IDENTIFYING) {
      const v = getLabel(labels, l);
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
  let infoSelector: VectorSelector | null = null;
  if (idValues.size > 0) {
    const matchers: Matcher[] = [];
    for (const [name, vals] of idValues) matchers.push(newMatcher('=~', name, [...vals].map(quoteMeta).join('|')));
    matchers.push(...selectors, ...effectiveNameMatchers(infoNameMatchers));
    infoSelector = {
      type: 'VectorSelector', name: '', matchers, offsetMs, offsetExpr: null, timestampMs: ts, startOrEnd: null,
      anchored: false, smoothed: false, range: node.range,
    };
  }
  const allMatchEmpty = [...dataMatchers.values()].every((ms) => ms.every((m) => m.matches('')));
  return { ignored, infoSelector, dataMatchers, allMatchEmpty };
}

/** The join key of a series with the info metric `name`: the name and the identifying label values. */
function infoSignature(name: string, labels: Labels): string {
  let sig = name;
  for (const l of IDENTIFYING) sig += '\u0000' + getLabel(labels, l);
  return sig;
}

/**
 * combineWithInfoSeries: at every step where a base series has a value, picks per
 * signature the info series with the newest sample ("found duplicate series for info
 * metric" on a tie), and emits each base sample with the data labels it gains (a base
 * label of the same name wins; two info series disagreeing on a label is "conflicting
 * label"). A base sample that no info series matches is dropped unless every data-label
 * matcher accepts ''. Samples go to `emit` in Prometheus's order: step by step, base
 * series in order.
 */
export function combineWithInfoSeries(
  plan: InfoPlan,
  stepCount: number,
  base: readonly InfoBaseSeries[],
  infos: readonly InfoDataSeries[],
  emit: InfoSampleSink,
): void {
  const { ignored, dataMatchers, allMatchEmpty } = plan;
  const infoNames: string[] = [];
  for (const s of infos) {
    const name = getLabel(s.labels, METRIC_NAME);
    if (!infoNames.includes(name)) infoNames.push(name);
  }
  const infoSigs = infos.map((s) => infoSignature(getLabel(s.labels, METRIC_NAME), s.labels));
  const baseSigs = base.map((s) => infoNames.map((name) => infoSignature(name, s.labels)));
  const bySig = new Map<string, number>();
  for (let i = 0; i < stepCount; i++) {
    let anyBase = false;
    for (const s of base) if (s.present[i] !== 0) { anyBase = true; break; }
    if (!anyBase) continue;
    bySig.clear();
    for (let k = 0; k < infos.length; k++) {
      if (infos[k].present[i] === 0) continue;
      const origT = infos[k].sampleTimes[i];
      const sig = infoSigs[k];
      const existing = bySig.get(sig);
      if (existing === undefined) bySig.set(sig, k);
      else {
        const existingT = infos[existing].sampleTimes[i];
        if (existingT < origT) bySig.set(sig, k);
        else if (existingT === origT) {
          throw new PromQLError('eval', 'duplicate_info_series',
            `found duplicate series for info metric: existing ${goLabelsString(infos[existing].labels)} @ ${existingT}, new ${goLabelsString(infos[k].labels)} @ ${origT}`);
        }
      }
    }
    for (let b = 0; b < base.length; b++) {
      const bs = base[b];
      if (bs.present[i] === 0) continue;
      if (ignored[b]) {
        emit(bs.labels, bs.dropName, i, bs.values[i]);
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
      emit(lb.build(), bs.dropName, i, bs.values[i]);
    }
  }
}
