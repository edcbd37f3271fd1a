/**
 * Test helpers for the streaming evaluator's unit tests: tiny datasets, an EvalContext,
 * and hand-built AST nodes (so operator tests do not depend on the parser).
 */
import type { EvalContext } from '../eval-context.ts';
import type { AggregateExpr, BinaryExpr, BinaryOp, Call, Expr, MatrixSelector, NumberLiteral, SubqueryExpr, VectorMatching, VectorSelector } from '../parser/ast.ts';
import { getFunction } from '../parser/functions.ts';
import { Annotations } from '../model/annotations.ts';
import { MemoryTracker } from '../model/memory-tracker.ts';
import { labelsFromRecord, METRIC_NAME } from '../model/labels.ts';
import { newMatcher, type Matcher } from '../model/matcher.ts';
import type { SeriesStore } from '../storage/types.ts';
import { StorageBuilder } from '../storage/storage-builder.ts';

const R = { from: 0, to: 0 };

/**
 * Two window sequences over `n` samples for the sliding-kernel tests, from random
 * (start, length) draws: one moving forward (sorted starts, non-decreasing ends), and the
 * draws as they come (windows that jump, repeat or go back).
 */
export function slidingWindowCases(n: number, raw: readonly (readonly [number, number])[]): [number, number][][] {
  const starts = raw.map(([a]) => a % n).sort((a, b) => a - b);
  const forward: [number, number][] = starts.map((lo, k) => [lo, Math.max(lo, Math.min(n, lo + raw[k][1]))]);
  for (let k = 1; k < forward.length; k++) if (forward[k][1] < forward[k - 1][1]) forward[k][1] = forward[k - 1][1];
  const backAndForth: [number, number][] = raw.map(([a, len]) => [a % n, Math.min(n, (a % n) + len)]);
  return [forward, backAndForth];
}

/** Series given as label record + [tMs, value | 'stale'] pairs. */
export function buildStorage(series: readonly { labels: Record<string, string>; samples: readonly (readonly [number, number | 'stale'])[] }[]): SeriesStore {
  const b = new StorageBuilder();
  for (const s of series) {
    const labels = labelsFromRecord(s.labels);
    for (const [t, v] of s.samples) b.append(labels, t, v === 'stale' ? NaN : v, v === 'stale');
  }
  return b.seal();
}

export function makeContext(storage: SeriesStore, startMs: number, endMs: number, stepMs: number, over: Partial<EvalContext> = {}): EvalContext {
  return {
    storage,
    startMs,
    endMs,
    stepMs,
    lookbackDeltaMs: 300_000,
    defaultSubqueryStepMs: 60_000,
    delayedNameRemoval: true,
    maxSamples: 50_000_000,
    tracker: new MemoryTracker(),
    annotations: new Annotations(),
    counters: { currentSamples: 0, peakSamples: 0, samplesDecoded: 0 },
    nodes: [],
    ...over,
  };
}

export function vs(name: string, extra: Record<string, string> = {}, mods: { offsetMs?: number; timestampMs?: number } = {}): VectorSelector {
  const matchers: Matcher[] = [newMatcher('=', METRIC_NAME, name)];
  for (const [k, v] of Object.entries(extra)) matchers.push(newMatcher('=', k, v));
  return {
    type: 'VectorSelector', name, matchers, offsetMs: mods.offsetMs ?? 0, offsetExpr: null, timestampMs: mods.timestampMs ?? null,
    startOrEnd: null, anchored: false, smoothed: false, range: R,
  };
}

export function ms(sel: VectorSelector, rangeMs: number): MatrixSelector {
  return { type: 'MatrixSelector', vectorSelector: sel, rangeMs, rangeExpr: null, range: R };
}

export function call(name: string, ...args: Expr[]): Call {
  const func = getFunction(name);
  if (!func) throw new Error(`no function ${name}`);
  return { type: 'Call', func, args, range: R };
}

export function num(value: number): NumberLiteral {
  return { type: 'NumberLiteral', value, duration: false, range: R };
}

export function agg(op: AggregateExpr['op'], expr: Expr, grouping: string[] = [], without = false, param: Expr | null = null): AggregateExpr {
  return { type: 'AggregateExpr', op, expr, param, grouping, without, range: R };
}

export function bin(op: BinaryOp, lhs: Expr, rhs: Expr, matching: Partial<VectorMatching> | null = {}, returnBool = false): BinaryExpr {
  const setOp = op === 'and' || op === 'or' || op === 'unless';
  const m: VectorMatching | null = matching === null ? null : {
    card: setOp ? 'many-to-many' : 'one-to-one', matchingLabels: [], on: false, include: [], fillLeft: null, fillRight: null, ...matching,
  };
  return { type: 'BinaryExpr', op, lhs, rhs, matching: m, returnBool, range: R };
}

export function subquery(expr: Expr, rangeMs: number, stepMs: number, offsetMs = 0): SubqueryExpr {
  return { type: 'SubqueryExpr', expr, rangeMs, rangeExpr: null, stepMs, stepExpr: null, offsetMs, offsetExpr: null, timestampMs: null, startOrEnd: null, range: R };
}

/** A vector result as {labels-string: values-with-undefined-for-absent}. */
export function vectorRecord(v: { kind: string; series?: readonly { labels: readonly { name: string; value: string }[]; values: Float64Array; present: Uint8Array }[] }): Record<string, (number | undefined)[]> {
  const out: Record<string, (number | undefined)[]> = {};
  if (v.kind !== 'vector' || !v.series) throw new Error(`not a vector: ${v.kind}`);
  for (const s of v.series) {
    const key = '{' + s.labels.map((l) => `${l.name}=${l.value}`).join(',') + '}';
    out[key] = Array.from(s.values, (x, i) => (s.present[i] === 1 ? x : undefined));
  }
  return out;
}

import { parse } from '../parser/parser.ts';
import { preprocessExpr } from '../parser/preprocess.ts';
import { evaluateStreaming } from './index.ts';
import type { QueryValue } from '../model/result.ts';

/** Parses, preprocesses and evaluates `expr` with the streaming evaluator only. */
export function stream(storage: SeriesStore, expr: string, startMs: number, endMs: number, stepMs: number, over: Partial<EvalContext> = {}): { value: QueryValue; ctx: EvalContext } {
  const ctx = makeContext(storage, startMs, endMs, stepMs, over);
  const e = preprocessExpr(parse(expr), { startMs, endMs, stepMs });
  return { value: evaluateStreaming(e, ctx), ctx };
}
