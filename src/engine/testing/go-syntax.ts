/**
 * Small pieces of Go's standard library the harness relies on: `strconv.ParseInt(s, 0,
 * 64)` then `strconv.ParseFloat` (promqltest `parseNumber`), `strconv.Unquote` (for
 * `expect string`), and RE2 regexps (`regexp.MatchString`, unanchored) via re2js.
 */
import { RE2JS } from 're2js';
import { GO_STRCONV_UNQUOTE_RULES, UnquoteError, unquoteWithRules } from '../parser/unquote.ts';
import type { TextPattern } from './script.ts';

const GO_INT_RE = /^[+-]?(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|0(?:_?[0-7])*|[1-9](?:_?[0-9])*)$/;
const GO_FLOAT_RE = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const GO_SPECIAL_RE = /^(?:[+-]?(?:inf|infinity)|nan)$/i;
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/**
 * promqltest's `parseNumber`: Go `strconv.ParseInt(s, 0, 64)` (so `010` is octal 8 and
 * `0x1f` hex), else `strconv.ParseFloat(s, 64)` (`1e-3`, `NaN`, `+Inf`, `inf`). Returns
 * null when neither accepts the text.
 */
export function parseGoNumber(s: string): number | null {
  if (GO_INT_RE.test(s)) {
    const neg = s[0] === '-';
    let body = s.replace(/^[+-]/, '').replace(/_/g, '');
    let radix = 10;
    if (/^0[xX]/.test(body)) { radix = 16; body = body.slice(2); }
    else if (/^0[oO]/.test(body)) { radix = 8; body = body.slice(2); }
    else if (/^0[bB]/.test(body)) { radix = 2; body = body.slice(2); }
    else if (body.length > 1 && body[0] === '0') { radix = 8; body = body.slice(1); }
    let n = 0n;
    for (const ch of body) n = n * BigInt(radix) + BigInt(parseInt(ch, radix));
    if (neg) n = -n;
    if (n <= INT64_MAX && n >= INT64_MIN) return Number(n);
    // Out of int64 range: ParseInt fails and ParseFloat gets the text.
  }
  if (GO_SPECIAL_RE.test(s)) {
    if (/nan/i.test(s)) return NaN;
    return s[0] === '-' ? -Infinity : Infinity;
  }
  if (GO_FLOAT_RE.test(s)) return Number(s);
  return null;
}

/**
 * Go `strconv.Unquote`: `"…"` with Go escapes, `` `…` `` raw, or `'x'` (one character).
 * Byte escapes (`\xff`, `\377`) produce bytes, returned in the byte-string convention of
 * model/strings.ts. Returns null when the text is not a valid Go quoted string. The
 * decoding is the parser's (strutil.Unquote is a copy of strconv's), with strconv's rules.
 */
export function goUnquote(s: string): string | null {
  try {
    return unquoteWithRules(s, GO_STRCONV_UNQUOTE_RULES);
  } catch (e) {
    if (e instanceof UnquoteError) return null;
    throw e;
  }
}

/** Compiles a Go regexp for unanchored matching (`regexp.MatchString`). Throws on bad syntax. */
export function compileGoRegexp(pattern: string): TextPattern {
  const re = RE2JS.compile(pattern);
  return { source: pattern, test: (s: string) => re.matcher(s).find() };
}
