/**
 * Binary operators in the naive evaluator: scalar/scalar, vector/scalar, vector/vector
 * with vector matching, and the set operators. Both operands are evaluated over the whole
 * grid first; then each step is matched exactly as Prometheus's rangeEval + VectorBinop /
 * VectorAnd / VectorOr / VectorUnless do it (promql/engine.go).
 */
import type { BinaryExpr, VectorMatching } from '../parser/ast.ts';
import type { Labels } from '../model/labels.ts';
import { labelsKey } from '../model/labels.ts';
import { changesMetricSchema, isComparisonOp, scalarBinop, vectorElemBinop } from '../kernels/binary-ops.ts';
import {
  MatchingSignature,
  duplicateOnOneSideError,
  matchLabels,
  multipleMatchesGroupingError,
  multipleMatchesOneToOneError,
  resultMetric,
} from '../kernels/vector-matching.ts';
import { dropReservedLabels } from '../kernels/name-dropping.ts';
import type { Grid } from './grid.ts';
import type { NaiveEvaluator } from './evaluator.ts';
import { OutputCollector } from './output-collector.ts';
import type { NScalar, NSeries, NValue, NVector } from './values.ts';

export function evalBinary(ev: NaiveEvaluator, e: BinaryExpr, g: Grid): NValue {
  const l = ev.eval(e.lhs, g);
  let r: NValue | null = null;
  try {
    r = ev.eval(e.rhs, g);
    if (l.kind === 'scalar' && r.kind === 'scalar') {
      const out = ev.acc.newScalar(g.n, 'scalar binary operation');
      for (let i = 0; i < g.n; i++) out.values[i] = scalarBinop(e.op, l.values[i], r.values[i]);
      return out;
    }
    if (l.kind === 'vector' && r.kind === 'scalar') return vectorScalar(ev, e, l, r, false, g);
    if (l.kind === 'scalar' && r.kind === 'vector') return vectorScalar(ev, e, r, l, true, g);
    if (l.kind === 'vector' && r.kind === 'vector') {
      const matching = e.matching ?? DEFAULT_MATCHING;
      if (e.op === 'and' || e.op === 'or' || e.op === 'unless') return setOperation(ev, e.op, l, r, matching, g);
      return vectorVector(ev, e, l, r, matching, g);
    }
    throw new RangeError(`binary operator ${e.op} between ${l.kind} and ${r.kind}`);
  } finally {
    ev.acc.releaseValue(l);
    if (r) ev.acc.releaseValue(r);
  }
}

const DEFAULT_MATCHING: VectorMatching = {
  card: 'one-to-one',
  matchingLabels: [],
  on: false,
  include: [],
  fillLeft: null,
  fillRight: null,
};

/** Mirrors VectorscalarBinop, promql/engine.go. `swap` when the scalar is the left operand. */
function vectorScalar(ev: NaiveEvaluator, e: BinaryExpr, vec: NVector, sc: NScalar, swap: boolean, g: Grid): NVector {
  const op = e.op;
  const cmp = isComparisonOp(op);
  const drop = changesMetricSchema(op) || e.returnBool;
  const out = new OutputCollector(ev, g.n, 'vector/scalar binary operation');
  const res = { value: 0, keep: false };
  for (const s of vec.series) {
    let labels = s.labels;
    let dropName = s.dropName;
    if (drop) {
      dropName = true;
      if (!ev.ctx.delayedNameRemoval) labels = dropReservedLabels(labels);
    }
    const o = out.get(labels, dropName);
    for (let i = 0; i < g.n; i++) {
      if (s.present[i] === 0) continue;
      let lf = s.values[i];
      let rf = sc.values[i];
      if (swap) {
        const t = lf;
        lf = rf;
        rf = t;
      }
      vectorElemBinop(op, lf, rf, res);
      let value = res.value;
      let keep = res.keep;
      if (cmp && swap) value = rf;
      if (e.returnBool) {
        value = keep ? 1 : 0;
        keep = true;
      }
      if (keep) out.put(o, i, value, dropName);
    }
  }
  return out.finish();
}

