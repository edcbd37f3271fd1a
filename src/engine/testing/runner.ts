/**
 * Runs a parsed promqltest script against one or both evaluators. Mirrors `test.exec`,
 * `execEval`, `execRangeEval`, `execInstantEval` and `runInstantQuery` of
 * promql/promqltest/test.go (FORMAT.md §7): the main run, the range-mode cross-check at
 * E−1m..E+1m step 1m, and the `@`-invariance runs, all with the test engine options of
 * §7.1. With two evaluators every query runs on both, each evaluator's outcome is judged
 * on its own, and the two raw results must be identical (see result-diff.ts).
 *
 * Known difference from Prometheus: this engine has no native histograms, so a case whose
 * expectations hold a histogram literal, or whose selectors match a series that was
 * loaded with histogram samples (including the NHCB series `load_with_nhcb` derives), is
 * reported as skipped instead of run.
 */
import { getLabel, labelsKey, METRIC_NAME, LabelsBuilder, type Labels } from '../model/labels.ts';
import type { Matcher } from '../model/matcher.ts';
import type { Expr, VectorSelector } from '../parser/ast.ts';
import type { QueryOptions, QueryRequest, QueryResult } from '../query.ts';
import type { SeriesStore } from '../storage/types.ts';
import { atModifierEvalTimes, atModifierRewrite } from './at-modifier.ts';
import { assertMatrixSorted, checkAnnotations, checkExpectedFailure, compareResult } from './compare.ts';
import { toHarnessValue, type HarnessSample } from './harness-value.ts';
import { diffQueryResults } from './result-diff.ts';
import { parseGoNumber } from './go-syntax.ts';
import { parseScript } from './script-parser.ts';
import { isFail, isOrdered, type EvalCmd, type LoadCmd, type LoadSeries, type SeriesDescriptionParser } from './script.ts';

/** The evaluators a case can run on. */
export type EvaluatorName = 'naive' | 'streaming';

/** The test engine of NewTestEngine (FORMAT.md §7.1). */
export const TEST_ENGINE_OPTIONS = {
  lookbackDeltaMs: 5 * 60_000,
  defaultSubqueryStepMs: 60_000,
  maxSamples: 10_000,
  delayedNameRemoval: true,
} as const satisfies QueryOptions;

/** A storage being filled by `load` blocks; `snapshot()` gives what evals read. */
export interface HarnessStorage {
  /** Appends all samples of a load block, or throws and appends nothing (out-of-order samples). */
  append(series: readonly LoadSeries[]): void;
  snapshot(): SeriesStore;
}

/** Everything the runner needs from the engine. */
export interface HarnessEngine {
  readonly parseSeries: SeriesDescriptionParser;
  /** Parses an expression with the test parser options; throws PromQLError/Error. */
  parseExpr(expr: string): Expr;
  /** Prints an AST back to PromQL (Prometheus's printer); null leaves the @-invariance runs out. */
  readonly printExpr: ((expr: Expr) => string) | null;
  newStorage(): HarnessStorage;
  runQuery(store: SeriesStore, req: QueryRequest, opts: QueryOptions): QueryResult;
}

/** A case's outcome for one evaluator; fail and skip say why. */
export type CaseOutcome =
  | { readonly status: 'pass' }
  | { readonly status: 'fail'; readonly reason: string }
  | { readonly status: 'skip'; readonly reason: string };

/** A difference between the evaluators on one query of a case. */
export interface Mismatch {
  readonly expr: string;
  readonly query: string;
  readonly diff: string;
}

/** The result of one eval block (one case). */
export interface CaseResult {
  /** 1-based line of the eval header. */
  readonly line: number;
  readonly expr: string;
  readonly outcomes: Partial<Record<EvaluatorName, CaseOutcome>>;
  readonly mismatches: readonly Mismatch[];
  /** Queries run per evaluator for this case (main, @-variants, range-mode checks). */
  readonly queries: number;
}

/** The result of one script. */
export interface ScriptResult {
  readonly cases: readonly CaseResult[];
  /** Script-level problems (unknown commands, loads that do not parse or append). */
  readonly errors: readonly { line: number; message: string }[];
}

