/**
 * The series-description language of promqltest `load` lines and expected results
 * (FORMAT.md §4; Prometheus `ParseSeriesDesc`, the `series_description` rules of
 * promql/parser/generated_parser.y): a label set followed by value items such as
 * `1 2 _ 3+2x4 stale {{count:1}}x2`.
 */
import { goQuote } from '../model/strings.ts';
import { labelsFromPairs, METRIC_NAME, type Labels } from '../model/labels.ts';
import type { PromQLError } from '../model/errors.ts';
import { lex } from './lexer.ts';
import { parseNumberToken, parseDurationMs } from './number.ts';
import { lexErrorOf, SyntaxAbort, toParseError, unexpectedError, type RawParseError } from './parse-error.ts';
import type { Token, TokenType } from './tokens.ts';
import { unquoteString } from './unquote.ts';

/**
 * The fields of a native histogram literal `{{…}}`, as written (not interpreted).
 * Bucket lists are absolute counts; each list becomes one span starting at its offset.
 */
export interface HistogramDesc {
  schema?: number;
  sum?: number;
  count?: number;
  z_bucket?: number;
  z_bucket_w?: number;
  buckets?: number[];
  offset?: number;
  n_buckets?: number[];
  n_offset?: number;
  custom_values?: number[];
  counter_reset_hint?: 'unknown' | 'reset' | 'not_reset' | 'gauge';
}

/**
 * One slot of a series description.
 * - `value`: a float sample (`v` may be NaN or ±Inf).
 * - `stale`: a staleness marker.
 * - `absent`: no sample in this slot (`_`).
 * - `histogram`: a native histogram literal. `text` is the literal's source (`{{…}}`) and
 *   `desc` its fields. For an expanded `A+BxN` / `A-BxN` sequence, slot i (0-based) is A
 *   combined i times with B: `step` then gives the operator, B's text and fields, and i.
 */
export type SeriesDescValue =
  | { readonly kind: 'value'; readonly v: number }
  | { readonly kind: 'stale' }
  | { readonly kind: 'absent' }
  | {
      readonly kind: 'histogram';
      readonly text: string;
      readonly desc: HistogramDesc;
      readonly step?: { readonly op: '+' | '-'; readonly text: string; readonly desc: HistogramDesc; readonly times: number };
    };

/** A parsed series line. */
export interface SeriesDescription {
  readonly labels: Labels;
  readonly values: SeriesDescValue[];
}

const METRIC_IDENTIFIER_TYPES: ReadonlySet<TokenType> = new Set<TokenType>([
  'AVG', 'BOTTOMK', 'BY', 'COUNT', 'COUNT_VALUES', 'FILL', 'FILL_LEFT', 'FILL_RIGHT', 'GROUP', 'IDENTIFIER',
  'LAND', 'LOR', 'LUNLESS', 'MAX', 'METRIC_IDENTIFIER', 'MIN', 'OFFSET', 'QUANTILE', 'STDDEV', 'STDVAR', 'SUM',
  'TOPK', 'WITHOUT', 'START', 'END', 'LIMITK', 'LIMIT_RATIO', 'STEP', 'RANGE', 'ANCHORED', 'SMOOTHED',
  'MAX_OF', 'MIN_OF',
]);

/** The token types that may start a metric name in a series line or selector. */
export function isMetricIdentifier(type: TokenType): boolean {
  return METRIC_IDENTIFIER_TYPES.has(type);
}

const HIST_KEYS: ReadonlyMap<TokenType, keyof HistogramDesc> = new Map<TokenType, keyof HistogramDesc>([
  ['SCHEMA_DESC', 'schema'], ['SUM_DESC', 'sum'], ['COUNT_DESC', 'count'], ['ZERO_BUCKET_DESC', 'z_bucket'],
  ['ZERO_BUCKET_WIDTH_DESC', 'z_bucket_w'], ['CUSTOM_VALUES_DESC', 'custom_values'], ['BUCKETS_DESC', 'buckets'],
  ['OFFSET_DESC', 'offset'], ['NEGATIVE_BUCKETS_DESC', 'n_buckets'], ['NEGATIVE_OFFSET_DESC', 'n_offset'],
  ['COUNTER_RESET_HINT_DESC', 'counter_reset_hint'],
]);

const HINTS: ReadonlyMap<TokenType, HistogramDesc['counter_reset_hint']> = new Map<TokenType, HistogramDesc['counter_reset_hint']>([
  ['UNKNOWN_COUNTER_RESET', 'unknown'], ['COUNTER_RESET', 'reset'], ['NOT_COUNTER_RESET', 'not_reset'], ['GAUGE_TYPE', 'gauge'],
]);

class SeriesParser {
  private readonly tokens: Token[];
  private i = 0;

  constructor(private readonly input: string) {
    this.tokens = lex(input, true).filter((t) => t.type !== 'COMMENT');
  }

  private peek(): Token {
    return this.tokens[this.i];
  }

  private advance(): Token {
    const t = this.tokens[this.i];
    if (t.type === 'ERROR') throw new SyntaxAbort(lexErrorOf(t, this.input));
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }

