/**
 * Small pieces of Go's standard library the harness relies on: `strconv.ParseInt(s, 0,
 * 64)` then `strconv.ParseFloat` (promqltest `parseNumber`), `strconv.Unquote` (for
 * `expect string`), and RE2 regexps (`regexp.MatchString`, unanchored) via re2js.
 */
import { RE2JS } from 're2js';
import { bytesToString } from '../model/strings.ts';
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
 * model/strings.ts. Returns null when the text is not a valid Go quoted string.
 */
export function goUnquote(s: string): string | null {
  if (s.length < 2) return null;
  const q = s[0];
  if (q !== s[s.length - 1]) return null;
  const body = s.slice(1, -1);
  // Raw strings cannot contain a backtick; Go drops carriage returns from them.
  if (q === '`') return body.includes('`') ? null : body.replace(/\r/g, '');
  if (q !== '"' && q !== "'") return null;
  const bytes: number[] = [];
  const pushText = (t: string): void => pushUtf8(bytes, t.codePointAt(0) as number);
  let chars = 0;
  for (let i = 0; i < body.length; ) {
    const c = body[i];
    if (c === q || c === '\n') return null;
    if (c !== '\\') {
      const cp = body.codePointAt(i) as number;
      const ch = String.fromCodePoint(cp);
      pushText(ch);
      i += ch.length;
      chars++;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) return null;
    i += 2;
    chars++;
    switch (e) {
      case 'a': bytes.push(7); break;
      case 'b': bytes.push(8); break;
      case 'f': bytes.push(12); break;
      case 'n': bytes.push(10); break;
      case 'r': bytes.push(13); break;
      case 't': bytes.push(9); break;
      case 'v': bytes.push(11); break;
      case '\\': bytes.push(92); break;
      case '"':
      case "'":
        if (e !== q) return null;
        bytes.push(e.charCodeAt(0));
        break;
      case 'x': {
        const h = body.slice(i, i + 2);
        if (!/^[0-9a-fA-F]{2}$/.test(h)) return null;
        bytes.push(parseInt(h, 16));
        i += 2;
        break;
      }
      case 'u':
      case 'U': {
        const n = e === 'u' ? 4 : 8;
        const h = body.slice(i, i + n);
        if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(h)) return null;
        const cp = parseInt(h, 16);
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
        pushText(String.fromCodePoint(cp));
        i += n;
        break;
      }
      default: {
        if (e >= '0' && e <= '7') {
          const o = body.slice(i - 1, i + 2);
          if (!/^[0-7]{3}$/.test(o)) return null;
          const v = parseInt(o, 8);
          if (v > 255) return null;
          bytes.push(v);
          i += 2;
          break;
        }
        return null;
      }
    }
  }
  if (q === "'" && chars !== 1) return null;
  return bytesToString(Uint8Array.from(bytes));
}

/** Appends the UTF-8 encoding of one code point. */
function pushUtf8(out: number[], cp: number): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}

/** Compiles a Go regexp for unanchored matching (`regexp.MatchString`). Throws on bad syntax. */
export function compileGoRegexp(pattern: string): TextPattern {
  const re = RE2JS.compile(pattern);
  return { source: pattern, test: (s: string) => re.matcher(s).find() };
}