/** How to run a script. */
export interface RunOptions {
  readonly evaluators: readonly EvaluatorName[];
  /** Extra query options (tests only); the test engine options always apply. */
  readonly queryOptions?: QueryOptions;
  /** Run (and report) only the evals whose header is on one of these lines; loads and clears still run. */
  readonly onlyLines?: ReadonlySet<number>;
}

interface LoadState {
  storage: HarnessStorage | null;
  store: SeriesStore | null;
  /** Label sets of series that hold native-histogram samples (loaded or NHCB-derived). */
  histogramSeries: Labels[];
  broken: string | null;
}

/** Parses and runs a script. Never throws for script or engine problems. */
export function runScript(text: string, engine: HarnessEngine, options: RunOptions): ScriptResult {
  const parsed = parseScript(text, {
    parseSeries: engine.parseSeries,
    checkExpr: (expr) => {
      engine.parseExpr(expr);
    },
  });
  const errors = [...parsed.errors];
  const cases: CaseResult[] = [];
  const state: LoadState = { storage: null, store: null, histogramSeries: [], broken: null };
  const runner = new CaseRunner(engine, options);
  for (const cmd of parsed.commands) {
    switch (cmd.type) {
      case 'clear':
        state.storage = null;
        state.store = null;
        state.histogramSeries = [];
        state.broken = null;
        break;
      case 'load': {
        const err = applyLoad(state, cmd, engine);
        if (err !== null) {
          state.broken = `load at line ${cmd.line} failed: ${err}`;
          if (cmd.broken === undefined) errors.push({ line: cmd.line, message: err });
        }
        break;
      }
      case 'broken-eval': {
        if (options.onlyLines && !options.onlyLines.has(cmd.line)) break;
        cases.push(uniformCase(cmd, options, { status: 'fail', reason: cmd.message }));
        break;
      }
      case 'eval': {
        if (options.onlyLines && !options.onlyLines.has(cmd.line)) break;
        if (state.broken !== null) {
          cases.push(uniformCase(cmd, options, { status: 'fail', reason: state.broken }));
          break;
        }
        const skip = nativeHistogramSkip(cmd, state, engine);
        if (skip !== null) {
          cases.push(uniformCase(cmd, options, { status: 'skip', reason: skip }));
          break;
        }
        if (state.store === null) state.store = currentStorage(state, engine).snapshot();
        cases.push(runner.run(cmd, state.store));
        break;
      }
    }
  }
  return { cases, errors };
}

/** A case with the same outcome for every evaluator, run without queries. */
function uniformCase(cmd: { line: number; expr: string }, options: RunOptions, outcome: CaseOutcome): CaseResult {
  const outcomes: Partial<Record<EvaluatorName, CaseOutcome>> = {};
  for (const ev of options.evaluators) outcomes[ev] = outcome;
  return { line: cmd.line, expr: cmd.expr, outcomes, mismatches: [], queries: 0 };
}

function currentStorage(state: LoadState, engine: HarnessEngine): HarnessStorage {
  if (state.storage === null) state.storage = engine.newStorage();
  return state.storage;
}

/** Appends a load block's float samples; records its histogram series. Returns an error text or null. */
function applyLoad(state: LoadState, cmd: LoadCmd, engine: HarnessEngine): string | null {
  if (cmd.broken !== undefined) return cmd.broken;
  for (const s of cmd.series) if (s.hasHistograms) state.histogramSeries.push(s.labels);
  if (cmd.withNHCB) state.histogramSeries.push(...nhcbSeriesLabels(cmd.series));
  const floats = cmd.series.filter((s) => s.samples.length > 0);
  state.store = null;
  try {
    currentStorage(state, engine).append(floats);
  } catch (e) {
    return (e as Error).message;
  }
  return null;
}

const NHCB_SUFFIXES = ['_bucket', '_count', '_sum'] as const;

/**
 * Label sets of the series `load_with_nhcb` derives (convertnhcb.GetHistogramMetricBase):
 * the name without `_bucket`/`_count`/`_sum`, all labels but `le`.
 */