  /** Fails at the current token: a lexer error wins over any syntax message, as upstream. */
  private fail(context: string, expected: string): never {
    const t = this.peek();
    if (t.type === 'ERROR') throw new SyntaxAbort(lexErrorOf(t, this.input));
    throw new SyntaxAbort(unexpectedError(t, context, expected));
  }

  private semantic(t: Token, message: string): never {
    throw new SyntaxAbort({ range: { from: t.pos, to: t.pos + t.val.length }, message });
  }

  private unquote(t: Token): string {
    try {
      return unquoteString(t.val);
    } catch (e) {
      return this.semantic(t, `error unquoting string ${goQuote(t.val)}: ${(e as Error).message}`);
    }
  }

  parse(): SeriesDescription {
    const pairs: [string, string][] = [];
    let name: string | null = null;
    const first = this.peek();
    if (isMetricIdentifier(first.type)) {
      name = this.advance().val;
      if (this.peek().type === 'LEFT_BRACE') this.labelSet(pairs);
    } else if (first.type === 'LEFT_BRACE') {
      this.labelSet(pairs);
    }
    if (name !== null) pairs.push([METRIC_NAME, name]);
    const values: SeriesDescValue[] = [];
    for (;;) {
      const t = this.peek();
      if (t.type === 'EOF') break;
      if (t.type !== 'SPACE') this.fail('series values', '');
      this.advance();
      const next = this.peek().type;
      if (next === 'EOF' || next === 'SPACE') continue;
      this.seriesItem(values);
    }
    return { labels: labelsFromPairs(pairs), values };
  }

  private labelSet(pairs: [string, string][]): void {
    this.advance(); // {
    if (this.peek().type === 'RIGHT_BRACE') {
      this.advance();
      return;
    }
    for (;;) {
      const t = this.peek();
      if (t.type === 'IDENTIFIER' || t.type === 'STRING') {
        this.advance();
        const labelName = t.type === 'STRING' ? this.unquote(t) : t.val;
        if (this.peek().type === 'EQL') {
          this.advance();
          const v = this.peek();
          if (v.type !== 'STRING') this.fail('label set', 'string');
          this.advance();
          pairs.push([labelName, this.unquote(v)]);
        } else if (t.type === 'STRING') {
          pairs.push([METRIC_NAME, labelName]);
        } else {
          this.fail('label set', '"="');
        }
      } else {
        this.fail('label set', 'identifier or "}"');
      }
      const sep = this.peek();
      if (sep.type === 'RIGHT_BRACE') {
        this.advance();
        return;
      }
      if (sep.type !== 'COMMA') this.fail('label set', '"," or "}"');
      this.advance();
      if (this.peek().type === 'RIGHT_BRACE') {
        this.advance();
        return;
      }
    }
  }

  private uint(): number {
    const t = this.peek();
    if (t.type !== 'NUMBER') this.fail('series values', '');
    this.advance();
    if (!/^[0-9]+$/.test(t.val)) {
      this.semantic(t, `invalid repetition in series values: strconv.ParseUint: parsing ${goQuote(t.val)}: invalid syntax`);
    }
    return Number(t.val);
  }

  private number(): number {
    const t = this.peek();
    if (t.type === 'NUMBER') {
      this.advance();
      try {
        return parseNumberToken(t.val);
      } catch (e) {
        return this.semantic(t, `error parsing number: ${(e as Error).message}`);
      }
    }
    if (t.type === 'DURATION') {
      this.advance();
      try {
        return parseDurationMs(t.val) / 1000;
      } catch (e) {
        return this.semantic(t, (e as Error).message);
      }
    }
    return this.fail('series values', '');
  }

  private signedOrUnsigned(): number {
    const t = this.peek().type;
    if (t === 'ADD') {
      this.advance();
      return this.number();
    }
    if (t === 'SUB') {
      this.advance();
      return -this.number();
    }
    return this.number();
  }

  private seriesItem(out: SeriesDescValue[]): void {
    const t = this.peek();
    if (t.type === 'BLANK') {
      this.advance();
      if (this.peek().type === 'TIMES') {
        this.advance();
        const n = this.uint();
        for (let k = 0; k < n; k++) out.push({ kind: 'absent' });
      } else out.push({ kind: 'absent' });
      return;
    }
    if (t.type === 'OPEN_HIST') {
      this.histogramItem(out);
      return;
    }
    let base: SeriesDescValue;
    if (t.type === 'IDENTIFIER') {
      if (t.val !== 'stale') this.fail('series values', 'number or "stale"');
      this.advance();
      base = { kind: 'stale' };
    } else {
      base = { kind: 'value', v: this.signedOrUnsigned() };
    }
    const next = this.peek().type;
    if (next === 'TIMES') {
      this.advance();
      const n = this.uint();
      for (let k = 0; k <= n; k++) out.push(base);
      return;
    }
    if (next === 'ADD' || next === 'SUB') {
      const inc = this.signedOrUnsigned();
      if (this.peek().type !== 'TIMES') this.fail('series values', '');
      this.advance();
      const n = this.uint();
      // Stale markers cannot be stepped; upstream adds to the stale NaN, giving NaN.
      let v = base.kind === 'value' ? base.v : NaN;
      for (let k = 0; k <= n; k++) {
        out.push(k === 0 && base.kind === 'stale' ? base : { kind: 'value', v });
        v += inc;
      }
      return;
    }
    out.push(base);
  }

