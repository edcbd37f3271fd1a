/**
 * Loads the Prometheus text exposition format and OpenMetrics text, with a timestamp on
 * every sample (a data file is a history, not one scrape):
 *
 *     # HELP http_requests_total Requests served.
 *     # TYPE http_requests_total counter
 *     http_requests_total{code="200",path="/a\"b"} 1027 1700000000000
 *
 * Format: OpenMetrics when a `# EOF` line is present (it must be the last non-empty
 * line); its timestamps are seconds with up to 3 decimals. Otherwise the Prometheus text
 * format, whose timestamps are integer ms. Values are Go floats (`NaN`, `+Inf`, `-Inf`,
 * `1e3`, …) or `stale` (a staleness marker, as the oracle's data format allows). Label
 * values take the escapes `\\`, `\"` and `\n`; an empty value means the label is absent.
 * Samples of different series may interleave; per series, times must strictly increase.
 * OpenMetrics exemplars (` # {…} v t` after the sample) are ignored.
 *
 * `promtool tsdb dump` output (`{__name__="up", job="a"} 1 1700000000000`, ms times,
 * values printed with Go's %g and label values with Go's %q) is read with format
 * `promtool-dump`, which takes Go string escapes (`\t`, `\xNN`, `\u…`) in label values.
 *
 * All-or-nothing: any problem throws PromQLError('parse', 'bad_data', 'line N: …') and
 * no storage is produced.
 */
import { labelsFromPairs, METRIC_NAME } from '../model/labels.ts';
import { parseGoFloat } from '../parser/number.ts';
import { unquoteString } from '../parser/unquote.ts';
import { loadError, withLine } from './load-error.ts';
import type { Storage } from './storage.ts';
import { StorageBuilder, type SeriesRef } from './storage-builder.ts';

export type ExpositionFormat = 'prometheus' | 'openmetrics' | 'promtool-dump';

export interface ExpositionOptions {
  /** `auto` (default): OpenMetrics if the text has a `# EOF` line, else `prometheus`. */
  readonly format?: 'auto' | ExpositionFormat;
}

export interface ExpositionResult {
  readonly storage: Storage;
  readonly format: ExpositionFormat;
}

const METRIC_NAME_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const METRIC_TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped', 'unknown', 'gaugehistogram', 'stateset', 'info']);

/** True when the text is OpenMetrics (has a `# EOF` line). */
export function isOpenMetrics(text: string): boolean {
  return /^# EOF[ \t]*\r?$/m.test(text);
}

/** Parses exposition text into a new sealed Storage. See the module comment. */
export function loadExposition(text: string, options: ExpositionOptions = {}): ExpositionResult {
  const format: ExpositionFormat = options.format === undefined || options.format === 'auto' ? (isOpenMetrics(text) ? 'openmetrics' : 'prometheus') : options.format;
  const builder = new StorageBuilder();
  appendExposition(builder, text, format);
  return { storage: builder.seal(), format };
}

/**
 * Appends exposition text to `builder`. Throws on the first bad line; the builder may
 * then hold part of the text, so pass a fresh builder when a failed load must leave
 * nothing behind (as {@link loadExposition} does).
 */
export function appendExposition(builder: StorageBuilder, text: string, format: ExpositionFormat): void {
  const lines = text.split('\n');
  const refs: SeriesRefCache = new Map();
  let eofLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    // Blanks around tokens are insignificant, at the line ends too.
    const line = lines[i].replace(/^[ \t]+/, '').replace(/[ \t\r]+$/, '');
    if (line === '') continue;
    if (eofLine > 0) throw loadError(lineNo, `unexpected content after "# EOF" (line ${eofLine})`);
    if (line.startsWith('#')) {
      if (format === 'openmetrics' && line === '# EOF') {
        eofLine = lineNo;
        continue;
      }
      parseComment(builder, line, lineNo, format);
      continue;
    }
    parseSample(builder, refs, line, lineNo, format);
  }
  if (format === 'openmetrics' && eofLine === 0) throw loadError(lines.length, 'OpenMetrics text must end with "# EOF"');
}

/** `# HELP name text`, `# TYPE name type`, `# UNIT name unit`; other comments are ignored. */
function parseComment(builder: StorageBuilder, line: string, lineNo: number, format: ExpositionFormat): void {
  const m = /^#[ \t]+(HELP|TYPE|UNIT)[ \t]+(\S+)(?:[ \t]+(.*))?$/.exec(line);
  if (!m) return;
  const [, keyword, name, rest = ''] = m;
  if (!METRIC_NAME_RE.test(name) || METRIC_NAME_RE.exec(name)![0] !== name) throw loadError(lineNo, `invalid metric name ${JSON.stringify(name)} in # ${keyword}`);
  if (keyword === 'TYPE') {
    const type = rest.trim();
    if (!METRIC_TYPES.has(type)) throw loadError(lineNo, `invalid metric type ${JSON.stringify(type)}`);
    builder.setMetadata(name, { type });
  } else if (keyword === 'HELP') {
    builder.setMetadata(name, { help: unescapeHelp(rest, lineNo, format) });
  } else {
    builder.setMetadata(name, { unit: rest.trim() });
  }
}