function nhcbSeriesLabels(series: readonly LoadSeries[]): Labels[] {
  const out = new Map<string, Labels>();
  for (const s of series) {
    const name = getLabel(s.labels, METRIC_NAME);
    const suffix = NHCB_SUFFIXES.find((x) => name.endsWith(x));
    if (suffix === undefined) continue;
    if (suffix === '_bucket') {
      // strconv.ParseFloat: `+Inf`, `1e3` and the like parse; NaN and junk are skipped.
      const le = parseGoNumber(getLabel(s.labels, 'le'));
      if (le === null || Number.isNaN(le)) continue;
    }
    const b = new LabelsBuilder(s.labels).set(METRIC_NAME, name.slice(0, -suffix.length)).delete('le');
    const labels = b.build();
    out.set(labelsKey(labels), labels);
  }
  return [...out.values()];
}

function collectSelectors(e: Expr, out: VectorSelector[]): void {
  switch (e.type) {
    case 'VectorSelector': out.push(e); return;
    case 'MatrixSelector': out.push(e.vectorSelector); return;
    case 'SubqueryExpr':
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'StepInvariantExpr': collectSelectors(e.expr, out); return;
    case 'Call': for (const a of e.args) collectSelectors(a, out); return;
    case 'AggregateExpr': collectSelectors(e.expr, out); if (e.param !== null) collectSelectors(e.param, out); return;
    case 'BinaryExpr': collectSelectors(e.lhs, out); collectSelectors(e.rhs, out); return;
    default: return;
  }
}

function selects(matchers: readonly Matcher[], labels: Labels): boolean {
  for (const m of matchers) if (!m.matches(getLabel(labels, m.name))) return false;
  return true;
}

/** Why the case needs native histograms, or null when it can run. */
function nativeHistogramSkip(cmd: EvalCmd, state: LoadState, engine: HarnessEngine): string | null {
  if (cmd.expectsHistograms) return 'native histograms: expected result holds a histogram';
  if (state.histogramSeries.length === 0) return null;
  let expr: Expr;
  try {
    expr = engine.parseExpr(cmd.expr);
  } catch {
    return null;
  }
  const sels: VectorSelector[] = [];
  collectSelectors(expr, sels);
  // info() also reads `target_info` (or the `__name__` matchers of its second argument).
  for (const vs of sels) {
    for (const h of state.histogramSeries) {
      if (selects(vs.matchers, h)) return `native histograms: selects histogram series ${getLabel(h, METRIC_NAME) || labelsKey(h)}`;
    }
  }
  return null;
}

const RE_QUERY_CONTEXT_FUNCS = /(start|end|range|step)\(\)/;
const INSTANT_STEP_MS = 1000;

type Failures = Map<EvaluatorName, string>;

class CaseRunner {
  private readonly opts: QueryOptions;

  constructor(
    private readonly engine: HarnessEngine,
    private readonly options: RunOptions,
  ) {
    this.opts = { ...options.queryOptions, ...TEST_ENGINE_OPTIONS };
  }