  private histogramItem(out: SeriesDescValue[]): void {
    const a = this.histogram();
    const next = this.peek().type;
    if (next === 'TIMES') {
      this.advance();
      const n = this.uint();
      for (let k = 0; k <= n; k++) out.push({ kind: 'histogram', text: a.text, desc: a.desc });
      return;
    }
    if (next === 'ADD' || next === 'SUB') {
      this.advance();
      if (this.peek().type !== 'OPEN_HIST') this.fail('series values', '');
      const b = this.histogram();
      if (this.peek().type !== 'TIMES') this.fail('series values', '');
      this.advance();
      const nTok = this.peek();
      const n = this.uint();
      // Mirrors histogramsSeries: the increment may not have a smaller schema.
      const baseSchema = a.desc.schema ?? 0;
      const incSchema = b.desc.schema ?? 0;
      if (n >= 1 && baseSchema > incSchema) {
        this.semantic(nTok, `error combining histograms: cannot merge from schema ${incSchema} to ${baseSchema}`);
      }
      const op = next === 'ADD' ? '+' : '-';
      for (let k = 0; k <= n; k++) {
        out.push({ kind: 'histogram', text: a.text, desc: a.desc, step: { op, text: b.text, desc: b.desc, times: k } });
      }
      return;
    }
    out.push({ kind: 'histogram', text: a.text, desc: a.desc });
  }

  private histogram(): { text: string; desc: HistogramDesc } {
    const open = this.advance();
    const desc: HistogramDesc = {};
    const record = desc as Record<string, unknown>;
    // `{{` [field (SPACE field)*] [SPACE] `}}`: a space only separates fields or precedes `}}`.
    let first = true;
    for (;;) {
      let t = this.peek();
      if (t.type === 'SPACE') {
        this.advance();
        t = this.peek();
        if (first && t.type !== 'CLOSE_HIST') this.fail('series values', '');
      } else if (!first && t.type !== 'CLOSE_HIST') {
        this.fail('series values', '');
      }
      if (t.type === 'CLOSE_HIST') {
        this.advance();
        return { text: this.input.slice(open.pos, t.pos + t.val.length), desc };
      }
      first = false;
      const key = HIST_KEYS.get(t.type);
      if (!key) this.fail('series values', '');
      this.advance();
      if (this.peek().type !== 'COLON') this.fail('series values', '');
      this.advance();
      let value: unknown;
      if (key === 'schema' || key === 'offset' || key === 'n_offset') {
        const neg = this.peek().type === 'SUB';
        if (neg) this.advance();
        const n = this.uint();
        value = neg ? -n : n;
      } else if (key === 'buckets' || key === 'n_buckets' || key === 'custom_values') {
        value = this.bucketSet();
      } else if (key === 'counter_reset_hint') {
        const h = HINTS.get(this.peek().type);
        if (!h) this.fail('series values', '');
        this.advance();
        value = h;
      } else if (key === 'z_bucket_w') {
        value = this.number();
      } else {
        value = this.signedOrUnsigned();
      }
      // Upstream reports this one without a position (PositionRange{}), hence 1:1.
      if (key in record) throw new SyntaxAbort({ range: { from: 0, to: 0 }, message: `duplicate key "${key}" in histogram` });
      record[key] = value;
    }
  }

  private bucketSet(): number[] {
    if (this.peek().type !== 'LEFT_BRACKET') this.fail('series values', '');
    this.advance();
    // `[` number (SPACE number)* [SPACE] `]`.
    const out: number[] = [this.signedOrUnsigned()];
    for (;;) {
      if (this.peek().type === 'SPACE') this.advance();
      if (this.peek().type === 'RIGHT_BRACKET') {
        this.advance();
        return out;
      }
      if (this.tokens[this.i - 1].type !== 'SPACE') this.fail('series values', '');
      out.push(this.signedOrUnsigned());
    }
  }
}

/**
 * Parses one series line (`metric{l="v"} 1 2 _ 3+2x4 stale`). See FORMAT.md §4 for the
 * notation; `_xN` is N absent slots, `axN` is N+1 copies, `a+bxN` is N+1 stepped values.
 *
 * @throws PromQLError kind `parse` with Prometheus's message (`1:5: parse error: …`)
 *   and the offending range (UTF-16 offsets into `line`).
 */
export function parseSeriesDescription(line: string): SeriesDescription {
  try {
    return new SeriesParser(line).parse();
  } catch (e) {
    if (e instanceof SyntaxAbort) throw toParseError(line, e.error, 'series_syntax') as PromQLError;
    throw e;
  }
}

export type { RawParseError };
