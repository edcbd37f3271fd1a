import { describe, expect, it } from 'vitest';
import { bytesToString, goQuote, isValidUtf8 } from './strings.ts';

describe('byte strings', () => {
  it('decodes valid UTF-8 to ordinary strings', () => {
    const s = bytesToString(new TextEncoder().encode('héllo ✓ \u{1f600}'));
    expect(s).toBe('héllo ✓ \u{1f600}');
    expect(isValidUtf8(s)).toBe(true);
  });

  it('escapes invalid bytes as lone surrogates and quotes them as Go %q does', () => {
    const s = bytesToString(Uint8Array.of(0x61, 0xc5, 0x7a)); // "a\xc5z": 0xc5 needs a continuation byte
    expect(s).toBe('a\udcc5z');
    expect(isValidUtf8(s)).toBe(false);
    expect(goQuote(s)).toBe('"a\\xc5z"');
    expect(goQuote(bytesToString(Uint8Array.of(0xff)))).toBe('"\\xff"');
  });

  it('rejects overlong encodings and surrogate code points like Go', () => {
    expect(isValidUtf8(bytesToString(Uint8Array.of(0xc0, 0x80)))).toBe(false);
    expect(isValidUtf8(bytesToString(Uint8Array.of(0xed, 0xa0, 0x80)))).toBe(false);
  });

  it('quotes control characters and quotes', () => {
    expect(goQuote('a"b\\c\n\t\u0001')).toBe('"a\\"b\\\\c\\n\\t\\x01"');
    expect(goQuote('✓')).toBe('"✓"');
  });
});