  run(cmd: EvalCmd, store: SeriesStore): CaseResult {
    const failures: Failures = new Map();
    const mismatches: Mismatch[] = [];
    let queries = 0;
    const exec = (expr: string, req: QueryRequest, active: readonly EvaluatorName[]): Map<EvaluatorName, QueryResult> => {
      const results = new Map<EvaluatorName, QueryResult>();
      for (const ev of active) results.set(ev, this.runOne(store, req, ev));
      queries++;
      if (active.length === 2) {
        const a = results.get(active[0]) as QueryResult;
        const b = results.get(active[1]) as QueryResult;
        // An 'unsupported' error is that evaluator's failure, not a difference in results.
        const unsupported = (!a.ok && a.error.kind === 'unsupported') || (!b.ok && b.error.kind === 'unsupported');
        const d = unsupported ? null : diffQueryResults(a, b);
        if (d !== null && mismatches.length < 5) mismatches.push({ expr, query: describeRequest(req), diff: d });
      }
      return results;
    };
    const activeEvaluators = (): EvaluatorName[] => this.options.evaluators.filter((e) => !failures.has(e));

    if (cmd.isRange) {
      const req = { expr: cmd.expr, startMs: cmd.startMs, endMs: cmd.endMs, stepMs: cmd.stepMs };
      const results = exec(cmd.expr, req, activeEvaluators());
      for (const [ev, res] of results) {
        const f = checkRangeEval(cmd, res);
        if (f !== null) failures.set(ev, f);
      }
    } else {
      const runs: { expr: string; evalMs: number }[] = [{ expr: cmd.expr, evalMs: cmd.evalMs }];
      const extra = this.atModifierRuns(cmd);
      if (typeof extra === 'string') {
        for (const ev of this.options.evaluators) failures.set(ev, extra);
      } else runs.push(...extra);
      for (const run of runs) {
        const active = activeEvaluators();
        if (active.length === 0) break;
        const req = { expr: run.expr, startMs: run.evalMs, endMs: run.evalMs, stepMs: INSTANT_STEP_MS };
        const results = exec(run.expr, req, active);
        const needRangeCheck: { ev: EvaluatorName; scalar: boolean }[] = [];
        for (const [ev, res] of results) {
          const r = checkInstantRun(cmd, run.expr, res);
          if (r.failure !== null) failures.set(ev, r.failure);
          else if (r.rangeCheck) needRangeCheck.push({ ev, scalar: res.ok && res.value.kind === 'scalar' });
        }
        if (needRangeCheck.length === 0) continue;
        const rreq = { expr: run.expr, startMs: run.evalMs - 60_000, endMs: run.evalMs + 60_000, stepMs: 60_000 };
        const rresults = exec(run.expr, rreq, needRangeCheck.map((x) => x.ev));
        for (const { ev, scalar } of needRangeCheck) {
          const f = checkRangeMode(cmd, run.expr, run.evalMs, scalar, rresults.get(ev) as QueryResult);
          if (f !== null) failures.set(ev, f);
        }
      }
    }
    const outcomes: Partial<Record<EvaluatorName, CaseOutcome>> = {};
    for (const ev of this.options.evaluators) {
      const f = failures.get(ev);
      outcomes[ev] = f === undefined ? { status: 'pass' } : { status: 'fail', reason: f };
    }
    // When exactly one evaluator fails the case, that failure (new or known) already
    // reports the difference; mismatches count only where the expectations could not
    // tell the evaluators apart (both pass, or both fail).
    const evs = this.options.evaluators;
    const split = evs.length === 2 && failures.has(evs[0]) !== failures.has(evs[1]);
    return { line: cmd.line, expr: cmd.expr, outcomes, mismatches: split ? [] : mismatches, queries };
  }

  private runOne(store: SeriesStore, req: QueryRequest, evaluator: EvaluatorName): QueryResult {
    try {
      return this.engine.runQuery(store, req, { ...this.opts, evaluator });
    } catch (e) {
      // runQuery should never throw; a throw is an engine bug, reported as an internal error.
      return {
        ok: false,
        error: { kind: 'internal', code: 'internal', message: `runQuery threw: ${(e as Error).stack ?? String(e)}` },
        annotations: [],
        stats: null,
      };
    }
  }

  /** atModifierTestCases: the rewritten expression at the extra evaluation times, or a failure text. */
  private atModifierRuns(cmd: EvalCmd): { expr: string; evalMs: number }[] | string {
    let ast: Expr;
    try {
      ast = this.engine.parseExpr(cmd.expr);
    } catch (e) {
      return `parse error: ${(e as Error).message}`;
    }
    const rewritten = atModifierRewrite(ast, cmd.evalMs);
    if (rewritten === null || this.engine.printExpr === null) return [];
    let printed: string;
    try {
      printed = this.engine.printExpr(rewritten);
    } catch (e) {
      return `printing the @-modified expression failed: ${(e as Error).message}`;
    }
    return atModifierEvalTimes(cmd.evalMs).map((evalMs) => ({ expr: printed, evalMs }));
  }
}

