/**
 * Reads a promqltest script into commands. Mirrors `test.parse`, `parseLoad`,
 * `parseEval`, `parseExpect` and the `@st` helpers of promql/promqltest/test.go
 * (FORMAT.md §1–6), with one deliberate difference:
 *
 * Known difference from Prometheus: upstream rejects the whole file at the first problem.
 * Here a broken eval block becomes a {@link BrokenEval} (reported as a failing case) and
 * a broken load or an unknown command is recorded in `errors`, so one unsupported line
 * does not hide every other case of the file.
 */
import { labelsEqual, labelsKey, type Labels } from '../model/labels.ts';
import { parsePromDuration } from './duration.ts';
import { compileGoRegexp, goUnquote, parseGoNumber } from './go-syntax.ts';
import type {
  BrokenEval,
  Command,
  EvalCmd,
  ExpectMatcher,
  ExpectedSeries,
  LoadSample,
  LoadSeries,
  ParsedScript,
  ScriptError,
  SeriesDescriptionParser,
  SequenceValue,
  TextPattern,
} from './script.ts';

const PAT_SPACE = /[\t ]+/;
const PAT_LOAD = /^load(?:_(with_nhcb))?\s+(.+?)$/;
const PAT_EVAL_INSTANT = /^eval(?:_(fail|warn|ordered|info))?\s+instant\s+(?:at\s+(.+?))?\s+(.+)$/;
const PAT_EVAL_RANGE = /^eval(?:_(fail|warn|info))?\s+range\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+?)\s+(.+)$/;
const PAT_EXPECT = /^expect\s+(ordered|fail|warn|no_warn|info|no_info)(?:\s+(regex|msg):(.+))?$/;
const RANGE_VECTOR_PREFIX = 'expect range vector';
const PAT_EXPECT_RANGE = /^expect range vector\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+)$/;
const EXPECT_STRING_PREFIX = 'expect string';
const MATCH_ANY: TextPattern = { source: '^.*$', test: () => true };

/** What the script parser needs from the engine's parser. */
export interface ScriptParserDeps {
  readonly parseSeries: SeriesDescriptionParser;
  /** Throws when the expression does not parse (upstream: the file is invalid). Optional. */
  readonly checkExpr?: (expr: string) => void;
}

/** Parses a whole script. Never throws: problems are returned in `errors` or as BrokenEval. */
export function parseScript(input: string, deps: ScriptParserDeps): ParsedScript {
  const lines = getLines(input);
  const commands: (Command | BrokenEval)[] = [];
  const errors: ScriptError[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l === '') continue;
    const c = l.split(PAT_SPACE, 1)[0].toLowerCase();
    if (c === 'clear') {
      commands.push({ type: 'clear', line: i + 1 });
    } else if (c.startsWith('load')) {
      const r = parseLoad(lines, i, deps);
      if ('error' in r) {
        errors.push({ line: r.errorLine + 1, message: r.error });
        // Upstream would stop here; we record a broken load so later cases fail loudly.
        commands.push({ type: 'load', line: i + 1, intervalMs: 0, withNHCB: false, series: [], broken: r.error });
        i = skipBlock(lines, i);
      } else {
        commands.push(r.cmd);
        i = r.next;
      }
    } else if (c.startsWith('eval')) {
      const r = parseEval(lines, i, deps);
      if ('error' in r) {
        commands.push({ type: 'broken-eval', line: i + 1, expr: r.expr, message: r.error });
        i = skipBlock(lines, i);
      } else {
        commands.push(r.cmd);
        i = r.next;
      }
    } else {
      errors.push({ line: i + 1, message: `invalid command ${JSON.stringify(l)}` });
    }
  }
  return { commands, errors };
}

/** Trimmed lines, comment lines emptied (getLines). */
export function getLines(input: string): string[] {
  return input.split('\n').map((l) => {
    const t = l.trim();
    return t.startsWith('#') ? '' : t;
  });
}

/** Index of the last line of the block starting at i (the line before the next empty one). */
function skipBlock(lines: readonly string[], i: number): number {
  while (i + 1 < lines.length && lines[i + 1] !== '') i++;
  return i;
}