/** Join-signature ordinals of both sides (one ordinal per distinct signature). */
function signatureOrdinals(l: NVector, r: NVector, matching: VectorMatching): { lo: Int32Array; ro: Int32Array; count: number } {
  const sig = new MatchingSignature(matching);
  const ord = new Map<string, number>();
  const of = (series: NSeries[]): Int32Array => {
    const a = new Int32Array(series.length);
    for (let i = 0; i < series.length; i++) {
      const k = sig.of(series[i].labels);
      let o = ord.get(k);
      if (o === undefined) {
        o = ord.size;
        ord.set(k, o);
      }
      a[i] = o;
    }
    return a;
  };
  const lo = of(l.series);
  const ro = of(r.series);
  return { lo, ro, count: ord.size };
}

/** Mirrors VectorAnd / VectorOr / VectorUnless, promql/engine.go, one step at a time. */
function setOperation(ev: NaiveEvaluator, op: 'and' | 'or' | 'unless', l: NVector, r: NVector, matching: VectorMatching, g: Grid): NVector {
  const { lo, ro, count } = signatureOrdinals(l, r, matching);
  const out = new OutputCollector(ev, g.n, `${op} operation`);
  const lOut = l.series.map((s) => out.get(s.labels, s.dropName));
  const rOut = op === 'or' ? r.series.map((s) => out.get(s.labels, s.dropName)) : [];
  const sigPresent = new Uint8Array(count);
  for (let i = 0; i < g.n; i++) {
    let lAny = false;
    let rAny = false;
    for (const s of l.series) if (s.present[i] !== 0) { lAny = true; break; }
    for (const s of r.series) if (s.present[i] !== 0) { rAny = true; break; }
    if (op === 'and') {
      if (!lAny || !rAny) continue;
      sigPresent.fill(0);
      for (let k = 0; k < r.series.length; k++) if (r.series[k].present[i] !== 0) sigPresent[ro[k]] = 1;
      for (let k = 0; k < l.series.length; k++) {
        const s = l.series[k];
        if (s.present[i] !== 0 && sigPresent[lo[k]] !== 0) out.put(lOut[k], i, s.values[i], s.dropName);
      }
    } else if (op === 'unless') {
      if (!lAny) continue;
      sigPresent.fill(0);
      if (rAny) for (let k = 0; k < r.series.length; k++) if (r.series[k].present[i] !== 0) sigPresent[ro[k]] = 1;
      for (let k = 0; k < l.series.length; k++) {
        const s = l.series[k];
        if (s.present[i] !== 0 && sigPresent[lo[k]] === 0) out.put(lOut[k], i, s.values[i], s.dropName);
      }
    } else {
      sigPresent.fill(0);
      for (let k = 0; k < l.series.length; k++) {
        const s = l.series[k];
        if (s.present[i] === 0) continue;
        sigPresent[lo[k]] = 1;
        out.put(lOut[k], i, s.values[i], s.dropName);
      }
      for (let k = 0; k < r.series.length; k++) {
        const s = r.series[k];
        if (s.present[i] !== 0 && (!lAny || sigPresent[ro[k]] === 0)) out.put(rOut[k], i, s.values[i], s.dropName);
      }
    }
  }
  return out.finish();
}

