/**
 * The PromQL lexer: a state machine that mirrors Prometheus's `promql/parser/lex.go`
 * state for state (statements, inside braces, inside `[…]` duration expressions, and the
 * series-description mode used by promqltest `load` lines), so the same input yields the
 * same tokens and the same lexer error messages.
 *
 * Positions are UTF-16 offsets into the input (Prometheus uses byte offsets; convert with
 * model/position.ts `toLineCol` when printing).
 */
import { goQuote } from '../model/strings.ts';
import { KEYWORD_TOKENS, type Token, type TokenType } from './tokens.ts';

const EOF = -1;
/** Go's utf8.RuneError, also returned for invalid input (here: lone surrogates). */
const RUNE_ERROR = 0xfffd;

type StateFn = ((l: Lexer) => StateFn) | null;

type HistogramState = 'none' | 'open' | 'mul' | 'add' | 'sub';

const DURATION_KEYWORDS: ReadonlyMap<string, TokenType> = new Map<string, TokenType>([
  ['step', 'STEP'], ['range', 'RANGE'], ['max_of', 'MAX_OF'], ['min_of', 'MIN_OF'],
]);

/** Single-character tokens inside `[…]` duration expressions. */
const DURATION_OPERATORS: ReadonlyMap<number, TokenType> = new Map<number, TokenType>([
  [0x2b, 'ADD'], [0x2d, 'SUB'], [0x2a, 'MUL'], [0x2f, 'DIV'], [0x25, 'MOD'], [0x5e, 'POW'], [0x2c, 'COMMA'],
]);

const HISTOGRAM_DESC: ReadonlyMap<string, TokenType> = new Map<string, TokenType>([
  ['sum', 'SUM_DESC'], ['count', 'COUNT_DESC'], ['schema', 'SCHEMA_DESC'], ['offset', 'OFFSET_DESC'],
  ['n_offset', 'NEGATIVE_OFFSET_DESC'], ['buckets', 'BUCKETS_DESC'], ['n_buckets', 'NEGATIVE_BUCKETS_DESC'],
  ['z_bucket', 'ZERO_BUCKET_DESC'], ['z_bucket_w', 'ZERO_BUCKET_WIDTH_DESC'],
  ['custom_values', 'CUSTOM_VALUES_DESC'], ['counter_reset_hint', 'COUNTER_RESET_HINT_DESC'],
]);

const COUNTER_RESET_HINTS: ReadonlyMap<string, TokenType> = new Map<string, TokenType>([
  ['unknown', 'UNKNOWN_COUNTER_RESET'], ['reset', 'COUNTER_RESET'], ['not_reset', 'NOT_COUNTER_RESET'],
  ['gauge', 'GAUGE_TYPE'],
]);

/** PromQL white space: space, tab, newline, carriage return. */
export function isSpace(r: number): boolean {
  return r === 0x20 || r === 0x09 || r === 0x0a || r === 0x0d;
}
function isDigit(r: number): boolean {
  return r >= 0x30 && r <= 0x39;
}
function isAlpha(r: number): boolean {
  return r === 0x5f || (r >= 0x61 && r <= 0x7a) || (r >= 0x41 && r <= 0x5a);
}
function isAlphaNumeric(r: number): boolean {
  return isAlpha(r) || isDigit(r);
}
function isDurationKeywordStartChar(r: number): boolean {
  // s(tep), r(ange), m(ax_of/min_of), case-insensitively.
  const c = r | 0x20;
  return c === 0x73 || c === 0x72 || c === 0x6d;
}
function contains(set: string, r: number): boolean {
  return r !== EOF && set.indexOf(String.fromCodePoint(r)) >= 0;
}