type LoadResult = { cmd: Command; next: number } | { error: string; errorLine: number };

function parseLoad(lines: readonly string[], i: number, deps: ScriptParserDeps): LoadResult {
  const parts = PAT_LOAD.exec(lines[i]);
  if (parts === null) return { error: 'invalid load command. (load[_with_nhcb] <step:duration>)', errorLine: i };
  const withNHCB = parts[1] === 'with_nhcb';
  let intervalMs: number;
  try {
    intervalMs = parsePromDuration(parts[2]);
  } catch (e) {
    return { error: `invalid step definition ${JSON.stringify(parts[2])}: ${(e as Error).message}`, errorLine: i };
  }
  const header = i;
  const order: string[] = [];
  const byKey = new Map<string, LoadSeries>();
  let defaultST: SequenceValue[] | null = null;
  let pendingST: { labels: Labels; vals: SequenceValue[]; line: number } | null = null;
  while (i + 1 < lines.length) {
    i++;
    const defLine = lines[i];
    if (defLine === '') {
      i--;
      break;
    }
    try {
      if (isSTLine(defLine)) {
        if (pendingST !== null) return { error: '@st line has no following sample line', errorLine: pendingST.line };
        const st = parseSTLine(defLine, deps);
        if (st.labels.length === 0) {
          defaultST = st.vals;
          continue;
        }
        pendingST = { labels: st.labels, vals: st.vals, line: i };
        continue;
      }
      const s = deps.parseSeries(defLine);
      if (pendingST !== null) {
        if (!labelsEqual(s.labels, pendingST.labels)) return { error: '@st metric does not match the following sample line metric', errorLine: pendingST.line };
        if (pendingST.vals.length !== s.values.length) {
          return { error: `@st line has ${pendingST.vals.length} values but sample line has ${s.values.length}`, errorLine: pendingST.line };
        }
      }
      const key = labelsKey(s.labels);
      if (!byKey.has(key)) order.push(key);
      byKey.set(key, toLoadSeries(s.labels, s.values, intervalMs, pendingST?.vals ?? null, defaultST));
      pendingST = null;
    } catch (e) {
      return { error: `${i + 1}: ${(e as Error).message}`, errorLine: i };
    }
  }
  if (pendingST !== null) return { error: '@st line has no following sample line', errorLine: pendingST.line };
  const series = order.map((k) => byKey.get(k) as LoadSeries);
  return { cmd: { type: 'load', line: header + 1, intervalMs, withNHCB, series }, next: i };
}

/** loadCmd.set: slot k gets time k × interval; `_` slots are skipped; ST from the @st line or the default @st line (cycled). */
function toLoadSeries(
  labels: Labels,
  vals: readonly SequenceValue[],
  intervalMs: number,
  stVals: readonly SequenceValue[] | null,
  defaultST: readonly SequenceValue[] | null,
): LoadSeries {
  const samples: LoadSample[] = [];
  let hasHistograms = false;
  for (let k = 0; k < vals.length; k++) {
    const v = vals[k];
    const t = k * intervalMs;
    if (v.omitted) continue;
    if (v.histogram) {
      hasHistograms = true;
      continue;
    }
    let st: number | null = null;
    if (stVals !== null && stVals.length > 0) {
      if (!stVals[k].omitted) st = t + stVals[k].value;
    } else if (defaultST !== null && defaultST.length > 0) {
      const d = defaultST[k % defaultST.length];
      if (!d.omitted) st = t + d.value;
    }
    samples.push({ t, v: v.value, stale: v.stale, st });
  }
  return { labels, samples, hasHistograms };
}

function isSTLine(defLine: string): boolean {
  const idx = defLine.search(/[ \t]/);
  if (idx < 0) return false;
  return defLine.slice(0, idx).endsWith('@st');
}

