/**
 * String-literal unquoting with Go's rules, as Prometheus's `util/strutil.Unquote` applies
 * them to PromQL strings: `"…"` and `'…'` with escapes (`\a \b \f \n \r \t \v \\ \' \"`,
 * `\NNN` octal, `\xNN`, `\uNNNN`, `\UNNNNNNNN`), and raw `` `…` `` strings without any.
 *
 * The same decoder also serves Go's `strconv.Unquote` (the promqltest harness's `expect
 * string`), which differs in three points listed in {@link UnquoteRules}.
 *
 * `\xNN` and `\NNN` produce single bytes, which need not form valid UTF-8. The result uses
 * the engine's byte-string convention (model/strings.ts): valid UTF-8 becomes ordinary
 * characters, a stray byte becomes the lone surrogate U+DC80+byte.
 */
import { bytesToString } from '../model/strings.ts';

/** Thrown by {@link unquoteString}; the message is Go's `invalid syntax`. */
export class UnquoteError extends Error {
  constructor() {
    super('invalid syntax');
    this.name = 'UnquoteError';
  }
}

function pushUtf8(out: number[], cp: number): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}

function hexVal(c: string): number {
  const v = parseInt(c, 16);
  return c.length === 1 && !Number.isNaN(v) ? v : -1;
}

/** The points where Go's `strconv.Unquote` differs from Prometheus's `strutil.Unquote`. */
export interface UnquoteRules {
  /** A `'…'` literal holds exactly one character or escape (strconv); strutil allows any number. */
  readonly singleCharQuotes: boolean;
  /** `\u`/`\U` escapes of surrogate code points are an error (strconv); strutil encodes U+FFFD. */
  readonly rejectSurrogateEscapes: boolean;
  /** Carriage returns are dropped from raw `` `…` `` strings (strconv); strutil keeps them. */
  readonly rawDropsCarriageReturns: boolean;
}

/** Prometheus's `util/strutil.Unquote`, used for PromQL string literals. */
export const PROMQL_UNQUOTE_RULES: UnquoteRules = {
  singleCharQuotes: false,
  rejectSurrogateEscapes: false,
  rawDropsCarriageReturns: false,
};

/** Go's `strconv.Unquote`. */
export const GO_STRCONV_UNQUOTE_RULES: UnquoteRules = {
  singleCharQuotes: true,
  rejectSurrogateEscapes: true,
  rawDropsCarriageReturns: true,
};

/** Mirrors strutil.Unquote. Throws {@link UnquoteError} on malformed input. */
export function unquoteString(quoted: string): string {
  return unquoteWithRules(quoted, PROMQL_UNQUOTE_RULES);
}

/**
 * Mirrors strutil.Unquote, or strconv.Unquote with {@link GO_STRCONV_UNQUOTE_RULES}.
 * Throws {@link UnquoteError} on malformed input.
 */
export function unquoteWithRules(quoted: string, rules: UnquoteRules): string {
  const n = quoted.length;
  if (n < 2) throw new UnquoteError();
  const quote = quoted[0];
  if (quote !== quoted[n - 1]) throw new UnquoteError();
  const s = quoted.slice(1, n - 1);
  if (quote === '`') {
    if (s.includes('`')) throw new UnquoteError();
    return rules.rawDropsCarriageReturns ? s.replace(/\r/g, '') : s;
  }
  if (quote !== '"' && quote !== "'") throw new UnquoteError();
  if (s.includes('\n')) throw new UnquoteError();
  const countChars = rules.singleCharQuotes && quote === "'";
  if (!countChars && !s.includes('\\') && !s.includes(quote)) return s;

  const bytes: number[] = [];
  let chars = 0;
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === quote) throw new UnquoteError();
    chars++;
    if (c !== '\\') {
      const cp = s.codePointAt(i)!;
      // A lone surrogate is a raw byte that is not UTF-8 (model/strings.ts). Go's
      // unquoteChar decodes such a byte as utf8.RuneError, so it becomes U+FFFD here; only
      // the trivial case above (no escapes, no quote) keeps it. strconv.Unquote would also
      // turn it into U+FFFD in the trivial case; the harness reads UTF-8 text, so never sees one.
      if (cp >= 0xd800 && cp <= 0xdfff) pushUtf8(bytes, 0xfffd);
      else pushUtf8(bytes, cp);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    if (i + 1 >= s.length) throw new UnquoteError();
    const e = s[i + 1];
    i += 2;
    switch (e) {
      case 'a': bytes.push(7); break;
      case 'b': bytes.push(8); break;
      case 'f': bytes.push(12); break;
      case 'n': bytes.push(10); break;
      case 'r': bytes.push(13); break;
      case 't': bytes.push(9); break;
      case 'v': bytes.push(11); break;
      case '\\': bytes.push(0x5c); break;
      case "'":
      case '"':
        if (e !== quote) throw new UnquoteError();
        bytes.push(e.charCodeAt(0));
        break;
      case 'x':
      case 'u':
      case 'U': {
        const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        if (i + len > s.length) throw new UnquoteError();
        let v = 0;
        for (let j = 0; j < len; j++) {
          const d = hexVal(s[i + j]);
          if (d < 0) throw new UnquoteError();
          v = v * 16 + d;
        }
        i += len;
        if (e === 'x') bytes.push(v);
        else {
          if (v > 0x10ffff) throw new UnquoteError();
          const surrogate = v >= 0xd800 && v <= 0xdfff;
          if (surrogate && rules.rejectSurrogateEscapes) throw new UnquoteError();
          // strutil encodes a surrogate code point as U+FFFD (utf8.EncodeRune).
          pushUtf8(bytes, surrogate ? 0xfffd : v);
        }
        break;
      }
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        let v = e.charCodeAt(0) - 48;
        if (i + 2 > s.length) throw new UnquoteError();
        for (let j = 0; j < 2; j++) {
          const d = s.charCodeAt(i + j) - 48;
          if (d < 0 || d > 7) throw new UnquoteError();
          v = (v << 3) | d;
        }
        i += 2;
        if (v > 255) throw new UnquoteError();
        bytes.push(v);
        break;
      }
      default:
        throw new UnquoteError();
    }
  }
  if (countChars && chars !== 1) throw new UnquoteError();
  return bytesToString(Uint8Array.from(bytes));
}
