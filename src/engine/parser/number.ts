/**
 * Number and duration literals with Go's rules, as the PromQL parser applies them:
 * a NUMBER token is first read with `strconv.ParseInt(s, 0, 64)` (so `0x1f` is hex and
 * `0755` is octal) and, when that fails, with `strconv.ParseFloat` (mirrors
 * `parser.number`, promql/parser/parse.go). Durations follow `model.ParseDuration`
 * (prometheus/common).
 */
import { goQuote } from '../model/strings.ts';

/** Go's `underscoreOK`: `_` only between digits or between a base prefix and a digit. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0') {
    const c = s[1].toLowerCase();
    if (c === 'b' || c === 'o' || c === 'x') {
      hex = c === 'x';
      i = 2;
      saw = '0';
    }
  }
  for (; i < s.length; i++) {
    const c = s[i];
    const lower = c.toLowerCase();
    if ((c >= '0' && c <= '9') || (hex && lower >= 'a' && lower <= 'f')) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** Go's `strconv.ParseInt(s, 0, 64)`, returning null on any error. */
function parseGoInt(s: string): number | null {
  let body = s;
  let neg = false;
  if (body.startsWith('+') || body.startsWith('-')) {
    neg = body[0] === '-';
    body = body.slice(1);
  }
  if (body === '') return null;
  let base = 10;
  let digits = body;
  if (body[0] === '0' && body.length > 1) {
    const p = body[1].toLowerCase();
    if (p === 'x') {
      base = 16;
      digits = body.slice(2);
    } else if (p === 'o') {
      base = 8;
      digits = body.slice(2);
    } else if (p === 'b') {
      base = 2;
      digits = body.slice(2);
    } else {
      base = 8;
      digits = body.slice(1);
    }
  }
  if (body.includes('_')) {
    if (!underscoreOK(body)) return null;
    digits = digits.replace(/_/g, '');
  }
  if (digits === '') return null;
  let v = 0n;
  const b = BigInt(base);
  for (const ch of digits) {
    const d = parseInt(ch, 36);
    if (Number.isNaN(d) || d >= base) return null;
    v = v * b + BigInt(d);
  }
  if (neg) v = -v;
  if (v > 9223372036854775807n || v < -9223372036854775808n) return null;
  return Number(v);
}

const FLOAT_RE = /^[+-]?(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?$/;
const HEX_FLOAT_RE = /^[+-]?0[xX](?:[\da-fA-F_]+(?:\.[\da-fA-F_]*)?|\.[\da-fA-F_]+)[pP][+-]?\d[\d_]*$/;

/**
 * Go's `strconv.ParseFloat(s, 64)`. Throws Error with Go's message
 * (`strconv.ParseFloat: parsing "…": invalid syntax` / `value out of range`).
 */
export function parseGoFloat(s: string): number {
  const lower = s.toLowerCase();
  const unsigned = lower.replace(/^[+-]/, '');
  const sign = lower.startsWith('-') ? -1 : 1;
  if (unsigned === 'inf' || unsigned === 'infinity') return sign * Infinity;
  if (unsigned === 'nan' && lower === unsigned) return NaN;
  const quoted = goQuote(s);
  if (HEX_FLOAT_RE.test(s)) {
    if (s.includes('_') && !underscoreOK(s)) throw new Error(`strconv.ParseFloat: parsing ${quoted}: invalid syntax`);
    const m = /^([+-]?)0[xX]([\da-fA-F_]*)(?:\.([\da-fA-F_]*))?[pP]([+-]?[\d_]+)$/.exec(s)!;
    const intPart = m[2].replace(/_/g, '');
    const frac = (m[3] ?? '').replace(/_/g, '');
    let mant = 0;
    for (const ch of intPart + frac) mant = mant * 16 + parseInt(ch, 16);
    const v = mant * Math.pow(2, Number(m[4].replace(/_/g, '')) - 4 * frac.length);
    if (!Number.isFinite(v)) throw new Error(`strconv.ParseFloat: parsing ${quoted}: value out of range`);
    return m[1] === '-' ? -v : v;
  }
  if (!FLOAT_RE.test(s) || (s.includes('_') && !underscoreOK(s))) {
    throw new Error(`strconv.ParseFloat: parsing ${quoted}: invalid syntax`);
  }
  const v = Number(s.replace(/_/g, ''));
  if (!Number.isFinite(v)) throw new Error(`strconv.ParseFloat: parsing ${quoted}: value out of range`);
  return v;
}

/**
 * The value of a NUMBER token (Prometheus `parser.number`). Throws Error with the text
 * Prometheus reports after `error parsing number: `.
 */
export function parseNumberToken(s: string): number {
  const i = parseGoInt(s);
  if (i !== null) return i;
  return parseGoFloat(s);
}

const UNIT_MS: ReadonlyArray<readonly [string, number]> = [
  ['y', 365 * 24 * 3600_000], ['w', 7 * 24 * 3600_000], ['d', 24 * 3600_000], ['h', 3600_000],
  ['m', 60_000], ['s', 1000], ['ms', 1],
];

/**
 * `model.ParseDuration`: `1h30m`, `5m`, `100ms`, or `0`; units in decreasing order, each at
 * most once, integer amounts. Returns milliseconds. Throws Error with Prometheus's text
 * (`not a valid duration string: "…"`, `unknown unit "…" in duration "…"`).
 */
export function parseDurationMs(s: string): number {
  if (s === '0') return 0;
  const quoted = goQuote(s);
  if (s === '') throw new Error(`not a valid duration string: ${quoted}`);
  let i = 0;
  let lastUnit = -1;
  let total = 0;
  while (i < s.length) {
    let j = i;
    while (j < s.length && s[j] >= '0' && s[j] <= '9') j++;
    if (j === i) throw new Error(`not a valid duration string: ${quoted}`);
    const amount = Number(s.slice(i, j));
    let k = j;
    while (k < s.length && !(s[k] >= '0' && s[k] <= '9')) k++;
    const unit = s.slice(j, k);
    const idx = UNIT_MS.findIndex(([u]) => u === unit);
    if (idx < 0) {
      if (unit === '') throw new Error(`not a valid duration string: ${quoted}`);
      throw new Error(`unknown unit ${goQuote(unit)} in duration ${quoted}`);
    }
    if (idx <= lastUnit) throw new Error(`not a valid duration string: ${quoted}`);
    lastUnit = idx;
    total += amount * UNIT_MS[idx][1];
    i = k;
  }
  if (total > Number.MAX_SAFE_INTEGER) throw new Error(`duration out of range`);
  return total;
}

/** `model.Duration.String()`: `1h30m`, `5m`, `1s500ms`, `0s` (input in ms, non-negative). */
export function formatDurationMs(ms: number): string {
  if (ms === 0) return '0s';
  let rest = Math.trunc(ms);
  let out = '';
  for (const [unit, mult] of UNIT_MS) {
    const v = Math.floor(rest / mult);
    if (v > 0) {
      out += `${v}${unit}`;
      rest -= v * mult;
    }
  }
  return out;
}