/** Go's `%q` of a single rune, as used in lexer error messages (`'x'`). */
export function quoteRune(r: number): string {
  // Go prints an invalid rune (here: end of input) as the replacement character.
  if (r === EOF) return "'\uFFFD'";
  switch (r) {
    case 0x07: return "'\\a'";
    case 0x08: return "'\\b'";
    case 0x0c: return "'\\f'";
    case 0x0a: return "'\\n'";
    case 0x0d: return "'\\r'";
    case 0x09: return "'\\t'";
    case 0x0b: return "'\\v'";
    case 0x27: return "'\\''";
    case 0x5c: return "'\\\\'";
  }
  if (r < 0x20 || r === 0x7f) return `'\\x${r.toString(16).padStart(2, '0')}'`;
  return `'${String.fromCodePoint(r)}'`;
}

/** Go's `%#U` (`U+0063 'c'`). */
function quoteRuneU(r: number): string {
  const hex = 'U+' + r.toString(16).toUpperCase().padStart(4, '0');
  return r >= 0x20 && r !== 0x7f ? `${hex} '${String.fromCodePoint(r)}'` : hex;
}

/**
 * The lexer. Create with {@link lex}; tokens are produced up front, ending with an `EOF`
 * token or with the first `ERROR` token (whose `val` is the message).
 */
class Lexer {
  readonly input: string;
  pos = 0;
  start = 0;
  width = 0;
  readonly tokens: Token[] = [];
  /** Set by errorf: lexing stops at the first error, as the parser does upstream. */
  failed = false;
  /** Token count before the current state function ran (see errorf). */
  private stepStart = 0;

  parenDepth = 0;
  braceOpen = false;
  bracketOpen = false;
  gotColon = false;
  gotDuration = false;
  stringOpen = 0;
  readonly seriesDesc: boolean;
  histogramState: HistogramState = 'none';

  constructor(input: string, seriesDesc: boolean) {
    this.input = input;
    this.seriesDesc = seriesDesc;
  }

  next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const c = this.input.charCodeAt(this.pos);
    if (c >= 0xd800 && c <= 0xdbff && this.pos + 1 < this.input.length) {
      const d = this.input.charCodeAt(this.pos + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        this.width = 2;
        this.pos += 2;
        return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
      }
    }
    this.width = 1;
    this.pos += 1;
    // A lone surrogate is what invalid UTF-8 becomes in our string convention.
    return c >= 0xd800 && c <= 0xdfff ? RUNE_ERROR : c;
  }

  peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  backup(): void {
    this.pos -= this.width;
  }

  emit(type: TokenType): void {
    this.tokens.push({ type, pos: this.start, val: this.input.slice(this.start, this.pos) });
    this.start = this.pos;
  }

  ignore(): void {
    this.start = this.pos;
  }

  accept(valid: string): boolean {
    if (contains(valid, this.next())) return true;
    this.backup();
    return false;
  }

  is(valid: string): boolean {
    return contains(valid, this.peek());
  }

  acceptRun(valid: string): void {
    while (contains(valid, this.next())) {
      // Consume.
    }
    this.backup();
  }

  errorf(message: string): StateFn {
    // Upstream, a state function that emits and then fails overwrites the emitted item
    // with the error (both write the same slot), so only the error is seen.
    this.tokens.length = this.stepStart;
    this.tokens.push({ type: 'ERROR', pos: this.start, val: message });
    this.failed = true;
    return null;
  }

  run(): Token[] {
    let state: StateFn = lexStatements;
    while (state !== null && !this.failed) {
      this.stepStart = this.tokens.length;
      state = state(this);
    }
    if (!this.failed && (this.tokens.length === 0 || this.tokens[this.tokens.length - 1].type !== 'EOF')) {
      this.tokens.push({ type: 'EOF', pos: this.pos, val: '' });
    }
    return this.tokens;
  }

  /** Mirrors scanNumber: scans a number; false when it is malformed. */
  scanNumber(): boolean {
    const initialPos = this.pos;
    let digitPattern = '0123456789';
    // Hexadecimal is disabled in series descriptions, where `x` means repetition.
    if (!this.seriesDesc && this.accept('0') && this.accept('xX')) {
      this.accept('_');
      digitPattern = '0123456789abcdefABCDEF';
    }
    this.accept('.');
    this.accept(digitPattern);
    let dotConsumed = false;
    let exponentConsumed = false;
    while (this.is(digitPattern + '._eE')) {
      if (this.is('.') && dotConsumed) {
        this.accept('.');
        return false;
      }
      if (this.is('eE') && exponentConsumed) {
        this.accept('eE');
        return false;
      }
      if (this.accept('.')) {
        dotConsumed = true;
        if (this.accept('_.')) return false;
        if (digitPattern.length > 10) return false;
        continue;
      }
      if (this.accept('eE')) {
        exponentConsumed = true;
        this.accept('+-');
        if (this.accept('._eE') || this.peek() === EOF) return false;
        continue;
      }
      if (this.accept('_')) {
        if (this.accept('._eE') || this.peek() === EOF) return false;
        continue;
      }
      this.acceptRun(digitPattern);
    }
    if (this.pos === initialPos) return false;
    const r = this.peek();
    return (this.seriesDesc && r === 0x78) || !isAlphaNumeric(r);
  }

  scanDurationKeyword(): boolean {
    for (;;) {
      const r = this.next();
      if (isAlpha(r)) continue;
      this.backup();
      const tok = DURATION_KEYWORDS.get(this.input.slice(this.start, this.pos).toLowerCase());
      if (tok) {
        this.emit(tok);
        return true;
      }
      return false;
    }
  }

  peekFollowedByLeftParen(): boolean {
    for (let p = this.pos; p < this.input.length; p++) {
      const c = this.input.charCodeAt(p);
      if (!isSpace(c)) return c === 0x28;
    }
    return false;
  }
}

