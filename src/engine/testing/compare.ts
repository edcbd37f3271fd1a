/**
 * Checking one query run against an eval block's expectations. Mirrors
 * `evalCmd.compareResult`, `checkAnnotations`, `validateExpectedAnnotationsOfType`,
 * `checkExpectedFailure` and `assertMatrixSorted` of promql/promqltest/test.go
 * (FORMAT.md §7.3–7.6). Every function returns null when the check passes, else the
 * failure text.
 */
import { compareLabels, formatLabels, labelsKey } from '../model/labels.ts';
import type { Annotation } from '../model/annotations.ts';
import { toLineCol } from '../model/position.ts';
import { almostEqual, DEFAULT_EPSILON } from './float-equal.ts';
import type { HarnessSeries, HarnessValue } from './harness-value.ts';
import { isOrdered, type EvalCmd, type ExpectMatcher } from './script.ts';

/** Go's `%v` of a float64, close enough for failure texts. */
function fmt(v: number): string {
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

function fmtSeries(s: HarnessSeries): string {
  const pts = s.t.map((t, i) => `${fmt(s.v[i])} @[${t}]`).join(' ');
  return `${s.t.length} float point${s.t.length === 1 ? '' : 's'} [${pts}]`;
}

/** assertMatrixSorted: a matrix must be sorted by labels (labels.Compare). */
export function assertMatrixSorted(series: readonly HarnessSeries[]): string | null {
  for (let i = 0; i + 1 < series.length; i++) {
    if (compareLabels(series[i].labels, series[i + 1].labels) > 0) {
      return `matrix results should always be sorted by labels, but matrix is not sorted: series at index ${i + 1} with labels ${formatLabels(series[i + 1].labels)} sorts before series at index ${i} with labels ${formatLabels(series[i].labels)}`;
    }
  }
  return null;
}

/** compareResult: the result value against the expected series/scalar/string. */
export function compareResult(cmd: EvalCmd, result: HarnessValue): string | null {
  switch (result.kind) {
    case 'matrix': {
      if (isOrdered(cmd)) return 'expected ordered result, but query returned a matrix';
      if (cmd.expectScalar) return `expected scalar result, but got matrix of ${result.series.length} series`;
      const sorted = assertMatrixSorted(result.series);
      if (sorted !== null) return sorted;
      const seen = new Set<string>();
      for (const s of result.series) {
        const key = labelsKey(s.labels);
        const exp = cmd.expected.get(key);
        if (exp === undefined) return `unexpected metric ${formatLabels(s.labels)} in result, has ${fmtSeries(s)}`;
        seen.add(key);
        const expT: number[] = [];
        const expV: number[] = [];
        const expStale: boolean[] = [];
        let expHist = 0;
        for (let i = 0; i < exp.values.length; i++) {
          const t = cmd.startMs + i * cmd.stepMs;
          if (t > cmd.endMs) {
            return `expected ${exp.values.length} points for ${formatLabels(exp.labels)}, but query time range cannot return this many points`;
          }
          const e = exp.values[i];
          if (e.histogram) expHist++;
          else if (!e.omitted) {
            expT.push(t);
            expV.push(e.value);
            expStale.push(e.stale);
          }
        }
        if (expT.length !== s.t.length || expHist !== 0) {
          return `expected ${expT.length} float points and ${expHist} histogram points for ${formatLabels(exp.labels)}, but got ${fmtSeries(s)}`;
        }
        for (let i = 0; i < expT.length; i++) {
          if (expT[i] !== s.t[i]) {
            return `expected float value at index ${i} for ${formatLabels(exp.labels)} to have timestamp ${expT[i]}, but it had timestamp ${s.t[i]} (result has ${fmtSeries(s)})`;
          }
          if (!almostEqual(s.v[i], expV[i], DEFAULT_EPSILON, false, expStale[i])) {
            return `expected float value at index ${i} (t=${s.t[i]}) for ${formatLabels(exp.labels)} to be ${expStale[i] ? 'stale' : fmt(expV[i])}, but got ${fmt(s.v[i])} (result has ${fmtSeries(s)})`;
          }
        }
      }
      for (const [key, exp] of cmd.expected) if (!seen.has(key)) return `expected metric ${formatLabels(exp.labels)} not found`;
      return null;
    }
    case 'vector': {
      if (cmd.expectScalar) return `expected scalar result, but got vector of ${result.samples.length} samples`;
      const seen = new Set<string>();
      const ordered = isOrdered(cmd);
      for (let pos = 0; pos < result.samples.length; pos++) {
        const v = result.samples[pos];
        const key = labelsKey(v.labels);
        const exp = cmd.expected.get(key);
        if (exp === undefined) return `unexpected metric ${formatLabels(v.labels)} in result, has value ${fmt(v.v)}`;
        if (ordered && exp.pos !== pos + 1) {
          return `expected metric ${formatLabels(v.labels)} with ${fmtValues(exp.values)} at position ${exp.pos} but was at ${pos + 1}`;
        }
        const e0 = exp.values[0];
        if (e0.histogram) return `expected histogram for ${formatLabels(v.labels)} but got float value ${fmt(v.v)}`;
        if (!almostEqual(e0.value, v.v, DEFAULT_EPSILON, e0.stale, false)) {
          return `expected ${e0.stale ? 'stale' : fmt(e0.value)} for ${formatLabels(v.labels)} but got ${fmt(v.v)}`;
        }
        seen.add(key);
      }
      for (const [key, exp] of cmd.expected) {
        if (!seen.has(key)) return `expected metric ${formatLabels(exp.labels)} with ${fmtValues(exp.values)} not found`;
      }
      return null;
    }
    case 'scalar': {
      if (!cmd.expectScalar || cmd.expectedScalar === null) return `expected vector or matrix result, but got scalar ${fmt(result.v)}`;
      const e = cmd.expectedScalar;
      if (!almostEqual(e.value, result.v, DEFAULT_EPSILON, e.stale, false)) return `expected scalar ${fmt(e.value)} but got ${fmt(result.v)}`;
      return null;
    }
    case 'string':
      if (cmd.expectedString !== result.s) return `expected string "${cmd.expectedString}" but got "${result.s}"`;
      return null;
  }
}

function fmtValues(vals: readonly { omitted: boolean; value: number; stale: boolean; histogram: boolean }[]): string {
  return `[${vals.map((v) => (v.omitted ? '_' : v.stale ? 'stale' : v.histogram ? '{{…}}' : fmt(v.value))).join(' ')}]`;
}

/**
 * An annotation as the HTTP API and promqltest render it: `<text> (<line>:<col>)`, where
 * line:col is the 1-based line and byte column of the annotated node's start in `expr`
 * (the query text as run).
 */
export function renderAnnotation(a: Annotation, expr: string): string {
  const { line, col } = toLineCol(expr, a.range.from);
  return `${a.message} (${line}:${col})`;
}

function matches(e: ExpectMatcher, s: string): boolean {
  return e.regex === null ? e.message === s : e.regex.test(s);
}

function validateOfType(cmd: EvalCmd, expr: string, expected: readonly ExpectMatcher[], actual: readonly string[], kind: string, all: readonly string[]): string | null {
  if (expected.length === 0) return null;
  if (actual.length === 0) return `expected ${kind} annotations but none were found for query ${JSON.stringify(expr)} (line ${cmd.line})`;
  for (const e of expected) {
    if (!actual.some((a) => matches(e, a))) {
      return `expected ${kind} annotation matching ${e.regex === null ? 'message' : 'pattern'} ${JSON.stringify(e.text)} but no matching annotation was found for query ${JSON.stringify(expr)} (line ${cmd.line}), found: [${all.join(' ')}]`;
    }
  }
  for (const a of actual) {
    if (!expected.some((e) => matches(e, a))) return `unexpected ${kind} annotation ${JSON.stringify(a)} found for query ${expr} (line ${cmd.line})`;
  }
  return null;
}

/** checkAnnotations: warn/info expectations, no_warn/no_info, and the legacy eval_warn/eval_info. */
export function checkAnnotations(cmd: EvalCmd, expr: string, annotations: readonly Annotation[]): string | null {
  const warnings: string[] = [];
  const infos: string[] = [];
  // The engine's Annotations already keep one entry per text, last position winning, as Prometheus's map does.
  for (const a of annotations) (a.severity === 'warning' ? warnings : infos).push(renderAnnotation(a, expr));
  const all = [...warnings, ...infos];
  if (cmd.legacyWarn && warnings.length === 0) return `expected warnings evaluating query ${JSON.stringify(expr)} (line ${cmd.line}) but got none`;
  if (cmd.legacyInfo && infos.length === 0) return `expected info annotations evaluating query ${JSON.stringify(expr)} (line ${cmd.line}) but got none`;
  const w = validateOfType(cmd, expr, cmd.expectWarn, warnings, 'warn', all);
  if (w !== null) return w;
  const i = validateOfType(cmd, expr, cmd.expectInfo, infos, 'info', all);
  if (i !== null) return i;
  if (cmd.expectNoWarn && warnings.length > 0) return `unexpected warning annotations evaluating query ${JSON.stringify(expr)} (line ${cmd.line}): [${all.join(' ')}]`;
  if (cmd.expectNoInfo && infos.length > 0) return `unexpected info annotations evaluating query ${JSON.stringify(expr)} (line ${cmd.line}): [${all.join(' ')}]`;
  return null;
}

/** checkExpectedFailure: the raw error text (no position) against the fail expectations. */
export function checkExpectedFailure(cmd: EvalCmd, message: string): string | null {
  if (cmd.expectedFailMessage !== null && cmd.expectedFailMessage !== '' && cmd.expectedFailMessage !== message) {
    return `expected error ${JSON.stringify(cmd.expectedFailMessage)} evaluating query ${JSON.stringify(cmd.expr)} (line ${cmd.line}), but got: ${message}`;
  }
  if (cmd.expectedFailRegexp !== null && !cmd.expectedFailRegexp.test(message)) {
    return `expected error matching pattern ${JSON.stringify(cmd.expectedFailRegexp.source)} evaluating query ${JSON.stringify(cmd.expr)} (line ${cmd.line}), but got: ${message}`;
  }
  if (cmd.expectFail.length > 0 && !matches(cmd.expectFail[0], message)) {
    return `expected error matching ${JSON.stringify(cmd.expectFail[0].text)} evaluating query ${JSON.stringify(cmd.expr)} (line ${cmd.line}), but got: ${message}`;
  }
  return null;
}