function describeRequest(req: QueryRequest): string {
  return req.startMs === req.endMs ? `instant at ${req.startMs}ms` : `range ${req.startMs}..${req.endMs} step ${req.stepMs}ms`;
}

/** Errors that never count as the failure a case expects. */
function hardError(res: QueryResult): string | null {
  if (res.ok) return null;
  if (res.error.kind === 'unsupported') return `unsupported by this evaluator: ${res.error.message}`;
  if (res.error.kind === 'internal') return res.error.message;
  return null;
}

/** execRangeEval's checks. */
function checkRangeEval(cmd: EvalCmd, res: QueryResult): string | null {
  const hard = hardError(res);
  if (hard !== null) return hard;
  if (!res.ok) {
    if (isFail(cmd)) return checkExpectedFailure(cmd, res.error.message);
    return `error evaluating query ${JSON.stringify(cmd.expr)} (line ${cmd.line}): ${res.error.message}`;
  }
  if (isFail(cmd)) return `expected error evaluating query ${JSON.stringify(cmd.expr)} (line ${cmd.line}) but got none`;
  const a = checkAnnotations(cmd, cmd.expr, res.annotations);
  if (a !== null) return a;
  const c = compareResult(cmd, toHarnessValue(res.value, true));
  if (c !== null) return `error in eval ${cmd.expr} (line ${cmd.line}): ${c}`;
  return null;
}

/** runInstantQuery's checks of the instant run; says whether the range-mode check follows. */
function checkInstantRun(cmd: EvalCmd, expr: string, res: QueryResult): { failure: string | null; rangeCheck: boolean } {
  const hard = hardError(res);
  if (hard !== null) return { failure: hard, rangeCheck: false };
  if (!res.ok) {
    if (isFail(cmd)) return { failure: checkExpectedFailure(cmd, res.error.message), rangeCheck: false };
    return { failure: `error evaluating query ${JSON.stringify(expr)} (line ${cmd.line}): ${res.error.message}`, rangeCheck: false };
  }
  if (isFail(cmd)) return { failure: `expected error evaluating query ${JSON.stringify(expr)} (line ${cmd.line}) but got none`, rangeCheck: false };
  const a = checkAnnotations(cmd, expr, res.annotations);
  if (a !== null) return { failure: a, rangeCheck: false };
  const c = compareResult(cmd, toHarnessValue(res.value, false));
  if (c !== null) return { failure: `error in eval ${expr} (line ${cmd.line}): ${c}`, rangeCheck: false };
  const rangeCheck = !cmd.excludeFromRangeQuery && !RE_QUERY_CONTEXT_FUNCS.test(expr);
  return { failure: null, rangeCheck };
}

/** The range-mode cross-check: the E−1m..E+1m range query's point at E must match too. */
function checkRangeMode(cmd: EvalCmd, expr: string, evalMs: number, instantWasScalar: boolean, res: QueryResult): string | null {
  const hard = hardError(res);
  if (hard !== null) return hard;
  if (!res.ok) return `error evaluating query ${JSON.stringify(expr)} (line ${cmd.line}) in range mode: ${res.error.message}`;
  if (isOrdered(cmd)) return null;
  const mat = toHarnessValue(res.value, true);
  if (mat.kind !== 'matrix') return `range query returned a ${mat.kind}, expected a matrix`;
  const sorted = assertMatrixSorted(mat.series);
  if (sorted !== null) return sorted;
  const vec: HarnessSample[] = [];
  for (const s of mat.series) {
    for (let i = 0; i < s.t.length; i++) {
      if (s.t[i] === evalMs) {
        vec.push({ labels: s.labels, v: s.v[i] });
        break;
      }
    }
  }
  let c: string | null;
  if (instantWasScalar) {
    if (vec.length === 0) return `error in eval ${expr} (line ${cmd.line}) range mode: scalar query returned no point at ${evalMs}`;
    c = compareResult(cmd, { kind: 'scalar', v: vec[0].v });
  } else c = compareResult(cmd, { kind: 'vector', samples: vec });
  if (c !== null) return `error in eval ${expr} (line ${cmd.line}) range mode: ${c}`;
  return null;
}
