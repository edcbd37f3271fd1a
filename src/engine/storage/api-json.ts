/**
 * Loads Prometheus HTTP API query results (`/api/v1/query_range` → `matrix`,
 * `/api/v1/query` → `vector`) as stored series:
 *
 *     {"status":"success","data":{"resultType":"matrix","result":[
 *       {"metric":{"__name__":"up","job":"a"},"values":[[1700000000,"1"],[1700000015,"1"]]}]}}
 *
 * The whole response, its `data` object, or the bare `result` array are accepted. Times
 * are seconds (up to ms precision), values are strings as the API prints them (`"NaN"`,
 * `"+Inf"`, …). Native-histogram points (`histograms`/`histogram`) are not stored; their
 * series are reported. A series given twice is merged; its times must strictly increase.
 *
 * All-or-nothing: problems throw PromQLError('parse', 'bad_data', 'line N: …'), where N
 * is the line of the JSON syntax error, or for a bad series the line where its
 * `"metric"` key appears.
 */
import { labelsFromPairs, type Labels } from '../model/labels.ts';
import { parseGoFloat } from '../parser/number.ts';
import { loadError, withLine } from './load-error.ts';
import type { Storage } from './storage.ts';
import { StorageBuilder } from './storage-builder.ts';

export interface ApiJsonResult {
  readonly storage: Storage;
  readonly resultType: 'matrix' | 'vector';
  /** Series that had native-histogram points (not stored). */
  readonly histogramSeries: readonly Labels[];
}

/**
 * True when `text` looks like an API JSON document: it starts with `{"` or `[` and ends
 * with `}` or `]` (an exposition line starting with `{"name"…` ends with a number).
 */
export function isApiJson(text: string): boolean {
  return /^\s*(\{\s*"|\[)/.test(text) && /[}\]]\s*$/.test(text);
}

export function loadApiJson(text: string): ApiJsonResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw loadError(jsonErrorLine(text, msg), `invalid JSON: ${msg}`);
  }
  const metricLines = lineStartsOfKey(text, '"metric"');
  let result: unknown = doc;
  let resultType: 'matrix' | 'vector' | undefined;
  if (isObject(result) && ('status' in result || 'data' in result)) {
    if ('status' in result && result.status !== 'success') throw loadError(1, `API response status is ${JSON.stringify(result.status)}, not "success"`);
    result = result.data;
  }
  if (isObject(result) && 'resultType' in result) {
    if (result.resultType !== 'matrix' && result.resultType !== 'vector') {
      throw loadError(1, `resultType ${JSON.stringify(result.resultType)} cannot be loaded: want "matrix" or "vector"`);
    }
    resultType = result.resultType;
    result = result.result;
  }
  if (!Array.isArray(result)) throw loadError(1, 'expected a query result: {"status":"success","data":{"resultType":"matrix","result":[…]}}');

  const builder = new StorageBuilder();
  const histogramSeries: Labels[] = [];
  for (let k = 0; k < result.length; k++) {
    const line = metricLines[k] ?? 1;
    const series: unknown = result[k];
    if (!isObject(series) || !isObject(series.metric)) throw loadError(line, `result[${k}]: expected an object with "metric"`);
    const pairs: [string, string][] = [];
    for (const [name, value] of Object.entries(series.metric)) {
      if (typeof value !== 'string') throw loadError(line, `result[${k}].metric.${name}: label value must be a string`);
      pairs.push([name, value]);
    }
    const labels = labelsFromPairs(pairs);
    let points: unknown[];
    if ('values' in series || 'histograms' in series) {
      resultType ??= 'matrix';
      points = Array.isArray(series.values) ? series.values : [];
    } else if ('value' in series || 'histogram' in series) {
      resultType ??= 'vector';
      points = series.value !== undefined ? [series.value] : [];
    } else {
      throw loadError(line, `result[${k}]: no "values" or "value"`);
    }
    if (series.histograms !== undefined || series.histogram !== undefined) histogramSeries.push(labels);
    const ref = points.length > 0 ? builder.seriesRef(labels) : -1;
    for (let i = 0; i < points.length; i++) {
      const p = points[i];
      if (!Array.isArray(p) || p.length !== 2) throw loadError(line, `result[${k}] point ${i}: expected [seconds, "value"]`);
      const tMs = secondsToMs(p[0]);
      if (tMs === null) throw loadError(line, `result[${k}] point ${i}: invalid timestamp ${JSON.stringify(p[0])}`);
      let v: number;
      try {
        if (typeof p[1] !== 'string') throw new Error();
        v = parseGoFloat(p[1]);
      } catch {
        throw loadError(line, `result[${k}] point ${i}: invalid value ${JSON.stringify(p[1])}`);
      }
      try {
        builder.appendRef(ref, tMs, v);
      } catch (e) {
        throw withLine(line, e);
      }
    }
  }
  return { storage: builder.seal(), resultType: resultType ?? 'matrix', histogramSeries };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Seconds (number or numeric string) → integer ms, or null when not a whole ms. */
function secondsToMs(x: unknown): number | null {
  const sec = typeof x === 'number' ? x : typeof x === 'string' && x.trim() !== '' ? Number(x) : NaN;
  if (!Number.isFinite(sec)) return null;
  const ms = Math.round(sec * 1000);
  if (!Number.isSafeInteger(ms) || Math.abs(ms - sec * 1000) > 1e-3) return null;
  return ms;
}

/** 1-based lines on which each occurrence of `key` starts, in text order. */
function lineStartsOfKey(text: string, key: string): number[] {
  const out: number[] = [];
  let line = 1;
  let from = 0;
  for (let at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + key.length)) {
    for (let i = from; i < at; i++) if (text.charCodeAt(i) === 10) line++;
    from = at;
    out.push(line);
  }
  return out;
}

/** The line of a JSON.parse error, from V8's `at position N` or `(line L column C)`. */
function jsonErrorLine(text: string, msg: string): number {
  const lc = /line (\d+) column \d+/.exec(msg);
  if (lc) return Number(lc[1]);
  const pos = /position (\d+)/.exec(msg);
  if (!pos) return 1;
  let line = 1;
  const end = Math.min(Number(pos[1]), text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
