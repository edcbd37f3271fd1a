/**
 * Byte strings. PromQL strings are Go strings: byte sequences that need not be valid
 * UTF-8 (`"\xff"` is one byte 0xFF). The engine keeps them as JS strings with this
 * convention ("surrogate escape"): every maximal valid UTF-8 sequence becomes its normal
 * characters, and every byte that is not part of valid UTF-8 becomes the lone surrogate
 * U+DC00+byte (always in U+DC80..U+DCFF, since such a byte is ≥ 0x80). So valid text costs nothing and invalid bytes survive a
 * round trip, can be detected, and can be printed as Go's `%q` prints them.
 */

/** Decodes bytes to a JS string with the surrogate-escape convention. */
export function bytesToString(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let cp = -1;
    let len = 1;
    if (b < 0x80) cp = b;
    else if (b >= 0xc2 && b <= 0xdf && i + 1 < bytes.length && isCont(bytes[i + 1])) {
      cp = ((b & 0x1f) << 6) | (bytes[i + 1] & 0x3f);
      len = 2;
    } else if (b >= 0xe0 && b <= 0xef && i + 2 < bytes.length && isCont(bytes[i + 1]) && isCont(bytes[i + 2])) {
      const c = ((b & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
      if (c >= 0x800 && (c < 0xd800 || c > 0xdfff)) {
        cp = c;
        len = 3;
      }
    } else if (b >= 0xf0 && b <= 0xf4 && i + 3 < bytes.length && isCont(bytes[i + 1]) && isCont(bytes[i + 2]) && isCont(bytes[i + 3])) {
      const c = ((b & 0x07) << 18) | ((bytes[i + 1] & 0x3f) << 12) | ((bytes[i + 2] & 0x3f) << 6) | (bytes[i + 3] & 0x3f);
      if (c >= 0x10000 && c <= 0x10ffff) {
        cp = c;
        len = 4;
      }
    }
    if (cp < 0) out += String.fromCharCode(0xdc00 + b);
    else out += String.fromCodePoint(cp);
    i += len;
  }
  return out;
}

function isCont(b: number): boolean {
  return (b & 0xc0) === 0x80;
}

/** True when `s` holds no escaped invalid byte (it is valid UTF-8 text). */
export function isValidUtf8(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) i++;
      else return false;
    }
  }
  return true;
}

/** Go's `strconv.Quote` (what `%q` prints) for a byte string in our convention. */
export function goQuote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc80 && c <= 0xdcff && !(i > 0 && isHighSurrogate(s.charCodeAt(i - 1)))) {
      out += '\\x' + (c - 0xdc00).toString(16).padStart(2, '0');
      continue;
    }
    switch (c) {
      case 0x07: out += '\\a'; continue;
      case 0x08: out += '\\b'; continue;
      case 0x0c: out += '\\f'; continue;
      case 0x0a: out += '\\n'; continue;
      case 0x0d: out += '\\r'; continue;
      case 0x09: out += '\\t'; continue;
      case 0x0b: out += '\\v'; continue;
      case 0x22: out += '\\"'; continue;
      case 0x5c: out += '\\\\'; continue;
    }
    if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += s[i];
  }
  return out + '"';
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
