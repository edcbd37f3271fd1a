/**
 * Token types of the PromQL lexer. Names follow Prometheus's `ItemType`s
 * (`promql/parser/lex.go`, `generated_parser.y`) so the parser reads next to the grammar.
 */
import { goQuote } from '../model/strings.ts';

export type TokenType =
  // Punctuation and literals.
  | 'EOF' | 'ERROR' | 'COMMENT' | 'IDENTIFIER' | 'METRIC_IDENTIFIER' | 'NUMBER' | 'DURATION' | 'STRING'
  | 'EQL' | 'BLANK' | 'COLON' | 'COMMA' | 'LEFT_BRACE' | 'LEFT_BRACKET' | 'LEFT_PAREN'
  | 'RIGHT_BRACE' | 'RIGHT_BRACKET' | 'RIGHT_PAREN' | 'SEMICOLON' | 'SPACE' | 'TIMES'
  | 'OPEN_HIST' | 'CLOSE_HIST'
  // Histogram descriptors (series-description mode only).
  | 'SUM_DESC' | 'COUNT_DESC' | 'SCHEMA_DESC' | 'OFFSET_DESC' | 'NEGATIVE_OFFSET_DESC' | 'BUCKETS_DESC'
  | 'NEGATIVE_BUCKETS_DESC' | 'ZERO_BUCKET_DESC' | 'ZERO_BUCKET_WIDTH_DESC' | 'CUSTOM_VALUES_DESC'
  | 'COUNTER_RESET_HINT_DESC'
  | 'UNKNOWN_COUNTER_RESET' | 'COUNTER_RESET' | 'NOT_COUNTER_RESET' | 'GAUGE_TYPE'
  // Operators.
  | 'ADD' | 'DIV' | 'EQLC' | 'EQL_REGEX' | 'GTE' | 'GTR' | 'TRIM_UPPER' | 'TRIM_LOWER' | 'LAND' | 'LOR'
  | 'LSS' | 'LTE' | 'LUNLESS' | 'MOD' | 'MUL' | 'NEQ' | 'NEQ_REGEX' | 'POW' | 'SUB' | 'AT' | 'ATAN2'
  // Aggregators.
  | 'AVG' | 'BOTTOMK' | 'COUNT' | 'COUNT_VALUES' | 'GROUP' | 'MAX' | 'MIN' | 'QUANTILE' | 'STDDEV'
  | 'STDVAR' | 'SUM' | 'TOPK' | 'LIMITK' | 'LIMIT_RATIO'
  // Keywords.
  | 'BOOL' | 'BY' | 'GROUP_LEFT' | 'GROUP_RIGHT' | 'FILL' | 'FILL_LEFT' | 'FILL_RIGHT' | 'IGNORING'
  | 'OFFSET' | 'SMOOTHED' | 'ANCHORED' | 'ON' | 'WITHOUT'
  // Preprocessors.
  | 'START' | 'END' | 'STEP' | 'RANGE' | 'MAX_OF' | 'MIN_OF';

/** One lexed token. `pos` is a UTF-16 offset into the input; `val` is the raw source text. */
export interface Token {
  readonly type: TokenType;
  readonly pos: number;
  readonly val: string;
}

/** Operator token types (Prometheus `ItemType.IsOperator`). */
export const OPERATORS: ReadonlySet<TokenType> = new Set<TokenType>([
  'ADD', 'DIV', 'EQLC', 'EQL_REGEX', 'GTE', 'GTR', 'TRIM_UPPER', 'TRIM_LOWER', 'LAND', 'LOR', 'LSS', 'LTE',
  'LUNLESS', 'MOD', 'MUL', 'NEQ', 'NEQ_REGEX', 'POW', 'SUB', 'AT', 'ATAN2',
]);

/** Aggregation operator token types (`ItemType.IsAggregator`). */
export const AGGREGATORS: ReadonlySet<TokenType> = new Set<TokenType>([
  'AVG', 'BOTTOMK', 'COUNT', 'COUNT_VALUES', 'GROUP', 'MAX', 'MIN', 'QUANTILE', 'STDDEV', 'STDVAR', 'SUM',
  'TOPK', 'LIMITK', 'LIMIT_RATIO',
]);

/** Keyword token types (`ItemType.IsKeyword`; preprocessors such as `step` are not keywords). */
export const KEYWORDS: ReadonlySet<TokenType> = new Set<TokenType>([
  'BOOL', 'BY', 'GROUP_LEFT', 'GROUP_RIGHT', 'FILL', 'FILL_LEFT', 'FILL_RIGHT', 'IGNORING', 'OFFSET',
  'SMOOTHED', 'ANCHORED', 'ON', 'WITHOUT',
]);