function lexStatements(l: Lexer): StateFn {
  if (l.histogramState !== 'none') return lexHistogram;
  if (l.braceOpen) return lexInsideBraces;
  if (l.input.startsWith('#', l.pos)) return lexLineComment;

  const r = l.next();
  if (r === EOF) {
    if (l.parenDepth !== 0) return l.errorf('unclosed left parenthesis');
    if (l.bracketOpen) return l.errorf('unclosed left bracket');
    l.emit('EOF');
    return null;
  }
  if (r === 0x2c) l.emit('COMMA');
  else if (isSpace(r)) return lexSpace;
  else if (r === 0x2a) l.emit('MUL');
  else if (r === 0x2f) l.emit('DIV');
  else if (r === 0x25) l.emit('MOD');
  else if (r === 0x2b) l.emit('ADD');
  else if (r === 0x2d) l.emit('SUB');
  else if (r === 0x5e) l.emit('POW');
  else if (r === 0x3d) {
    const t = l.peek();
    if (t === 0x3d) {
      l.next();
      l.emit('EQLC');
    } else if (t === 0x7e) {
      return l.errorf(`unexpected character after '=': ${quoteRune(t)}`);
    } else l.emit('EQL');
  } else if (r === 0x21) {
    const t = l.next();
    if (t !== 0x3d) return l.errorf(`unexpected character after '!': ${quoteRune(t)}`);
    l.emit('NEQ');
  } else if (r === 0x3c) {
    const t = l.peek();
    if (t === 0x3d) {
      l.next();
      l.emit('LTE');
    } else if (t === 0x2f) {
      l.next();
      l.emit('TRIM_UPPER');
    } else l.emit('LSS');
  } else if (r === 0x3e) {
    const t = l.peek();
    if (t === 0x3d) {
      l.next();
      l.emit('GTE');
    } else if (t === 0x2f) {
      l.next();
      l.emit('TRIM_LOWER');
    } else l.emit('GTR');
  } else if (isDigit(r) || (r === 0x2e && isDigit(l.peek()))) {
    l.backup();
    return lexNumberOrDuration;
  } else if (r === 0x22 || r === 0x27) {
    l.stringOpen = r;
    return lexString;
  } else if (r === 0x60) {
    l.stringOpen = r;
    return lexRawString;
  } else if (isAlpha(r) || r === 0x3a) {
    if (!l.bracketOpen) {
      l.backup();
      return lexKeywordOrIdentifier;
    }
    if (r === 0x3a) {
      if (l.gotColon) return l.errorf(`unexpected colon ${quoteRune(r)}`);
      l.emit('COLON');
      l.gotColon = true;
      return lexStatements;
    }
    if (isDurationKeywordStartChar(r) && l.scanDurationKeyword()) return lexStatements;
    return l.errorf(`unexpected character: ${quoteRune(r)}, expected ':'`);
  } else if (r === 0x28) {
    l.emit('LEFT_PAREN');
    l.parenDepth++;
    return lexStatements;
  } else if (r === 0x29) {
    l.emit('RIGHT_PAREN');
    l.parenDepth--;
    if (l.parenDepth < 0) return l.errorf(`unexpected right parenthesis ${quoteRune(r)}`);
    return lexStatements;
  } else if (r === 0x7b) {
    l.emit('LEFT_BRACE');
    l.braceOpen = true;
    return lexInsideBraces;
  } else if (r === 0x5b) {
    if (l.bracketOpen) return l.errorf(`unexpected left bracket ${quoteRune(r)}`);
    l.gotColon = false;
    l.emit('LEFT_BRACKET');
    if (isSpace(l.peek())) skipSpaces(l);
    l.bracketOpen = true;
    return lexDurationExpr;
  } else if (r === 0x5d) {
    if (!l.bracketOpen) return l.errorf(`unexpected right bracket ${quoteRune(r)}`);
    l.emit('RIGHT_BRACKET');
    l.bracketOpen = false;
  } else if (r === 0x40) l.emit('AT');
  else return l.errorf(`unexpected character: ${quoteRune(r)}`);
  return lexStatements;
}

