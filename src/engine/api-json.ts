/**
 * Prometheus HTTP API JSON for a query result (`/api/v1/query`, `/api/v1/query_range`):
 * `{status:"success", data:{resultType, result}, warnings?, infos?}` or
 * `{status:"error", errorType, error}`. Mirrors web/api/v1/api.go and its JSON codec:
 * sample values are strings in Go's `strconv.FormatFloat(v, 'f', -1, 64)` form,
 * timestamps are seconds (ms precision), a range query always yields a matrix sorted by
 * labels, and annotations are strings with their `(line:col)` position.
 */
import { compareLabels, type Labels } from './model/labels.ts';
import type { Annotation } from './model/annotations.ts';
import type { ErrorKind } from './model/errors.ts';
import { toLineCol } from './model/position.ts';
import type { QueryValue } from './model/result.ts';
import type { QueryResult } from './query.ts';

/** `[seconds, "value"]`. */
export type ApiPoint = [number, string];

/** The API's `data` object: `resultType` and `result`. */
export type ApiData =
  | { readonly resultType: 'vector'; readonly result: { metric: Record<string, string>; value: ApiPoint }[] }
  | { readonly resultType: 'matrix'; readonly result: { metric: Record<string, string>; values: ApiPoint[] }[] }
  | { readonly resultType: 'scalar'; readonly result: ApiPoint }
  | { readonly resultType: 'string'; readonly result: [number, string] };

/** The API's error types (web/api/v1/api.go `errorType`). */
export type ApiErrorType = 'bad_data' | 'execution' | 'timeout' | 'canceled' | 'internal';

/** A whole API response body. */
export type ApiResponse =
  | { status: 'success'; data: ApiData; warnings?: string[]; infos?: string[] }
  | { status: 'error'; errorType: ApiErrorType; error: string; warnings?: string[]; infos?: string[] };

/**
 * Go's `strconv.FormatFloat(v, 'f', -1, 64)`: the shortest decimal that round-trips, in
 * plain (never exponent) notation; `NaN`, `+Inf`, `-Inf`; negative zero is `-0`.
 */
export function formatGoFloat(v: number): string {
  if (v !== v) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  // toExponential() without digits gives the shortest round-trip digits, as Go does.
  const [mant, expStr] = v.toExponential().split('e');
  const exp = Number(expStr);
  const neg = mant[0] === '-';
  const digits = mant.replace('-', '').replace('.', '');
  let out: string;
  if (exp < 0) out = '0.' + '0'.repeat(-exp - 1) + digits;
  else if (digits.length <= exp + 1) out = digits + '0'.repeat(exp + 1 - digits.length);
  else out = digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
  return neg ? '-' + out : out;
}

/** A ms timestamp as the API writes it: seconds with up to 3 decimals. */
export function apiTimestamp(ms: number): number {
  return ms / 1000;
}

/**
 * A string as Go's encoding/json writes it: invalid UTF-8 bytes (kept as U+DC80+byte by
 * model/strings.ts) become U+FFFD.
 */
export function jsonSafeString(s: string): string {
  // Fast path: no surrogates at all.
  if (!/[\ud800-\udfff]/.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[i] + s[i + 1];
        i++;
        continue;
      }
    }
    out += c >= 0xd800 && c <= 0xdfff ? '\ufffd' : s[i];
  }
  return out;
}

function metricRecord(labels: Labels): Record<string, string> {
  const rec: Record<string, string> = {};
  for (const l of labels) rec[jsonSafeString(l.name)] = jsonSafeString(l.value);
  return rec;
}

/** The API error type of an engine error kind (`returnAPIError`; parse errors are `bad_data`). */
export function apiErrorType(kind: ErrorKind): ApiErrorType {
  switch (kind) {
    case 'parse':
    case 'type':
      return 'bad_data';
    case 'timeout':
      return 'timeout';
    case 'cancelled':
      return 'canceled';
    case 'internal':
      return 'internal';
    default:
      return 'execution';
  }
}