function unescapeHelp(s: string, lineNo: number, format: ExpositionFormat): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = s[++i];
    if (n === '\\') out += '\\';
    else if (n === 'n') out += '\n';
    else if (n === '"' && format === 'openmetrics') out += '"';
    else throw loadError(lineNo, `invalid escape sequence "\\${n ?? ''}" in HELP text`);
  }
  return out;
}

/**
 * Series text (everything before the value) → series ref. Lines of one series repeat
 * the same text, so only its first line pays for label parsing.
 */
type SeriesRefCache = Map<string, SeriesRef>;

/**
 * Where the series text of a `series value timestamp` line ends: the line minus its
 * last two blank-separated fields (values and timestamps never contain blanks), or -1.
 */
function seriesTextEnd(line: string): number {
  let i = line.length - 1;
  for (let field = 0; field < 2; field++) {
    while (i >= 0 && line[i] !== ' ' && line[i] !== '\t') i--;
    while (i >= 0 && (line[i] === ' ' || line[i] === '\t')) i--;
  }
  return i + 1;
}

/** Parses `name{labels} value timestamp [# exemplar]` and appends it. */
function parseSample(builder: StorageBuilder, refs: SeriesRefCache, line: string, lineNo: number, format: ExpositionFormat): void {
  // Fast path: a series seen before, on a line without an exemplar.
  const end = format === 'openmetrics' && line.includes(' # ') ? -1 : seriesTextEnd(line);
  if (end > 0) {
    const ref = refs.get(line.slice(0, end));
    if (ref !== undefined) {
      const fields = line.slice(end).trim().split(/[ \t]+/);
      appendSample(builder, ref, fields[0], fields[1], lineNo, format);
      return;
    }
  }
  let pos = 0;
  let name = '';
  const pairs: [string, string][] = [];
  const seen = new Set<string>();
  const nameMatch = METRIC_NAME_RE.exec(line);
  if (nameMatch) {
    name = nameMatch[0];
    pos = name.length;
    const brace = skipSpace(line, pos);
    if (line[brace] === '{') pos = brace;
  } else if (line[0] !== '{') {
    throw loadError(lineNo, `invalid metric name at ${JSON.stringify(line.slice(0, 20))}`);
  }
  if (line[pos] === '{') {
    pos++;
    for (;;) {
      pos = skipSpace(line, pos);
      if (line[pos] === '}') {
        pos++;
        break;
      }
      let labelName: string;
      if (line[pos] === '"') {
        const q = readQuoted(line, pos, lineNo, format);
        pos = skipSpace(line, q.end);
        if (line[pos] !== '=') {
          // A bare quoted string is the metric name (UTF-8 names, Prometheus 3 / OM 2).
          if (name !== '') throw loadError(lineNo, `metric name given twice`);
          name = q.value;
          if (name === '') throw loadError(lineNo, 'empty metric name');
          if (line[pos] === ',') pos++;
          continue;
        }
        labelName = q.value;
      } else {
        const lm = LABEL_NAME_RE.exec(line.slice(pos));
        if (!lm) throw loadError(lineNo, `invalid label name at column ${pos + 1}`);
        labelName = lm[0];
        pos = skipSpace(line, pos + labelName.length);
      }
      if (line[pos] !== '=') throw loadError(lineNo, `expected "=" after label name ${JSON.stringify(labelName)}`);
      pos = skipSpace(line, pos + 1);
      if (line[pos] !== '"') throw loadError(lineNo, `expected a quoted value for label ${JSON.stringify(labelName)}`);
      const q = readQuoted(line, pos, lineNo, format);
      pos = skipSpace(line, q.end);
      if (seen.has(labelName)) throw loadError(lineNo, `duplicate label name ${JSON.stringify(labelName)}`);
      seen.add(labelName);
      pairs.push([labelName, q.value]);
      if (line[pos] === ',') pos++;
      else if (line[pos] !== '}') throw loadError(lineNo, `expected "," or "}" after label ${JSON.stringify(labelName)}`);
    }
  }
  if (seen.has(METRIC_NAME)) {
    if (name !== '') throw loadError(lineNo, 'metric name given twice');
  } else {
    if (name === '') throw loadError(lineNo, 'missing metric name');
    pairs.push([METRIC_NAME, name]);
  }
  if (line[pos] !== ' ' && line[pos] !== '\t') throw loadError(lineNo, pos >= line.length ? 'missing value' : `unexpected ${JSON.stringify(line[pos])} after the series`);
  const rest = line.slice(pos).trim();
  // Strip an OpenMetrics exemplar.
  const hash = format === 'openmetrics' ? rest.indexOf(' # ') : -1;
  const fields = (hash >= 0 ? rest.slice(0, hash) : rest).trim().split(/[ \t]+/);
  if (fields.length < 2) throw loadError(lineNo, `missing timestamp (every sample needs one)`);
  if (fields.length > 2) throw loadError(lineNo, `unexpected ${JSON.stringify(fields[2])} after the timestamp`);
  const ref = builder.seriesRef(labelsFromPairs(pairs));
  // Cache only lines whose two last fields are the value and timestamp just parsed.
  if (end > 0 && hash < 0) refs.set(line.slice(0, end), ref);
  appendSample(builder, ref, fields[0], fields[1], lineNo, format);
}