function lexHistogram(l: Lexer): StateFn {
  switch (l.histogramState) {
    case 'mul':
      l.histogramState = 'none';
      l.next();
      l.emit('TIMES');
      return lexValueSequence;
    case 'add':
      l.histogramState = 'none';
      l.next();
      l.emit('ADD');
      return lexValueSequence;
    case 'sub':
      l.histogramState = 'none';
      l.next();
      l.emit('SUB');
      return lexValueSequence;
  }
  if (l.bracketOpen) return lexBuckets;
  const r = l.next();
  if (isSpace(r)) {
    l.emit('SPACE');
    return lexSpace;
  }
  if (isAlpha(r)) {
    l.backup();
    return lexHistogramDescriptor;
  }
  if (r === 0x3a) {
    l.emit('COLON');
    return lexHistogram;
  }
  if (r === 0x2d) {
    l.emit('SUB');
    return lexHistogram;
  }
  if (r === 0x78) {
    l.emit('TIMES');
    return lexNumber;
  }
  if (isDigit(r)) {
    l.backup();
    return lexNumber;
  }
  if (r === 0x5b) {
    l.bracketOpen = true;
    l.gotColon = false;
    l.gotDuration = false;
    l.emit('LEFT_BRACKET');
    return lexBuckets;
  }
  if (r === 0x7d && l.peek() === 0x7d) {
    l.next();
    l.emit('CLOSE_HIST');
    switch (l.peek()) {
      case 0x78:
        l.histogramState = 'mul';
        return lexHistogram;
      case 0x2b:
        l.histogramState = 'add';
        return lexHistogram;
      case 0x2d:
        l.histogramState = 'sub';
        return lexHistogram;
      default:
        l.histogramState = 'none';
        return lexValueSequence;
    }
  }
  return l.errorf(`histogram description incomplete unexpected: ${quoteRune(r)}`);
}