/** Mirrors VectorBinop, promql/engine.go (arithmetic and comparison operators), per step. */
function vectorVector(ev: NaiveEvaluator, e: BinaryExpr, lv: NVector, rv: NVector, matching: VectorMatching, g: Grid): NVector {
  const op = e.op;
  const oneToMany = matching.card === 'one-to-many';
  const oneToOne = matching.card === 'one-to-one';
  let { lo, ro, count } = signatureOrdinals(lv, rv, matching);
  // For one-to-many, swap sidedness (and swap back when computing values).
  let lhs = lv.series;
  let rhs = rv.series;
  if (oneToMany) {
    [lhs, rhs] = [rhs, lhs];
    [lo, ro] = [ro, lo];
  }
  const fillR = matching.fillRight;
  const fillL = matching.fillLeft;
  const dropMetricName = !ev.ctx.delayedNameRemoval && e.returnBool;
  const out = new OutputCollector(ev, g.n, 'binary operation');
  // Result labels per (lhs index, rhs index) pair, as resultMetric's cache.
  const metricCache = new Map<string, { labels: Labels; key: string }>();
  const rightIdx = new Int32Array(count);
  const rightPresent = new Uint8Array(count);
  const matchedPresent = new Uint8Array(count);
  const matchedSigs: (Set<string> | undefined)[] = new Array(count);
  const res = { value: 0, keep: false };

  const result = (lLabels: Labels, rLabels: Labels, pairKey: string): { labels: Labels; key: string } => {
    let m = metricCache.get(pairKey);
    if (!m) {
      const labels = resultMetric(lLabels, rLabels, op, matching, dropMetricName);
      m = { labels, key: labelsKey(labels) };
      metricCache.set(pairKey, m);
    }
    return m;
  };

  // Output order: by many-side series, each with its matches in one-side order and then its
  // fill_right result, then the fill_left results in one-side order (the instant-query
  // order of VectorBinop, kept for every step so both evaluators fold aggregations alike).
  const nOne = rhs.length + 1;
  const orderOf = new Map<NSeries, number>();
  const doBinOp = (i: number, lLabels: Labels, lf0: number, rLabels: Labels, rf0: number, sigOrd: number, pairKey: string, order: number): void => {
    let fl = lf0;
    let fr = rf0;
    if (oneToMany) {
      fl = rf0;
      fr = lf0;
    }
    vectorElemBinop(op, fl, fr, res);
    let value = res.value;
    const keep = res.keep;
    if (e.returnBool) value = keep ? 1 : 0;
    const metric = result(lLabels, rLabels, pairKey);
    if (oneToOne) {
      if (matchedPresent[sigOrd] !== 0) throw multipleMatchesOneToOneError();
      matchedPresent[sigOrd] = 1;
    } else {
      let set = matchedSigs[sigOrd];
      if (!set) matchedSigs[sigOrd] = set = new Set();
      if (set.has(metric.key)) throw multipleMatchesGroupingError();
      set.add(metric.key);
    }
    if (!keep && !e.returnBool) return;
    const o = out.get(metric.labels, e.returnBool, metric.key);
    const prev = orderOf.get(o);
    if (prev === undefined || order < prev) orderOf.set(o, order);
    out.put(o, i, value, e.returnBool);
  };

  for (let i = 0; i < g.n; i++) {
    let lCount = 0;
    let rCount = 0;
    for (const s of lhs) lCount += s.present[i];
    for (const s of rhs) rCount += s.present[i];
    if ((lCount === 0 && rCount === 0) || ((lCount === 0 || rCount === 0) && fillL === null && fillR === null)) continue;
    rightPresent.fill(0);
    matchedPresent.fill(0);
    if (!oneToOne) for (let k = 0; k < count; k++) matchedSigs[k]?.clear();
    for (let k = 0; k < rhs.length; k++) {
      const rs = rhs[k];
      if (rs.present[i] === 0) continue;
      const o = ro[k];
      if (rightPresent[o] !== 0) {
        const dup = rhs[rightIdx[o]];
        throw duplicateOnOneSideError(matchLabels(rs.labels, matching.on, matching.matchingLabels), oneToMany ? 'left' : 'right', rs.labels, dup.labels);
      }
      rightPresent[o] = 1;
      rightIdx[o] = k;
    }
    for (let k = 0; k < lhs.length; k++) {
      const ls = lhs[k];
      if (ls.present[i] === 0) continue;
      const o = lo[k];
      if (rightPresent[o] !== 0) {
        const rk = rightIdx[o];
        const rs = rhs[rk];
        doBinOp(i, ls.labels, ls.values[i], rs.labels, rs.values[i], o, `${k}:${rk}`, k * nOne + rk);
      } else if (fillR !== null) {
        doBinOp(i, ls.labels, ls.values[i], matchLabels(ls.labels, matching.on, matching.matchingLabels), fillR, o, `${k}:fill`, k * nOne + nOne - 1);
      }
    }
    if (fillL !== null) {
      for (let k = 0; k < rhs.length; k++) {
        const rs = rhs[k];
        if (rs.present[i] === 0) continue;
        const o = ro[k];
        const matched = oneToOne ? matchedPresent[o] !== 0 : (matchedSigs[o]?.size ?? 0) > 0;
        if (matched) continue;
        doBinOp(i, matchLabels(rs.labels, matching.on, matching.matchingLabels), fillL, rs.labels, rs.values[i], o, `fill:${k}`, lhs.length * nOne + k);
      }
    }
  }
  const finished = out.finish();
  finished.series.sort((a, b) => (orderOf.get(a) ?? 0) - (orderOf.get(b) ?? 0));
  return finished;
}