function parseSTLine(defLine: string, deps: ScriptParserDeps): { labels: Labels; vals: SequenceValue[] } {
  const idx = defLine.search(/[ \t]/);
  const metricPart = defLine.slice(0, idx).slice(0, -3);
  const valsPart = defLine.slice(idx + 1).trim();
  let vals: SequenceValue[];
  try {
    vals = parseSTSequence(valsPart);
  } catch (e) {
    throw new Error(`invalid @st sequence: ${(e as Error).message}`);
  }
  if (metricPart === '') return { labels: [], vals };
  try {
    return { labels: deps.parseSeries(`${metricPart} _`).labels, vals };
  } catch (e) {
    throw new Error(`invalid @st line metric ${JSON.stringify(metricPart)}: ${(e as Error).message}`);
  }
}

const OMITTED: SequenceValue = { omitted: true, value: 0, stale: false, histogram: false };
const stValue = (ms: number): SequenceValue => ({ omitted: false, value: ms, stale: false, histogram: false });

/** parseSTSequence: `_`, `_xN`, `*`, `*xN`, `<d>`, `<d>xN`, `<d>+<e>xN`, `<d>-<e>xN` (offsets in ms). */
export function parseSTSequence(input: string): SequenceValue[] {
  const out: SequenceValue[] = [];
  for (const item of input.split(/\s+/).filter((x) => x !== '')) {
    let prev = 0;
    for (let k = out.length - 1; k >= 0; k--) {
      if (!out[k].omitted) {
        prev = out[k].value;
        break;
      }
    }
    try {
      out.push(...parseSTItem(item, prev));
    } catch (e) {
      throw new Error(`invalid ST item ${JSON.stringify(item)}: ${(e as Error).message}`);
    }
  }
  return out;
}

function parseCount(s: string): number {
  if (!/^\d+$/.test(s)) throw new Error('invalid repeat count');
  return Number(s);
}

function parseSTItem(item: string, prev: number): SequenceValue[] {
  if (item === '_') return [OMITTED];
  if (item.startsWith('_x')) {
    const n = parseCount(item.slice(2));
    if (n === 0) throw new Error('invalid repeat count');
    return new Array<SequenceValue>(n).fill(OMITTED);
  }
  if (item === '*') return [stValue(prev)];
  if (item.startsWith('*x')) return new Array<SequenceValue>(parseCount(item.slice(2)) + 1).fill(stValue(prev));
  const [base, rest] = parseDurationPrefix(item);
  if (rest === '') return [stValue(base)];
  if (rest[0] === 'x') return new Array<SequenceValue>(parseCount(rest.slice(1)) + 1).fill(stValue(base));
  if (rest[0] !== '+' && rest[0] !== '-') throw new Error(`unexpected character ${JSON.stringify(rest[0])} after duration`);
  let [delta, rest2] = parseDurationPrefix(rest.slice(1));
  if (rest[0] === '-') delta = -delta;
  if (rest2 === '' || rest2[0] !== 'x') throw new Error("expected 'x<count>' after step duration");
  const n = parseCount(rest2.slice(1));
  const vals: SequenceValue[] = [];
  for (let k = 0, off = base; k <= n; k++, off += delta) vals.push(stValue(off));
  return vals;
}

function parseDurationPrefix(s: string): [number, string] {
  if (s === '') throw new Error('empty duration');
  let i = 0;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    i++;
  }
  const start = i;
  while (i < s.length && s[i] >= '0' && s[i] <= '9') i++;
  if (i === start) throw new Error(`expected digits in duration ${JSON.stringify(s)}`);
  while (i < s.length && /[a-zA-Z]/.test(s[i]) && s[i] !== 'x') i++;
  const ms = parsePromDuration(s.slice(start, i));
  return [neg ? -ms : ms, s.slice(i)];
}

type EvalResult = { cmd: EvalCmd; next: number } | { error: string; expr: string };