/** Mirrors the `key` map of lex.go: lower-cased word → token type. `inf`/`nan` are numbers. */
export const KEYWORD_TOKENS: ReadonlyMap<string, TokenType> = new Map<string, TokenType>([
  ['and', 'LAND'], ['or', 'LOR'], ['unless', 'LUNLESS'], ['atan2', 'ATAN2'],
  ['sum', 'SUM'], ['avg', 'AVG'], ['count', 'COUNT'], ['min', 'MIN'], ['max', 'MAX'], ['group', 'GROUP'],
  ['stddev', 'STDDEV'], ['stdvar', 'STDVAR'], ['topk', 'TOPK'], ['bottomk', 'BOTTOMK'],
  ['count_values', 'COUNT_VALUES'], ['quantile', 'QUANTILE'], ['limitk', 'LIMITK'], ['limit_ratio', 'LIMIT_RATIO'],
  ['offset', 'OFFSET'], ['smoothed', 'SMOOTHED'], ['anchored', 'ANCHORED'], ['by', 'BY'], ['without', 'WITHOUT'],
  ['on', 'ON'], ['ignoring', 'IGNORING'], ['group_left', 'GROUP_LEFT'], ['group_right', 'GROUP_RIGHT'],
  ['fill', 'FILL'], ['fill_left', 'FILL_LEFT'], ['fill_right', 'FILL_RIGHT'], ['bool', 'BOOL'],
  ['start', 'START'], ['end', 'END'], ['step', 'STEP'], ['range', 'RANGE'], ['max_of', 'MAX_OF'], ['min_of', 'MIN_OF'],
  ['inf', 'NUMBER'], ['nan', 'NUMBER'],
]);

/** Canonical text of token types (Prometheus `ItemTypeStr`), used in messages and the printer. */
export const TOKEN_TEXT: ReadonlyMap<TokenType, string> = (() => {
  const m = new Map<TokenType, string>([
    ['OPEN_HIST', '{{'], ['CLOSE_HIST', '}}'], ['LEFT_PAREN', '('], ['RIGHT_PAREN', ')'], ['LEFT_BRACE', '{'],
    ['RIGHT_BRACE', '}'], ['LEFT_BRACKET', '['], ['RIGHT_BRACKET', ']'], ['COMMA', ','], ['EQL', '='],
    ['COLON', ':'], ['SEMICOLON', ';'], ['BLANK', '_'], ['TIMES', 'x'], ['SPACE', '<space>'],
    ['SUB', '-'], ['ADD', '+'], ['MUL', '*'], ['MOD', '%'], ['DIV', '/'], ['EQLC', '=='], ['NEQ', '!='],
    ['LTE', '<='], ['LSS', '<'], ['GTE', '>='], ['GTR', '>'], ['TRIM_UPPER', '</'], ['TRIM_LOWER', '>/'],
    ['EQL_REGEX', '=~'], ['NEQ_REGEX', '!~'], ['POW', '^'], ['AT', '@'],
  ]);
  for (const [word, type] of KEYWORD_TOKENS) if (type !== 'NUMBER') m.set(type, word);
  return m;
})();

/** Go's `%.Nq`: quotes at most `n` code points of `s`. */
function quotePrefix(s: string, n: number): string {
  return goQuote(Array.from(s).slice(0, n).join(''));
}

/** Mirrors `Item.String()` of lex.go. */
export function tokenString(t: Token): string {
  if (t.type === 'EOF') return 'EOF';
  if (t.type === 'ERROR') return t.val;
  if (t.type === 'IDENTIFIER' || t.type === 'METRIC_IDENTIFIER') return goQuote(t.val);
  if (KEYWORDS.has(t.type)) return `<${t.val}>`;
  if (OPERATORS.has(t.type)) return `<op:${t.val}>`;
  if (AGGREGATORS.has(t.type)) return `<aggr:${t.val}>`;
  if (utf8ByteLength(t.val) > 10) return quotePrefix(t.val, 10) + '...';
  return goQuote(t.val);
}

/** Mirrors `ItemType.desc()` of lex.go. */
function typeDesc(type: TokenType): string {
  switch (type) {
    case 'ERROR': return 'error';
    case 'EOF': return 'end of input';
    case 'COMMENT': return 'comment';
    case 'IDENTIFIER': return 'identifier';
    case 'METRIC_IDENTIFIER': return 'metric identifier';
    case 'STRING': return 'string';
    case 'NUMBER': return 'number';
    case 'DURATION': return 'duration';
  }
  return goQuote(`<Item ${GO_TOKEN_IDS.get(type) ?? type}>`);
}

/**
 * goyacc's numbers for the tokens that have no text (histogram descriptors and counter
 * reset hints), which upstream prints as `<Item N>` in syntax errors. They follow the
 * declaration order of generated_parser.y, starting at 57346.
 */
const GO_TOKEN_IDS: ReadonlyMap<TokenType, number> = new Map<TokenType, number>([
  ['SUM_DESC', 57370], ['COUNT_DESC', 57371], ['SCHEMA_DESC', 57372], ['OFFSET_DESC', 57373],
  ['NEGATIVE_OFFSET_DESC', 57374], ['BUCKETS_DESC', 57375], ['NEGATIVE_BUCKETS_DESC', 57376],
  ['ZERO_BUCKET_DESC', 57377], ['ZERO_BUCKET_WIDTH_DESC', 57378], ['CUSTOM_VALUES_DESC', 57379],
  ['COUNTER_RESET_HINT_DESC', 57380], ['UNKNOWN_COUNTER_RESET', 57445], ['COUNTER_RESET', 57446],
  ['NOT_COUNTER_RESET', 57447], ['GAUGE_TYPE', 57448],
]);

/** Mirrors `Item.desc()` of lex.go: how an unexpected token is named in syntax errors. */
export function tokenDesc(t: Token): string {
  if (TOKEN_TEXT.has(t.type)) return tokenString(t);
  if (t.type === 'EOF') return typeDesc(t.type);
  return `${typeDesc(t.type)} ${tokenString(t)}`;
}

function utf8ByteLength(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}