/** The HTTP status the API answers an error type with (api.go `respondError`). */
export function apiHttpStatus(errorType: ApiErrorType | null): number {
  switch (errorType) {
    case null: return 200;
    case 'bad_data': return 400;
    case 'execution': return 422;
    case 'timeout':
    case 'canceled': return 503;
    case 'internal': return 500;
  }
}

/** An annotation as the API prints it: `<text> (<line>:<col>)` when the query text is known. */
export function apiAnnotation(a: Annotation, expr?: string): string {
  if (expr === undefined) return a.message;
  const { line, col } = toLineCol(expr, a.range.from);
  return `${a.message} (${line}:${col})`;
}

function dataOf(value: QueryValue, kind: 'instant' | 'range'): ApiData {
  if (kind === 'range') {
    if (value.kind === 'vector') {
      const result: { metric: Record<string, string>; values: ApiPoint[]; labels: Labels }[] = [];
      const ts = value.timestamps;
      for (const s of value.series) {
        const values: ApiPoint[] = [];
        for (let i = 0; i < ts.length; i++) if (s.present[i] === 1) values.push([apiTimestamp(ts[i]), formatGoFloat(s.values[i])]);
        if (values.length > 0) result.push({ metric: metricRecord(s.labels), values, labels: s.labels });
      }
      result.sort((a, b) => compareLabels(a.labels, b.labels));
      return { resultType: 'matrix', result: result.map(({ metric, values }) => ({ metric, values })) };
    }
    if (value.kind === 'scalar') {
      const values: ApiPoint[] = [];
      for (let i = 0; i < value.timestamps.length; i++) values.push([apiTimestamp(value.timestamps[i]), formatGoFloat(value.values[i])]);
      return { resultType: 'matrix', result: [{ metric: {}, values }] };
    }
  }
  switch (value.kind) {
    case 'vector': {
      const t = apiTimestamp(value.timestamps[0]);
      const result: { metric: Record<string, string>; value: ApiPoint }[] = [];
      for (const s of value.series) if (s.present[0] === 1) result.push({ metric: metricRecord(s.labels), value: [t, formatGoFloat(s.values[0])] });
      return { resultType: 'vector', result };
    }
    case 'scalar':
      return { resultType: 'scalar', result: [apiTimestamp(value.timestamps[0]), formatGoFloat(value.values[0])] };
    case 'string':
      return { resultType: 'string', result: [apiTimestamp(value.timestamps[0]), jsonSafeString(value.value)] };
    case 'matrix':
      return {
        resultType: 'matrix',
        result: value.series.map((s) => {
          const values: ApiPoint[] = new Array(s.t.length);
          for (let i = 0; i < s.t.length; i++) values[i] = [apiTimestamp(s.t[i]), formatGoFloat(s.v[i])];
          return { metric: metricRecord(s.labels), values };
        }),
      };
  }
}

/**
 * Serializes a query result as the Prometheus HTTP API does. `kind` is the query kind
 * (an instant query of an instant-vector expression gives `vector`; a range query always
 * gives `matrix`; an instant query of a range-vector expression gives `matrix`). Pass the
 * query text as `expr` to get annotation positions; parse errors get the API's
 * `invalid parameter "query": ` prefix.
 */
export function toApiJson(result: QueryResult, kind: 'instant' | 'range', expr?: string): ApiResponse {
  const warnings: string[] = [];
  const infos: string[] = [];
  for (const a of result.annotations) (a.severity === 'warning' ? warnings : infos).push(apiAnnotation(a, expr));
  const extra: { warnings?: string[]; infos?: string[] } = {};
  if (warnings.length > 0) extra.warnings = warnings;
  if (infos.length > 0) extra.infos = infos;
  if (!result.ok) {
    const errorType = apiErrorType(result.error.kind);
    const error = errorType === 'bad_data' ? `invalid parameter "query": ${result.error.message}` : result.error.message;
    return { status: 'error', errorType, error, ...extra };
  }
  return { status: 'success', data: dataOf(result.value, kind), ...extra };
}