function parseEval(lines: readonly string[], i: number, deps: ScriptParserDeps): EvalResult {
  const header = lines[i];
  const instantParts = PAT_EVAL_INSTANT.exec(header);
  const rangeParts = PAT_EVAL_RANGE.exec(header);
  if (instantParts === null && rangeParts === null) {
    return {
      expr: header,
      error:
        "invalid evaluation command. Must be either 'eval[_fail|_warn|_ordered] instant [at <offset:duration>] <query>' or 'eval[_fail|_warn] range from <from> to <to> step <step> <query>'",
    };
  }
  const isInstant = instantParts !== null;
  const mod = isInstant ? instantParts[1] : (rangeParts as RegExpExecArray)[1];
  const expr = isInstant ? instantParts[3] : (rangeParts as RegExpExecArray)[5];
  const lineNo = i + 1;
  const formatErr = (msg: string): { error: string; expr: string } => ({ expr, error: `error in eval ${expr} (line ${lineNo}): ${msg}` });

  if (deps.checkExpr) {
    try {
      deps.checkExpr(expr);
    } catch (e) {
      return { expr, error: (e as Error).message };
    }
  }

  let startMs: number;
  let endMs = Number.NEGATIVE_INFINITY;
  let stepMs = 0;
  let evalMs: number;
  let isRange = false;
  if (isInstant) {
    const at = instantParts[2] ?? '';
    try {
      startMs = parsePromDuration(at);
    } catch (e) {
      return formatErr(`invalid timestamp definition ${JSON.stringify(at)}: ${(e as Error).message}`);
    }
    evalMs = startMs;
  } else {
    const rp = rangeParts as RegExpExecArray;
    const d = parseDurations(rp[2], rp[3], rp[4]);
    if (typeof d === 'string') return formatErr(d);
    [startMs, endMs, stepMs] = d;
    evalMs = startMs;
    isRange = true;
  }

  let expectedFailMessage: string | null = null;
  let expectedFailRegexp: TextPattern | null = null;
  const expectFail: ExpectMatcher[] = [];
  const expectWarn: ExpectMatcher[] = [];
  const expectInfo: ExpectMatcher[] = [];
  let noWarn = false;
  let noInfo = false;
  let ordered = false;
  let expectScalar = false;
  let expectedScalar: SequenceValue | null = null;
  const expected = new Map<string, ExpectedSeries>();
  let expectedString = '';
  let exclude = false;
  let expectRangeVector = false;
  let expectsHistograms = false;
  const legacyFail = mod === 'fail';

  for (let j = 1; i + 1 < lines.length; j++) {
    i++;
    const defLine = lines[i];
    if (defLine === '') {
      i--;
      break;
    }
    if (legacyFail && defLine.startsWith('expected_fail_message')) {
      expectedFailMessage = defLine.slice('expected_fail_message'.length).trim();
      break;
    }
    if (legacyFail && defLine.startsWith('expected_fail_regexp')) {
      const pattern = defLine.slice('expected_fail_regexp'.length).trim();
      try {
        expectedFailRegexp = compileGoRegexp(pattern);
      } catch (e) {
        return formatErr(`invalid regexp '${pattern}' for expected_fail_regexp: ${(e as Error).message}`);
      }
      break;
    }
    if (defLine.startsWith(RANGE_VECTOR_PREFIX)) {
      const p = PAT_EXPECT_RANGE.exec(defLine);
      if (p === null) return formatErr(`invalid range vector definition ${JSON.stringify(defLine)}`);
      const d = parseDurations(p[1], p[2], p[3]);
      if (typeof d === 'string') return formatErr(d);
      [startMs, endMs, stepMs] = d;
      evalMs = endMs;
      expectRangeVector = true;
      exclude = true;
      continue;
    }
    if (defLine.startsWith(EXPECT_STRING_PREFIX)) {
      const s = parseAsStringLiteral(defLine);
      if (s.error !== null) return formatErr(s.error);
      expectedString = s.value;
      exclude = true;
      continue;
    }
    if (defLine.split(' ')[0] === 'expect') {
      const m = PAT_EXPECT.exec(defLine.trim());
      if (m === null) return formatErr('invalid expect statement, must match `expect <type> <match_type>: <string>` format');
      let matcher: ExpectMatcher;
      if (m[2] === 'msg') matcher = { message: m[3].trim(), regex: null, text: m[3].trim() };
      else if (m[2] === 'regex') {
        const pattern = m[3].trim();
        try {
          matcher = { message: null, regex: compileGoRegexp(pattern), text: pattern };
        } catch {
          return formatErr(`invalid regex ${pattern} for ${m[1]}`);
        }
      } else matcher = { message: null, regex: MATCH_ANY, text: MATCH_ANY.source };
      switch (m[1]) {
        case 'fail': expectFail.push(matcher); break;
        case 'warn': expectWarn.push(matcher); break;
        case 'info': expectInfo.push(matcher); break;
        case 'no_warn': noWarn = true; break;
        case 'no_info': noInfo = true; break;
        case 'ordered': ordered = true; break;
      }
      j--;
      if (expectInfo.length > 0 && noInfo) return formatErr('invalid expect lines, info and no_info cannot be used together');
      if (expectWarn.length > 0 && noWarn) return formatErr('invalid expect lines, warn and no_warn cannot be used together');
      if (expectFail.length > 1) return formatErr('invalid expect lines, multiple expect fail lines are not allowed');
      continue;
    }
    const f = parseGoNumber(defLine);
    if (f !== null) {
      expectScalar = true;
      expectedScalar = { omitted: false, value: f, stale: false, histogram: false };
      break;
    }
    let s;
    try {
      s = deps.parseSeries(defLine);
    } catch (e) {
      return { expr, error: `${i + 1}: ${(e as Error).message}` };
    }
    if (s.values.length > 1 && isInstant && !expectRangeVector) {
      return formatErr(
        "expecting multiple values in instant evaluation not allowed. consider using 'expect range vector' directive to enable a range vector result for an instant query",
      );
    }
    if (s.values.some((v) => v.histogram)) expectsHistograms = true;
    expectScalar = false;
    expected.set(labelsKey(s.labels), { labels: s.labels, pos: j, values: s.values });
  }

  const cmd: EvalCmd = {
    type: 'eval',
    line: lineNo,
    expr,
    isRange,
    startMs,
    endMs,
    stepMs,
    evalMs,
    legacyFail,
    legacyWarn: mod === 'warn',
    legacyInfo: mod === 'info',
    legacyOrdered: mod === 'ordered',
    expectedFailMessage,
    expectedFailRegexp,
    expectFail,
    expectWarn,
    expectInfo,
    expectNoWarn: noWarn,
    expectNoInfo: noInfo,
    expectOrdered: ordered,
    expectScalar,
    expectedScalar,
    expected,
    expectedString,
    excludeFromRangeQuery: exclude,
    expectsHistograms,
  };
  return { cmd, next: i };
}