function lexHistogramDescriptor(l: Lexer): StateFn {
  for (;;) {
    const r = l.next();
    if (isAlpha(r)) continue;
    l.backup();
    const word = l.input.slice(l.start, l.pos).toLowerCase();
    const desc = HISTOGRAM_DESC.get(word);
    if (desc) {
      if (l.peek() === 0x3a) {
        l.emit(desc);
        return lexHistogram;
      }
      return l.errorf('missing `:` for histogram descriptor');
    }
    if (KEYWORD_TOKENS.get(word) === 'NUMBER') {
      l.emit('NUMBER');
      return lexHistogram;
    }
    const hint = COUNTER_RESET_HINTS.get(word);
    if (hint) {
      l.emit(hint);
      return lexHistogram;
    }
    return l.errorf(`bad histogram descriptor found: ${goQuote(l.input.slice(l.start, l.pos))}`);
  }
}

function lexBuckets(l: Lexer): StateFn {
  const r = l.next();
  if (isSpace(r)) {
    l.emit('SPACE');
    return lexSpace;
  }
  if (r === 0x2d) {
    l.emit('SUB');
    return lexNumber;
  }
  if (isDigit(r)) {
    l.backup();
    return lexNumber;
  }
  if (r === 0x5d) {
    l.bracketOpen = false;
    l.emit('RIGHT_BRACKET');
    return lexHistogram;
  }
  if (isAlpha(r)) {
    // Inf or NaN, read one letter at a time as upstream does.
    if (KEYWORD_TOKENS.get(l.input.slice(l.start, l.pos).toLowerCase()) === 'NUMBER') {
      l.emit('NUMBER');
      return lexStatements;
    }
    return lexBuckets;
  }
  return l.errorf(`invalid character in buckets description: ${quoteRune(r)}`);
}

function lexInsideBraces(l: Lexer): StateFn {
  if (l.input.startsWith('#', l.pos)) return lexLineComment;
  const r = l.next();
  if (r === EOF) return l.errorf('unexpected end of input inside braces');
  if (isSpace(r)) return lexSpace;
  if (isAlpha(r)) {
    l.backup();
    return lexIdentifier;
  }
  if (r === 0x2c) l.emit('COMMA');
  else if (r === 0x22 || r === 0x27) {
    l.stringOpen = r;
    return lexString;
  } else if (r === 0x60) {
    l.stringOpen = r;
    return lexRawString;
  } else if (r === 0x3d) {
    if (l.next() === 0x7e) l.emit('EQL_REGEX');
    else {
      l.backup();
      l.emit('EQL');
    }
  } else if (r === 0x21) {
    const nr = l.next();
    if (nr === 0x7e) l.emit('NEQ_REGEX');
    else if (nr === 0x3d) l.emit('NEQ');
    else return l.errorf(`unexpected character after '!' inside braces: ${quoteRune(nr)}`);
  } else if (r === 0x7b) return l.errorf(`unexpected left brace ${quoteRune(r)}`);
  else if (r === 0x7d) {
    l.emit('RIGHT_BRACE');
    l.braceOpen = false;
    return l.seriesDesc ? lexValueSequence : lexStatements;
  } else return l.errorf(`unexpected character inside braces: ${quoteRune(r)}`);
  return lexInsideBraces;
}

function lexValueSequence(l: Lexer): StateFn {
  if (l.histogramState !== 'none') return lexHistogram;
  const r = l.next();
  if (r === EOF) return lexStatements;
  if (r === 0x7b && l.peek() === 0x7b) {
    l.histogramState = 'open';
    l.next();
    l.emit('OPEN_HIST');
    return lexHistogram;
  }
  if (isSpace(r)) {
    l.emit('SPACE');
    lexSpace(l);
  } else if (r === 0x2b) l.emit('ADD');
  else if (r === 0x2d) l.emit('SUB');
  else if (r === 0x78) l.emit('TIMES');
  else if (r === 0x5f) l.emit('BLANK');
  else if (isDigit(r) || (r === 0x2e && isDigit(l.peek()))) {
    l.backup();
    lexNumber(l);
  } else if (isAlpha(r)) {
    l.backup();
    return lexKeywordOrIdentifier;
  } else return l.errorf(`unexpected character in series sequence: ${quoteRune(r)}`);
  return lexValueSequence;
}