function appendSample(builder: StorageBuilder, ref: SeriesRef, valueText: string, tsText: string, lineNo: number, format: ExpositionFormat): void {
  let stale = false;
  let v = NaN;
  if (valueText === 'stale') stale = true;
  else {
    try {
      v = parseGoFloat(valueText);
    } catch {
      throw loadError(lineNo, `invalid value ${JSON.stringify(valueText)}`);
    }
  }
  const tMs = format === 'openmetrics' ? parseSecondsTimestamp(tsText, lineNo) : parseMsTimestamp(tsText, lineNo);
  try {
    builder.appendRef(ref, tMs, v, stale);
  } catch (e) {
    throw withLine(lineNo, e);
  }
}

function skipSpace(s: string, pos: number): number {
  while (s[pos] === ' ' || s[pos] === '\t') pos++;
  return pos;
}

/**
 * Reads a double-quoted string at `pos` with the escapes `\\`, `\"`, `\n` (or, for
 * promtool dumps, any Go escape).
 */
function readQuoted(s: string, pos: number, lineNo: number, format: ExpositionFormat): { value: string; end: number } {
  if (format === 'promtool-dump') return readGoQuoted(s, pos, lineNo);
  let out = '';
  let i = pos + 1;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '"') return { value: out, end: i + 1 };
    if (c === '\\') {
      const n = s[++i];
      if (n === '\\') out += '\\';
      else if (n === '"') out += '"';
      else if (n === 'n') out += '\n';
      else throw loadError(lineNo, `invalid escape sequence "\\${n ?? ''}" in label value`);
    } else out += c;
  }
  throw loadError(lineNo, 'unterminated quoted string');
}

function readGoQuoted(s: string, pos: number, lineNo: number): { value: string; end: number } {
  let i = pos + 1;
  while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
  if (i >= s.length) throw loadError(lineNo, 'unterminated quoted string');
  try {
    return { value: unquoteString(s.slice(pos, i + 1)), end: i + 1 };
  } catch {
    throw loadError(lineNo, `invalid quoted string ${s.slice(pos, i + 1)}`);
  }
}

function parseMsTimestamp(s: string, lineNo: number): number {
  if (!/^-?\d+$/.test(s)) throw loadError(lineNo, `invalid timestamp ${JSON.stringify(s)}: want integer milliseconds`);
  const t = Number(s);
  if (!Number.isSafeInteger(t)) throw loadError(lineNo, `timestamp ${s} out of range`);
  return t;
}

/** OpenMetrics seconds → ms, exactly: digits are shifted, not multiplied in floating point. */
function parseSecondsTimestamp(s: string, lineNo: number): number {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) {
    // Allow other float spellings (e.g. 1.7e9) when they are a whole number of ms.
    let sec: number;
    try {
      sec = parseGoFloat(s);
    } catch {
      throw loadError(lineNo, `invalid timestamp ${JSON.stringify(s)}: want seconds`);
    }
    const ms = Math.round(sec * 1000);
    if (!Number.isSafeInteger(ms) || Math.abs(ms - sec * 1000) > 1e-6 * Math.max(1, Math.abs(ms))) {
      throw loadError(lineNo, `invalid timestamp ${JSON.stringify(s)}: want seconds with at most 3 decimals`);
    }
    return ms;
  }
  const frac = m[3] ?? '';
  if (frac.replace(/0+$/, '').length > 3) throw loadError(lineNo, `timestamp ${s} has more than millisecond precision`);
  const ms = Number(m[2]) * 1000 + Number((frac + '000').slice(0, 3));
  if (!Number.isSafeInteger(ms)) throw loadError(lineNo, `timestamp ${s} out of range`);
  return m[1] === '-' ? -ms : ms;
}