function parseDurations(from: string, to: string, step: string): [number, number, number] | string {
  let f: number;
  let t: number;
  let s: number;
  try {
    f = parsePromDuration(from);
  } catch (e) {
    return `invalid start timestamp definition ${JSON.stringify(from)}: ${(e as Error).message}`;
  }
  try {
    t = parsePromDuration(to);
  } catch (e) {
    return `invalid end timestamp definition ${JSON.stringify(to)}: ${(e as Error).message}`;
  }
  if (t < f) return `invalid test definition, end timestamp (${to}) is before start timestamp (${from})`;
  try {
    s = parsePromDuration(step);
  } catch (e) {
    return `invalid step definition ${JSON.stringify(step)}: ${(e as Error).message}`;
  }
  return [f, t, s];
}

function parseAsStringLiteral(line: string): { value: string; error: null } | { value: ''; error: string } {
  if (line === EXPECT_STRING_PREFIX) return { value: '', error: 'expected string literal not valid - a quoted string literal is required' };
  const str = line.startsWith(EXPECT_STRING_PREFIX + ' ') ? line.slice(EXPECT_STRING_PREFIX.length + 1) : line;
  if (str === '') return { value: '', error: 'expected string literal not valid - a quoted string literal is required' };
  const v = goUnquote(str);
  if (v === null) return { value: '', error: 'expected string literal not valid - check that the string is correctly quoted' };
  return { value: v, error: null };
}
