import { describe, expect, it } from 'vitest';
import { GO_STRCONV_UNQUOTE_RULES, UnquoteError, unquoteString, unquoteWithRules } from './unquote.ts';

const strconv = (s: string) => unquoteWithRules(s, GO_STRCONV_UNQUOTE_RULES);

// Expectations from Go's strconv.Unquote and Prometheus's util/strutil.Unquote (a copy of
// it without the single-character rule for '…').
describe('unquoteString (strutil.Unquote)', () => {
  it('decodes every Go escape', () => {
    expect(unquoteString('"\\a\\b\\f\\n\\r\\t\\v\\\\"')).toBe('\x07\b\f\n\r\t\v\\');
    expect(unquoteString('"\\x41\\101\\u00e9\\U0001F600"')).toBe('AAé😀');
    expect(unquoteString("'\\''")).toBe("'");
    expect(unquoteString('"\\""')).toBe('"');
  });
  it('keeps byte escapes as bytes (byte-string convention)', () => {
    expect(unquoteString('"\\xff"')).toBe('\udcff');
    expect(unquoteString('"\\377a"')).toBe('\udcffa');
    expect(unquoteString('"\\xc3\\xa9"')).toBe('é');
  });
  it('keeps a raw non-UTF-8 byte only when there is nothing to unescape, as strutil does', () => {
    expect(unquoteString('"a\udcffb"')).toBe('a\udcffb');
    // unquoteChar decodes the byte as utf8.RuneError.
    expect(unquoteString('"a\udcff\\n"')).toBe('a\ufffd\n');
    expect(unquoteString("'\udcff\\''")).toBe("\ufffd'");
    expect(unquoteString("'\udcff\"'")).toBe('\udcff"');
  });
  it('allows any number of characters between single quotes', () => {
    expect(unquoteString("'ab'")).toBe('ab');
    expect(unquoteString("''")).toBe('');
  });
  it('encodes an escaped surrogate code point as U+FFFD', () => {
    expect(unquoteString('"\\ud800"')).toBe('\ufffd');
  });
  it('keeps carriage returns in raw strings', () => {
    expect(unquoteString('`a\r\nb\\n`')).toBe('a\r\nb\\n');
  });
  it('rejects malformed literals', () => {
    for (const bad of ['"', '"a', '"a\'', '`a`b`', '"a"b"', '"a\nb"', '"\\"', '"\\q"', '"\\x4"', '"\\400"', '"\\08"',
      '"\\U00110000"', '"\\\'"', "'\\\"'", 'abc']) {
      expect(() => unquoteString(bad), bad).toThrow(UnquoteError);
    }
  });
});

describe('unquoteWithRules (strconv.Unquote)', () => {
  it('decodes the same escapes', () => {
    expect(strconv('"\\x41\\101\\u00e9\\U0001F600\\n"')).toBe('AAé😀\n');
    expect(strconv('"\\xff"')).toBe('\udcff');
  });
  it('requires exactly one character between single quotes', () => {
    expect(strconv("'a'")).toBe('a');
    expect(strconv("'é'")).toBe('é');
    expect(strconv("'😀'")).toBe('😀');
    expect(strconv("'\\x41'")).toBe('A');
    expect(() => strconv("'ab'")).toThrow(UnquoteError);
    expect(() => strconv("''")).toThrow(UnquoteError);
    expect(() => strconv("'\\x41b'")).toThrow(UnquoteError);
  });
  it('rejects an escaped surrogate code point', () => {
    expect(() => strconv('"\\ud800"')).toThrow(UnquoteError);
    expect(() => strconv('"\\U0000DFFF"')).toThrow(UnquoteError);
  });
  it('drops carriage returns from raw strings', () => {
    expect(strconv('`a\r\nb\\n`')).toBe('a\nb\\n');
  });
});
