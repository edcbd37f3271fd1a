/**
 * A half-open range `[from, to)` into a query text, in UTF-16 code units (as CodeMirror
 * uses). Prometheus reports byte offsets; convert with {@link toLineCol} at that edge.
 */
export interface PosRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Converts a UTF-16 offset into Prometheus's `line:col` form: 1-based line and 1-based
 * **byte** column (UTF-8) within that line, as the HTTP API and promqltest print them.
 */
export function toLineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: utf8Length(text.slice(lineStart, offset)) + 1 };
}

/** Number of UTF-8 bytes that `s` encodes to (lone surrogates count as 3, like U+FFFD). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}