function digitVal(ch: number): number {
  if (ch >= 0x30 && ch <= 0x39) return ch - 0x30;
  if (ch >= 0x61 && ch <= 0x66) return ch - 0x61 + 10;
  if (ch >= 0x41 && ch <= 0x46) return ch - 0x41 + 10;
  return 16;
}

function lexEscape(l: Lexer): StateFn {
  let n: number;
  let base: number;
  let maxVal: number;
  let ch = l.next();
  switch (ch) {
    case 0x61: case 0x62: case 0x66: case 0x6e: case 0x72: case 0x74: case 0x76: case 0x5c:
      return lexString;
    case 0x30: case 0x31: case 0x32: case 0x33: case 0x34: case 0x35: case 0x36: case 0x37:
      n = 3; base = 8; maxVal = 255;
      break;
    case 0x78:
      ch = l.next();
      n = 2; base = 16; maxVal = 255;
      break;
    case 0x75:
      ch = l.next();
      n = 4; base = 16; maxVal = 0x10ffff;
      break;
    case 0x55:
      ch = l.next();
      n = 8; base = 16; maxVal = 0x10ffff;
      break;
    case EOF:
      return l.errorf('escape sequence not terminated');
    default:
      if (ch === l.stringOpen) return lexString;
      return l.errorf(`unknown escape sequence ${quoteRuneU(ch)}`);
  }
  let x = 0;
  while (n > 0) {
    const d = digitVal(ch);
    if (d >= base) {
      if (ch === EOF) return l.errorf('escape sequence not terminated');
      return l.errorf(`illegal character ${quoteRuneU(ch)} in escape sequence`);
    }
    x = x * base + d;
    n--;
    if (n > 0) ch = l.next();
  }
  if (x > maxVal || (x >= 0xd800 && x < 0xe000)) return l.errorf('escape sequence is an invalid Unicode code point');
  return lexString;
}

function skipSpaces(l: Lexer): void {
  while (isSpace(l.peek())) l.next();
  l.ignore();
}

function lexString(l: Lexer): StateFn {
  for (;;) {
    const r = l.next();
    if (r === 0x5c) return lexEscape;
    if (r === RUNE_ERROR) return l.errorf('invalid UTF-8 rune');
    if (r === EOF || r === 0x0a) return l.errorf('unterminated quoted string');
    if (r === l.stringOpen) break;
  }
  l.emit('STRING');
  return lexStatements;
}

function lexRawString(l: Lexer): StateFn {
  for (;;) {
    const r = l.next();
    if (r === RUNE_ERROR) return l.errorf('invalid UTF-8 rune');
    if (r === EOF) return l.errorf('unterminated raw string');
    if (r === l.stringOpen) break;
  }
  l.emit('STRING');
  return lexStatements;
}

function lexSpace(l: Lexer): StateFn {
  while (isSpace(l.peek())) l.next();
  l.ignore();
  return lexStatements;
}

function lexLineComment(l: Lexer): StateFn {
  l.pos += 1;
  let r = l.next();
  while (r !== 0x0a && r !== 0x0d && r !== EOF) r = l.next();
  l.backup();
  l.emit('COMMENT');
  return lexStatements;
}

function lexNumber(l: Lexer): StateFn {
  if (!l.scanNumber()) return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
  l.emit('NUMBER');
  return lexStatements;
}

