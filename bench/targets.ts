/**
 * The benchmark's done-when targets (issue 3), checked over the cases of one run, so that
 * every run says which hold instead of leaving it to whoever reads the table. A run checks
 * only the cases it has (a --quick run has no 10,000-series case); a target with no case
 * in the run says so. Wall-time ratios are of the steady-state medians in the table.
 */
import { formatCount } from './report.ts';

export interface EvaluatorFigures {
  readonly ms: number;
  readonly trackedPeakBytes: number;
  readonly measuredPeakBytes: number;
}

/** One case both evaluators completed. */
export interface TargetCase {
  readonly shape: string;
  readonly aggregates: boolean;
  readonly series: number;
  /** 1 for an instant query. */
  readonly steps: number;
  readonly naive: EvaluatorFigures;
  readonly streaming: EvaluatorFigures;
}

export interface TargetCheck {
  readonly target: string;
  /** null: no case of the run is in the target's scope. */
  readonly pass: boolean | null;
  readonly cases: number;
  /** The case furthest from the target, with its figure; then the cases that miss it. */
  readonly detail: string;
}

type Scope = (c: TargetCase) => boolean;
const large: Scope = (c) => c.series >= 1000;
const rangeAggregation: Scope = (c) => large(c) && c.aggregates && c.steps > 1;

function name(c: TargetCase): string {
  return `${c.shape} ${formatCount(c.series)}×${c.steps === 1 ? 'instant' : c.steps}`;
}

/** A target that holds when `ratio(c) ≤ limit` for every case in scope. */
function ratioAtMost(target: string, cases: readonly TargetCase[], scope: Scope, ratio: (c: TargetCase) => number, limit: number): TargetCheck {
  const inScope = cases.filter(scope);
  if (inScope.length === 0) return { target, pass: null, cases: 0, detail: 'no case in this run' };
  const ranked = inScope.map((c) => ({ c, r: ratio(c) })).sort((a, b) => b.r - a.r);
  const over = ranked.filter((x) => !(x.r <= limit));
  const worst = `worst ${ranked[0].r.toFixed(2)}× (${name(ranked[0].c)})`;
  const misses = over.length === 0 ? '' : `; over: ${over.map((x) => `${name(x.c)} ${x.r.toFixed(2)}×`).join(', ')}`;
  return { target, pass: over.length === 0, cases: inScope.length, detail: worst + misses };
}

const wall = (c: TargetCase): number => c.streaming.ms / c.naive.ms;

export function checkTargets(cases: readonly TargetCase[]): TargetCheck[] {
  return [
    ratioAtMost('tracked peak ≤ 0.3× naive: range aggregations, ≥ 1,000 series', cases, rangeAggregation, (c) => c.streaming.trackedPeakBytes / c.naive.trackedPeakBytes, 0.3),
    ratioAtMost('measured peak below naive (same order as tracked): range aggregations, ≥ 1,000 series', cases, rangeAggregation, (c) => c.streaming.measuredPeakBytes / c.naive.measuredPeakBytes, 1),
    ratioAtMost('wall ≤ 0.6× naive: range aggregations, ≥ 1,000 series', cases, rangeAggregation, wall, 0.6),
    ratioAtMost('wall ≤ 1.0× naive: every case, ≥ 1,000 series', cases, large, wall, 1),
    ratioAtMost('wall ≤ 1.2× naive: every case', cases, () => true, wall, 1.2),
  ];
}

/** Measured over tracked peak, lowest and highest, per evaluator (the factor the two agree within). */
export function trackedVsMeasured(cases: readonly TargetCase[], evaluator: 'naive' | 'streaming'): { min: number; max: number } | null {
  const rs = cases.map((c) => c[evaluator]).filter((f) => f.trackedPeakBytes > 0).map((f) => f.measuredPeakBytes / f.trackedPeakBytes);
  return rs.length === 0 ? null : { min: Math.min(...rs), max: Math.max(...rs) };
}

/** The checks as printed lines. */
export function formatTargets(cases: readonly TargetCase[]): string {
  const lines = checkTargets(cases).map((t) => `  ${t.pass === null ? '----' : t.pass ? 'PASS' : 'FAIL'}  ${t.target}  [${t.cases} cases] ${t.detail}`);
  for (const ev of ['naive', 'streaming'] as const) {
    const f = trackedVsMeasured(cases, ev);
    if (f) lines.push(`  info  measured / tracked peak, ${ev}: ${f.min.toFixed(2)}–${f.max.toFixed(2)}`);
  }
  return `Targets (issue 3) over this run's ${cases.length} completed cases:\n${lines.join('\n')}\n`;
}