function lexNumberOrDuration(l: Lexer): StateFn {
  if (l.scanNumber()) {
    l.emit('NUMBER');
    return lexStatements;
  }
  if (acceptRemainingDuration(l)) {
    l.backup();
    l.emit('DURATION');
    return lexStatements;
  }
  return l.errorf(`bad number or duration syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
}

function acceptRemainingDuration(l: Lexer): boolean {
  if (!l.accept('smhdwy')) return false;
  l.accept('s');
  while (l.accept('0123456789')) {
    while (l.accept('0123456789')) {
      // Consume.
    }
    if (!l.accept('smhdw')) return false;
    l.accept('s');
  }
  return !isAlphaNumeric(l.next());
}

function lexIdentifier(l: Lexer): StateFn {
  while (isAlphaNumeric(l.next())) {
    // Absorb.
  }
  l.backup();
  l.emit('IDENTIFIER');
  return lexStatements;
}

function lexKeywordOrIdentifier(l: Lexer): StateFn {
  for (;;) {
    const r = l.next();
    if (isAlphaNumeric(r) || r === 0x3a) continue;
    l.backup();
    const word = l.input.slice(l.start, l.pos);
    const kw = KEYWORD_TOKENS.get(word.toLowerCase());
    if (kw) {
      // fill/fill_left/fill_right are keywords only before `(`, so `fill + fill` stays two metrics.
      if ((kw === 'FILL' || kw === 'FILL_LEFT' || kw === 'FILL_RIGHT') && !l.peekFollowedByLeftParen()) {
        l.emit('IDENTIFIER');
      } else l.emit(kw);
    } else if (!word.includes(':')) l.emit('IDENTIFIER');
    else l.emit('METRIC_IDENTIFIER');
    break;
  }
  if (l.seriesDesc && l.peek() !== 0x7b) return lexValueSequence;
  return lexStatements;
}

function lexDurationExpr(l: Lexer): StateFn {
  const r = l.next();
  if (r === EOF) return l.errorf('unexpected end of input in duration expression');
  if (r === 0x5d) {
    l.emit('RIGHT_BRACKET');
    l.bracketOpen = false;
    l.gotColon = false;
    return lexStatements;
  }
  if (r === 0x3a) {
    l.emit('COLON');
    if (!l.gotDuration) return l.errorf('unexpected colon before duration in duration expression');
    if (l.gotColon) return l.errorf('unexpected repeated colon in duration expression');
    l.gotColon = true;
    return lexDurationExpr;
  }
  if (r === 0x28) {
    l.emit('LEFT_PAREN');
    l.parenDepth++;
    return lexDurationExpr;
  }
  if (r === 0x29) {
    l.emit('RIGHT_PAREN');
    l.parenDepth--;
    if (l.parenDepth < 0) return l.errorf(`unexpected right parenthesis ${quoteRune(r)}`);
    return lexDurationExpr;
  }
  if (isSpace(r)) {
    skipSpaces(l);
    return lexDurationExpr;
  }
  const t = DURATION_OPERATORS.get(r);
  if (t) {
    l.emit(t);
    return lexDurationExpr;
  }
  if (isDurationKeywordStartChar(r)) {
    if (l.scanDurationKeyword()) return lexDurationExpr;
    return l.errorf(`unexpected character in duration expression: ${quoteRune(r)}`);
  }
  if (isDigit(r) || (r === 0x2e && isDigit(l.peek()))) {
    l.backup();
    l.gotDuration = true;
    return lexNumberOrDuration;
  }
  return l.errorf(`unexpected character in duration expression: ${quoteRune(r)}`);
}

/**
 * Lexes `input` into tokens. The result ends with an `EOF` token, or with an `ERROR`
 * token at the first lexical error (its `val` is Prometheus's message, its `pos` where
 * the offending item starts). Comments are included as `COMMENT` tokens.
 *
 * @param seriesDesc lex in series-description mode (promqltest `load` lines): no hex
 *   numbers, `x`/`_`/spaces are tokens after the metric, `{{…}}` histograms.
 */
export function lex(input: string, seriesDesc = false): Token[] {
  return new Lexer(input, seriesDesc).run();
}
