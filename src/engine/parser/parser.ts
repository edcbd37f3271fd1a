/**
 * The PromQL parser: precedence climbing over the tokens of lexer.ts, producing the AST of
 * ast.ts with the ranges Prometheus reports. It mirrors the grammar of Prometheus 3.x
 * (`promql/parser/generated_parser.y`) and the helper actions of `parse.go`: operator
 * precedence and associativity, unary minus binding like `*` (so `-1^2` is `-(1^2)`),
 * postfix modifiers (`[…]`, `offset`, `@`, `anchored`, `smoothed`) binding to the
 * preceding primary, duration expressions, and the syntax-error messages of the yacc
 * error rules (`unexpected … in <context>, expected …`).
 *
 * Type checking (parse.go `checkAST`) is in checker.ts; {@link parse} runs both.
 */
import { RE2JS } from 're2js';
import { goQuote } from '../model/strings.ts';
import type { PromQLError } from '../model/errors.ts';
import { newMatcher, type Matcher, type MatchType } from '../model/matcher.ts';
import { METRIC_NAME } from '../model/labels.ts';
import type { PosRange } from '../model/position.ts';
import type {
  AggregateExpr, AggregateOp, BinaryExpr, BinaryOp, Call, DurationExpr, Expr, FunctionSignature, MatrixSelector,
  NumberLiteral, SubqueryExpr, VectorMatching, VectorSelector,
} from './ast.ts';
import { checkAST } from './checker.ts';
import { getFunction } from './functions.ts';
import { lex } from './lexer.ts';
import { parseDurationMs, parseNumberToken } from './number.ts';
import { lexErrorOf, SyntaxAbort, toParseError, unexpectedError, type RawParseError } from './parse-error.ts';
import { isMetricIdentifier } from './series-description.ts';
import { AGGREGATORS, TOKEN_TEXT, type Token, type TokenType } from './tokens.ts';
import { unquoteString } from './unquote.ts';

/** Parser feature flags (Prometheus `parser.Options`). All default to true, as the upstream tests run. */
export interface ParseOptions {
  readonly enableExperimentalFunctions?: boolean;
  readonly experimentalDurationExpr?: boolean;
  readonly enableExtendedRangeSelectors?: boolean;
  readonly enableBinopFillModifiers?: boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Binary operator precedence, lowest first (the `%left`/`%right` lines of the grammar). */
const BINARY_PRECEDENCE: ReadonlyMap<TokenType, number> = new Map<TokenType, number>([
  ['LOR', 1],
  ['LAND', 2], ['LUNLESS', 2],
  ['EQLC', 3], ['GTE', 3], ['GTR', 3], ['LSS', 3], ['LTE', 3], ['NEQ', 3], ['TRIM_UPPER', 3], ['TRIM_LOWER', 3],
  ['ADD', 4], ['SUB', 4],
  ['MUL', 5], ['DIV', 5], ['MOD', 5], ['ATAN2', 5],
  ['POW', 6],
]);
const POW_PRECEDENCE = 6;

const BINARY_OP: ReadonlyMap<TokenType, BinaryOp> = new Map<TokenType, BinaryOp>([
  ['LOR', 'or'], ['LAND', 'and'], ['LUNLESS', 'unless'], ['EQLC', '=='], ['GTE', '>='], ['GTR', '>'], ['LSS', '<'],
  ['LTE', '<='], ['NEQ', '!='], ['TRIM_UPPER', '</'], ['TRIM_LOWER', '>/'], ['ADD', '+'], ['SUB', '-'], ['MUL', '*'],
  ['DIV', '/'], ['MOD', '%'], ['ATAN2', 'atan2'], ['POW', '^'],
]);

/** Tokens that may be a label name in `by (…)`, `on (…)` etc. (the `maybe_label` rule). */
const MAYBE_LABEL: ReadonlySet<TokenType> = new Set<TokenType>([
  'AVG', 'BOOL', 'BOTTOMK', 'BY', 'COUNT', 'COUNT_VALUES', 'GROUP', 'GROUP_LEFT', 'GROUP_RIGHT', 'FILL', 'FILL_LEFT',
  'FILL_RIGHT', 'IDENTIFIER', 'IGNORING', 'LAND', 'LOR', 'LUNLESS', 'MAX', 'METRIC_IDENTIFIER', 'MIN', 'OFFSET', 'ON',
  'QUANTILE', 'STDDEV', 'STDVAR', 'SUM', 'TOPK', 'START', 'END', 'ATAN2', 'LIMITK', 'LIMIT_RATIO', 'STEP', 'RANGE',
  'ANCHORED', 'SMOOTHED', 'MAX_OF', 'MIN_OF',
]);

const MATCH_OPS: ReadonlyMap<TokenType, MatchType> = new Map<TokenType, MatchType>([
  ['EQL', '='], ['NEQ', '!='], ['EQL_REGEX', '=~'], ['NEQ_REGEX', '!~'],
]);

/** Tokens that update `lastClosing` (parser.Lex in parse.go): the end of the last such token read. */
const CLOSING: ReadonlySet<TokenType> = new Set<TokenType>(['RIGHT_BRACE', 'RIGHT_PAREN', 'RIGHT_BRACKET', 'DURATION', 'NUMBER']);

/** Largest |seconds| a duration may have (an int64 of nanoseconds), as durationLiteralOutOfRange. */
const MAX_DURATION_SECONDS = 2 ** 63 / 1e9;

/** A syntax-error context: the yacc error rule that would catch an error here. */
interface ErrorContext {
  readonly context: string;
  readonly expected: string;
}

/** Seconds (float) as the engine's integer ms, the way a parsed literal becomes a time.Duration. */
export function secondsToMs(seconds: number): number {
  // time.Duration(math.Round(v*1e9)), later truncated to whole milliseconds.
  const ns = goRound(seconds * 1e9);
  return Math.trunc(ns / 1e6);
}

/** Go's math.Round: half away from zero. */
export function goRound(v: number): number {
  return v < 0 ? -Math.round(-v) : Math.round(v);
}

/** An unknown function still gets a signature so the tree stays well-formed; it is always an error. */
function unknownFunction(name: string): FunctionSignature {
  return { name, argTypes: [], variadic: -1, returnType: 'vector', experimental: false };
}

class Parser {
  private readonly tokens: Token[];
  private i = 0;
  private lastClosing = 0;
  private readonly contexts: ErrorContext[] = [];
  readonly errors: RawParseError[] = [];
  private readonly opts: Required<ParseOptions>;

  constructor(private readonly input: string, opts: ParseOptions) {
    this.tokens = lex(input).filter((t) => t.type !== 'COMMENT');
    this.opts = {
      enableExperimentalFunctions: opts.enableExperimentalFunctions ?? true,
      experimentalDurationExpr: opts.experimentalDurationExpr ?? true,
      enableExtendedRangeSelectors: opts.enableExtendedRangeSelectors ?? true,
      enableBinopFillModifiers: opts.enableBinopFillModifiers ?? true,
    };
  }

  // ---- token access -------------------------------------------------------------------

  /** The current token. Reading a lexer error aborts with it, as upstream. */
  private peek(): Token {
    const t = this.tokens[this.i];
    if (t.type === 'ERROR') throw new SyntaxAbort(lexErrorOf(t, this.input));
    return t;
  }

  private peekType(): TokenType {
    return this.peek().type;
  }

  /** The token after the current one (no lexer-error check: it is only compared). */
  private peekAhead(): Token {
    return this.tokens[Math.min(this.i + 1, this.tokens.length - 1)];
  }

  private advance(): Token {
    const t = this.peek();
    if (CLOSING.has(t.type)) this.lastClosing = t.pos + t.val.length;
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }

  private accept(type: TokenType): Token | null {
    return this.peekType() === type ? this.advance() : null;
  }

  /** A syntax error at the current token, in the innermost error context (or the given one). */
  private fail(ctx?: ErrorContext): never {
    const t = this.peek();
    const c = ctx ?? this.contexts[this.contexts.length - 1] ?? { context: '', expected: '' };
    throw new SyntaxAbort(unexpectedError(t, c.context, c.expected));
  }

  private expect(type: TokenType, ctx?: ErrorContext): Token {
    if (this.peekType() !== type) this.fail(ctx);
    return this.advance();
  }

  private withContext<T>(ctx: ErrorContext, f: () => T): T {
    this.contexts.push(ctx);
    try {
      return f();
    } finally {
      this.contexts.pop();
    }
  }

  private addError(range: PosRange, message: string): void {
    this.errors.push({ range, message });
  }

  private tokenRange(t: Token): PosRange {
    return { from: t.pos, to: t.pos + t.val.length };
  }

  private unquote(t: Token): string {
    try {
      return unquoteString(t.val);
    } catch (e) {
      this.addError(this.tokenRange(t), `error unquoting string ${goQuote(t.val)}: ${(e as Error).message}`);
      return '';
    }
  }

  private numberValue(t: Token): number {
    try {
      return parseNumberToken(t.val);
    } catch (e) {
      this.addError(this.tokenRange(t), `error parsing number: ${(e as Error).message}`);
      return 0;
    }
  }

  private durationSeconds(t: Token): number {
    try {
      return parseDurationMs(t.val) / 1000;
    } catch (e) {
      this.addError(this.tokenRange(t), (e as Error).message);
      return 0;
    }
  }

  // ---- entry --------------------------------------------------------------------------

  parseTop(): Expr | null {
    if (this.peekType() === 'EOF') {
      this.addError({ from: 0, to: 0 }, 'no expression found in input');
      return null;
    }
    const e = this.expr(0);
    if (this.peekType() !== 'EOF') this.fail({ context: '', expected: '' });
    return e;
  }

  // ---- expressions --------------------------------------------------------------------

  /** Precedence climbing: parses an expression whose binary operators bind at least `minPrec`. */
  private expr(minPrec: number): Expr {
    let lhs = this.unary();
    for (;;) {
      const opTok = this.peek();
      const prec = BINARY_PRECEDENCE.get(opTok.type);
      if (prec === undefined || prec < minPrec) return lhs;
      this.advance();
      const matching = this.binModifiers();
      // `^` is right-associative, everything else left-associative.
      const rhs = this.expr(opTok.type === 'POW' ? prec : prec + 1);
      lhs = this.newBinary(opTok, lhs, rhs, matching.returnBool, matching.vm);
    }
  }

  private newBinary(opTok: Token, lhs: Expr, rhs: Expr, returnBool: boolean, vm: Mutable<VectorMatching>): Expr {
    const e: Mutable<BinaryExpr> = {
      type: 'BinaryExpr',
      op: BINARY_OP.get(opTok.type)!,
      lhs,
      rhs,
      matching: vm,
      returnBool,
      range: { from: lhs.range.from, to: rhs.range.to },
    };
    if (!this.opts.enableBinopFillModifiers && (vm.fillLeft !== null || vm.fillRight !== null)) {
      this.addError(e.range, 'binop fill modifiers are experimental and not enabled');
    }
    return e;
  }

  /** `bool`, `on/ignoring (…)`, `group_left/right (…)`, `fill…(v)` after a binary operator. */
  private binModifiers(): { returnBool: boolean; vm: Mutable<VectorMatching> } {
    const vm: Mutable<VectorMatching> = { card: 'one-to-one', matchingLabels: [], on: false, include: [], fillLeft: null, fillRight: null };
    const returnBool = this.accept('BOOL') !== null;
    const t = this.peekType();
    if (t === 'ON' || t === 'IGNORING') {
      this.advance();
      vm.on = t === 'ON';
      vm.matchingLabels = this.groupingLabels();
      const g = this.peekType();
      if (g === 'GROUP_LEFT' || g === 'GROUP_RIGHT') {
        this.advance();
        vm.card = g === 'GROUP_LEFT' ? 'many-to-one' : 'one-to-many';
        vm.include = this.peekType() === 'LEFT_PAREN' ? this.groupingLabels() : [];
      }
    }
    const f = this.peekType();
    if (f === 'FILL') {
      this.advance();
      const v = this.fillValue();
      vm.fillLeft = v;
      vm.fillRight = v;
    } else if (f === 'FILL_LEFT' || f === 'FILL_RIGHT') {
      this.advance();
      const v = this.fillValue();
      if (f === 'FILL_LEFT') vm.fillLeft = v;
      else vm.fillRight = v;
      const other = f === 'FILL_LEFT' ? 'FILL_RIGHT' : 'FILL_LEFT';
      if (this.accept(other)) {
        const w = this.fillValue();
        if (other === 'FILL_LEFT') vm.fillLeft = w;
        else vm.fillRight = w;
      }
    }
    return { returnBool, vm };
  }

  private fillValue(): number {
    this.expect('LEFT_PAREN');
    let sign = 1;
    if (this.peekType() === 'ADD' || this.peekType() === 'SUB') sign = this.advance().type === 'SUB' ? -1 : 1;
    const t = this.peek();
    let v: number;
    if (t.type === 'NUMBER') v = this.numberValue(this.advance());
    else if (t.type === 'DURATION') v = this.durationSeconds(this.advance());
    else this.fail();
    this.expect('RIGHT_PAREN');
    return sign * v;
  }

  /** `unary_op expr %prec MUL`: the operand takes only `^` (and postfix modifiers). */
  private unary(): Expr {
    const t = this.peek();
    if (t.type !== 'ADD' && t.type !== 'SUB') return this.postfix(this.primary());
    this.advance();
    const operand = this.expr(POW_PRECEDENCE);
    if (operand.type === 'NumberLiteral') {
      const nl: Mutable<NumberLiteral> = { ...operand, range: { from: t.pos, to: operand.range.to } };
      if (t.type === 'SUB') nl.value = -nl.value;
      return nl;
    }
    return { type: 'UnaryExpr', op: t.type === 'SUB' ? '-' : '+', expr: operand, range: { from: t.pos, to: operand.range.to } };
  }

  private primary(): Expr {
    const t = this.peek();
    switch (t.type) {
      case 'NUMBER':
        this.advance();
        return { type: 'NumberLiteral', value: this.numberValue(t), duration: false, range: this.tokenRange(t) };
      case 'DURATION':
        this.advance();
        return { type: 'NumberLiteral', value: this.durationSeconds(t), duration: true, range: this.tokenRange(t) };
      case 'STRING':
        this.advance();
        return { type: 'StringLiteral', value: this.unquote(t), range: this.tokenRange(t) };
      case 'LEFT_PAREN': {
        this.advance();
        const inner = this.expr(0);
        const close = this.expect('RIGHT_PAREN');
        return { type: 'ParenExpr', expr: inner, range: { from: t.pos, to: close.pos + 1 } };
      }
      case 'LEFT_BRACE':
        return this.vectorSelector(null);
      case 'IDENTIFIER':
        if (this.peekAhead().type === 'LEFT_PAREN') return this.call();
        return this.vectorSelector(this.advance());
      case 'START': case 'END': case 'STEP': case 'RANGE': case 'MAX_OF': case 'MIN_OF':
        if (this.peekAhead().type === 'LEFT_PAREN') return this.call();
        return this.vectorSelector(this.advance());
    }
    if (AGGREGATORS.has(t.type)) {
      const next = this.peekAhead().type;
      if (next === 'LEFT_PAREN' || next === 'BY' || next === 'WITHOUT') return this.aggregate();
    }
    if (isMetricIdentifier(t.type)) return this.vectorSelector(this.advance());
    return this.fail();
  }

  // ---- selectors ----------------------------------------------------------------------

  private vectorSelector(nameTok: Token | null): VectorSelector {
    const matchers: Matcher[] = [];
    let quotedName = '';
    let range: PosRange = nameTok ? this.tokenRange(nameTok) : { from: this.peek().pos, to: this.peek().pos };
    if (this.peekType() === 'LEFT_BRACE') {
      const open = this.advance();
      const close = this.labelMatchers(matchers, (n) => (quotedName = n));
      range = { from: nameTok ? nameTok.pos : open.pos, to: close.pos + 1 };
    }
    const name = nameTok ? nameTok.val : '';
    if (name !== '') matchers.push(newMatcher('=', METRIC_NAME, name));
    const vs: Mutable<VectorSelector> = {
      type: 'VectorSelector',
      name: name !== '' ? name : quotedName,
      matchers,
      offsetMs: 0,
      offsetExpr: null,
      timestampMs: null,
      startOrEnd: null,
      anchored: false,
      smoothed: false,
      range,
    };
    if (name === '' && quotedName !== '') vs.nameInBraces = true;
    return vs;
  }

  /** `{ matcher, … }`; returns the closing brace. Calls `onName` for a bare quoted metric name. */
  private labelMatchers(out: Matcher[], onName: (name: string) => void): Token {
    const ctx = (expected: string): ErrorContext => ({ context: 'label matching', expected });
    const close = this.accept('RIGHT_BRACE');
    if (close) return close;
    for (;;) {
      const t = this.peek();
      if (t.type !== 'IDENTIFIER' && t.type !== 'STRING') this.fail(ctx('identifier or "}"'));
      this.advance();
      const labelName = t.type === 'STRING' ? this.unquote(t) : t.val;
      const opType = MATCH_OPS.get(this.peekType());
      if (opType) {
        this.advance();
        const v = this.expect('STRING', ctx('string'));
        const value = this.unquote(v);
        try {
          // Upstream parses the bare regex first (syntax.Parse in NewFastRegexMatcher), so
          // its error quotes the regex as written, not the anchored `^(?s:…)$` form.
          if (opType === '=~' || opType === '!~') RE2JS.compile(value);
          out.push(newMatcher(opType, labelName, value));
        } catch (e) {
          this.addError({ from: t.pos, to: v.pos + v.val.length }, (e as Error).message);
          out.push(newMatcher('=', labelName, value));
        }
      } else if (t.type === 'STRING') {
        out.push(newMatcher('=', METRIC_NAME, labelName));
        onName(labelName);
      } else {
        this.fail(ctx('label matching operator'));
      }
      const sep = this.peek();
      if (sep.type === 'RIGHT_BRACE') return this.advance();
      if (sep.type !== 'COMMA') this.fail(ctx('"," or "}"'));
      this.advance();
      const end = this.accept('RIGHT_BRACE');
      if (end) return end;
    }
  }

  /** Postfix modifiers, which bind tighter than any operator: `[…]`, `offset`, `@`, `anchored`, `smoothed`. */
  private postfix(e: Expr): Expr {
    for (;;) {
      switch (this.peekType()) {
        case 'LEFT_BRACKET':
          e = this.rangeOrSubquery(e);
          break;
        case 'OFFSET':
          e = this.offset(e);
          break;
        case 'AT':
          e = this.at(e);
          break;
        case 'ANCHORED':
        case 'SMOOTHED':
          e = this.extendedModifier(e, this.advance());
          break;
        default:
          return e;
      }
    }
  }

  private rangeOrSubquery(e: Expr): Expr {
    const open = this.advance();
    const first = this.withContext(
      { context: 'subquery or range selector', expected: 'number, duration, step(), or range()' },
      () => this.positiveDuration(),
    );
    const t = this.peek();
    if (t.type === 'RIGHT_BRACKET') {
      const close = this.advance();
      let errMsg = '';
      if (e.type !== 'VectorSelector') errMsg = 'ranges only allowed for vector selectors';
      else if (e.offsetMs !== 0 || e.offsetExpr !== null || e.offsetSource) errMsg = 'no offset modifiers allowed before range';
      else if (e.timestampMs !== null || e.startOrEnd !== null) errMsg = 'no @ modifiers allowed before range';
      if (errMsg !== '') this.addError({ from: open.pos, to: close.pos + 1 }, errMsg);
      // On error the node is still built around a non-selector, as upstream does, so that
      // later modifiers report "ranges only allowed for vector selectors" too.
      const vs = e as VectorSelector;
      const ms: Mutable<MatrixSelector> = {
        type: 'MatrixSelector',
        vectorSelector: vs,
        rangeMs: first.ms,
        rangeExpr: first.expr,
        range: { from: vs.range.from, to: this.lastClosing },
      };
      if (first.source) ms.rangeSource = first.source;
      return ms;
    }
    if (t.type !== 'COLON') this.fail({ context: 'subquery or range', expected: '":" or "]"' });
    this.advance();
    let step: DurationResult = { ms: 0, expr: null, source: null };
    if (this.peekType() !== 'RIGHT_BRACKET') {
      step = this.withContext(
        { context: 'subquery selector', expected: 'number, duration, step(), range(), or "]"' },
        () => this.positiveDuration(),
      );
    }
    const close = this.expect('RIGHT_BRACKET', { context: 'subquery selector', expected: '"]"' });
    const sq: Mutable<SubqueryExpr> = {
      type: 'SubqueryExpr',
      expr: e,
      rangeMs: first.ms,
      rangeExpr: first.expr,
      stepMs: step.ms,
      stepExpr: step.expr,
      offsetMs: 0,
      offsetExpr: null,
      timestampMs: null,
      startOrEnd: null,
      range: { from: e.range.from, to: close.pos + 1 },
    };
    if (first.source) sq.rangeSource = first.source;
    if (step.source) sq.stepSource = step.source;
    return sq;
  }

  private offset(e: Expr): Expr {
    this.advance();
    const d = this.withContext(
      { context: 'offset', expected: 'number, duration, step(), or range()' },
      () => this.offsetDuration(),
    );
    if (this.invalidMatrix(e)) return e;
    const target = offsetTarget(e);
    if (!target) {
      this.addError(e.range, 'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery');
      return e;
    }
    if (target.offsetMs !== 0 || target.offsetExpr !== null || target.offsetSource) {
      this.addError(e.range, 'offset may not be set multiple times');
      return e;
    }
    const updated = { ...target, offsetMs: d.ms, offsetExpr: d.expr } as Mutable<VectorSelector | SubqueryExpr>;
    if (d.source) updated.offsetSource = d.source;
    return withModifiedTarget(e, updated, this.lastClosing);
  }

  private at(e: Expr): Expr {
    this.advance();
    const ctx: ErrorContext = { context: '@', expected: 'timestamp' };
    let ts: number | null = null;
    let startOrEnd: 'start' | 'end' | null = null;
    const t = this.peek();
    if (t.type === 'START' || t.type === 'END') {
      this.advance();
      this.expect('LEFT_PAREN', ctx);
      this.expect('RIGHT_PAREN', ctx);
      startOrEnd = t.type === 'START' ? 'start' : 'end';
    } else {
      let sign = 1;
      if (t.type === 'ADD' || t.type === 'SUB') {
        this.advance();
        sign = t.type === 'SUB' ? -1 : 1;
      }
      const n = this.peek();
      if (n.type === 'NUMBER') ts = sign * this.numberValue(this.advance());
      else if (n.type === 'DURATION') ts = sign * this.durationSeconds(this.advance());
      else this.fail(ctx);
      if (!Number.isFinite(ts) || ts >= 2 ** 63 || ts <= -(2 ** 63)) {
        this.addError(e.range, `timestamp out of bounds for @ modifier: ${formatGoF(ts)}`);
      }
    }
    if (this.invalidMatrix(e)) return e;
    const target = atTarget(e);
    if (!target) {
      this.addError(e.range, '@ modifier must be preceded by an instant vector selector or range vector selector or a subquery');
      return e;
    }
    if (target.timestampMs !== null || target.startOrEnd !== null) {
      this.addError(e.range, '@ <timestamp> may not be set multiple times');
      return e;
    }
    const updated = { ...target, timestampMs: ts === null ? null : goRound(ts * 1000), startOrEnd };
    return withModifiedTarget(e, updated, this.lastClosing);
  }

  private extendedModifier(e: Expr, tok: Token): Expr {
    const kind = tok.type === 'ANCHORED' ? 'anchored' : 'smoothed';
    if (!this.opts.enableExtendedRangeSelectors) {
      this.addError(e.range, `${kind} modifier is experimental and not enabled`);
      return e;
    }
    let vs: VectorSelector;
    if (e.type === 'VectorSelector') vs = e;
    else if (e.type === 'MatrixSelector') {
      if (e.vectorSelector.type !== 'VectorSelector') return e;
      vs = e.vectorSelector;
    }
    else {
      this.addError(e.range, e.type === 'SubqueryExpr' ? `${kind} modifier is not supported for subqueries` : `${kind} modifier not implemented`);
      return e;
    }
    const updated: Mutable<VectorSelector> = { ...vs, [kind]: true };
    if (updated.anchored && updated.smoothed) this.addError(e.range, 'anchored and smoothed modifiers cannot be used together');
    // Upstream does not extend the node's range for these modifiers.
    if (e.type === 'VectorSelector') return updated;
    return { ...e, vectorSelector: updated };
  }

  /** A matrix selector built around a non-selector (already an error): modifiers on it fail too. */
  private invalidMatrix(e: Expr): boolean {
    if (e.type !== 'MatrixSelector' || e.vectorSelector.type === 'VectorSelector') return false;
    this.addError(e.range, 'ranges only allowed for vector selectors');
    return true;
  }

  // ---- durations ----------------------------------------------------------------------

  /** `positive_duration_expr`: a literal must be > 0. */
  private positiveDuration(): DurationResult {
    const d = this.durationExpr(0);
    if (d.op === 'num' && !(d.valueMs! > 0)) {
      this.addError(d.range, 'duration must be greater than 0');
      return { ms: 0, expr: null, source: null };
    }
    return this.resolveDuration(d, false);
  }

  /** `offset_duration_expr`: one (optionally signed) atom, so `x offset 2 ^ 2` is `(x offset 2) ^ 2`. */
  private offsetDuration(): DurationResult {
    const t = this.peek();
    let d: DurationExpr;
    if (t.type === 'ADD' || t.type === 'SUB') {
      this.advance();
      const atom = this.durationAtom();
      d = this.applyUnary(t, atom);
    } else d = this.durationAtom();
    return this.resolveDuration(d, true);
  }

  /** Folds a query-independent duration expression into ms; keeps the others for preprocess. */
  private resolveDuration(d: DurationExpr, allowNegative: boolean): DurationResult {
    if (d.op === 'num') return { ms: secondsToMs(d.valueMs! / 1000), expr: null, source: null };
    const v = evalConstantDuration(d);
    if (v === null || !Number.isFinite(v) || (!allowNegative && v <= 0) || Math.abs(v) > MAX_DURATION_SECONDS) {
      // Depends on the query (step(), range()) or is invalid: preprocessExpr resolves or rejects it.
      return { ms: 0, expr: d, source: null };
    }
    return { ms: Math.trunc(v * 1000), expr: null, source: d };
  }

  private durationExpr(minPrec: number): DurationExpr {
    let lhs = this.durationUnary();
    for (;;) {
      const opTok = this.peek();
      const prec = DURATION_PRECEDENCE.get(opTok.type);
      if (prec === undefined || prec < minPrec) return lhs;
      this.advance();
      const rhs = this.durationExpr(opTok.type === 'POW' ? prec : prec + 1);
      this.experimental(lhs);
      const op = DURATION_OP.get(opTok.type)!;
      if ((op === '/' || op === '%') && rhs.op === 'num' && rhs.valueMs === 0) {
        this.addError(this.tokenRange(opTok), op === '/' ? 'division by zero' : 'modulo by zero');
        lhs = numDuration(0, false, { from: 0, to: 0 });
        continue;
      }
      lhs = { type: 'DurationExpr', op, lhs, rhs, range: { from: lhs.range.from, to: rhs.range.to } };
    }
  }

  private durationUnary(): DurationExpr {
    const t = this.peek();
    if (t.type === 'ADD' || t.type === 'SUB') {
      this.advance();
      return this.applyUnary(t, this.durationExpr(POW_PRECEDENCE));
    }
    return this.durationAtom();
  }

  private applyUnary(op: Token, d: DurationExpr): DurationExpr {
    if (d.op === 'num') {
      const v = op.type === 'SUB' ? -d.valueMs! : d.valueMs!;
      if (Math.abs(v / 1000) > MAX_DURATION_SECONDS) {
        this.addError(this.tokenRange(op), 'duration out of range');
        return numDuration(0, false, { from: 0, to: 0 });
      }
      return { ...d, valueMs: v, range: { from: op.pos, to: d.range.to } };
    }
    if (op.type === 'SUB') return { type: 'DurationExpr', op: 'neg', rhs: d, range: { from: op.pos, to: d.range.to } };
    return d;
  }

  private durationAtom(): DurationExpr {
    const t = this.peek();
    switch (t.type) {
      case 'NUMBER':
      case 'DURATION': {
        this.advance();
        const seconds = t.type === 'NUMBER' ? this.numberValue(t) : this.durationSeconds(t);
        if (Math.abs(seconds) > MAX_DURATION_SECONDS) {
          this.addError(this.tokenRange(t), 'duration out of range');
          return numDuration(0, false, { from: 0, to: 0 });
        }
        return numDuration(seconds * 1000, t.type === 'DURATION', this.tokenRange(t));
      }
      case 'STEP':
      case 'RANGE': {
        this.advance();
        this.expect('LEFT_PAREN');
        const close = this.expect('RIGHT_PAREN');
        const d: DurationExpr = { type: 'DurationExpr', op: t.type === 'STEP' ? 'step' : 'range', range: { from: t.pos, to: close.pos + 1 } };
        this.experimental(d);
        return d;
      }
      case 'MAX_OF':
      case 'MIN_OF': {
        this.advance();
        this.expect('LEFT_PAREN');
        const a = this.durationExpr(0);
        this.expect('COMMA');
        const b = this.durationExpr(0);
        const close = this.expect('RIGHT_PAREN');
        const d: DurationExpr = {
          type: 'DurationExpr', op: t.type === 'MAX_OF' ? 'max_of' : 'min_of', lhs: a, rhs: b, range: { from: t.pos, to: close.pos + 1 },
        };
        this.experimental(d);
        return d;
      }
      case 'LEFT_PAREN': {
        this.advance();
        const inner = this.durationExpr(0);
        const close = this.expect('RIGHT_PAREN');
        this.experimental(inner);
        return { type: 'DurationExpr', op: 'paren', rhs: inner, range: { from: t.pos, to: close.pos + 1 } };
      }
    }
    return this.fail();
  }

  private experimental(d: DurationExpr): void {
    if (!this.opts.experimentalDurationExpr) this.addError(d.range, 'experimental duration expression is not enabled');
  }

  // ---- calls and aggregations ---------------------------------------------------------

  /** `( args )` of a call or aggregation; reports a trailing comma as upstream does. */
  private callArgs(): Expr[] {
    this.expect('LEFT_PAREN');
    const args: Expr[] = [];
    if (this.accept('RIGHT_PAREN')) return args;
    for (;;) {
      args.push(this.expr(0));
      if (this.accept('RIGHT_PAREN')) return args;
      const comma = this.expect('COMMA');
      if (this.peekType() === 'RIGHT_PAREN') {
        this.addError(this.tokenRange(comma), 'trailing commas not allowed in function call args');
        this.advance();
        return args;
      }
    }
  }

  private call(): Call {
    const nameTok = this.advance();
    let func = getFunction(nameTok.val);
    if (!func) {
      this.addError(this.tokenRange(nameTok), `unknown function with name ${goQuote(nameTok.val)}`);
      func = unknownFunction(nameTok.val);
    } else if (func.experimental && !this.opts.enableExperimentalFunctions) {
      this.addError(this.tokenRange(nameTok), `function ${goQuote(nameTok.val)} is not enabled`);
    }
    const args = this.callArgs();
    return { type: 'Call', func, args, range: { from: nameTok.pos, to: this.lastClosing } };
  }

  private aggregate(): Expr {
    const opTok = this.advance();
    return this.withContext({ context: 'aggregation', expected: '' }, () => {
      let grouping: string[] = [];
      let without = false;
      let modifierSeen = false;
      const t = this.peekType();
      if (t === 'BY' || t === 'WITHOUT') {
        this.advance();
        without = t === 'WITHOUT';
        grouping = this.groupingLabels();
        modifierSeen = true;
      }
      const args = this.callArgs();
      if (!modifierSeen) {
        const m = this.peekType();
        if (m === 'BY' || m === 'WITHOUT') {
          this.advance();
          without = m === 'WITHOUT';
          grouping = this.groupingLabels();
        }
      }
      return this.newAggregate(opTok, args, grouping, without);
    });
  }

  private newAggregate(opTok: Token, args: Expr[], grouping: string[], without: boolean): Expr {
    const op = TOKEN_TEXT.get(opTok.type) as AggregateOp;
    const range = { from: opTok.pos, to: this.lastClosing };
    const agg: Mutable<AggregateExpr> = { type: 'AggregateExpr', op, expr: null as unknown as Expr, param: null, grouping, without, range };
    if (args.length === 0) {
      this.addError(range, 'no arguments for aggregate expression provided');
      agg.expr = { type: 'NumberLiteral', value: 0, duration: false, range };
      return agg;
    }
    let desired = 1;
    if (AGGREGATORS_WITH_PARAM.has(op)) {
      if (!this.opts.enableExperimentalFunctions && (op === 'limitk' || op === 'limit_ratio')) {
        this.addError(range, `${op}() is experimental and must be enabled with --enable-feature=promql-experimental-functions`);
      }
      desired = 2;
      agg.param = args[0];
    }
    if (args.length !== desired) {
      this.addError(range, `wrong number of arguments for aggregate expression provided, expected ${desired}, got ${args.length}`);
    }
    agg.expr = args[Math.min(desired, args.length) - 1];
    return agg;
  }

  /** `( label, … )` of by/without/on/ignoring/group_*. */
  private groupingLabels(): string[] {
    const ctx = (expected: string): ErrorContext => ({ context: 'grouping opts', expected });
    this.expect('LEFT_PAREN', ctx('"("'));
    const out: string[] = [];
    if (this.accept('RIGHT_PAREN')) return out;
    for (;;) {
      const t = this.peek();
      if (MAYBE_LABEL.has(t.type)) {
        this.advance();
        out.push(t.val);
      } else if (t.type === 'STRING') {
        this.advance();
        const name = this.unquote(t);
        if (name === '' || !isValidUtf8Text(name)) {
          this.addError(this.tokenRange(t), `invalid label name for grouping: ${goQuote(name)}`);
        }
        out.push(name);
      } else this.fail(ctx('label'));
      const sep = this.peek();
      if (sep.type === 'RIGHT_PAREN') {
        this.advance();
        return out;
      }
      if (sep.type !== 'COMMA') this.fail(ctx('"," or ")"'));
      this.advance();
      if (this.accept('RIGHT_PAREN')) return out;
    }
  }
}

interface DurationResult {
  readonly ms: number;
  readonly expr: DurationExpr | null;
  /** The constant expression that was folded into `ms`, for printing. */
  readonly source: DurationExpr | null;
}

const DURATION_PRECEDENCE: ReadonlyMap<TokenType, number> = new Map<TokenType, number>([
  ['ADD', 4], ['SUB', 4], ['MUL', 5], ['DIV', 5], ['MOD', 5], ['POW', 6],
]);
const DURATION_OP: ReadonlyMap<TokenType, DurationExpr['op']> = new Map<TokenType, DurationExpr['op']>([
  ['ADD', '+'], ['SUB', '-'], ['MUL', '*'], ['DIV', '/'], ['MOD', '%'], ['POW', '^'],
]);

const AGGREGATORS_WITH_PARAM: ReadonlySet<AggregateOp> = new Set<AggregateOp>(['topk', 'bottomk', 'count_values', 'quantile', 'limitk', 'limit_ratio']);

function numDuration(valueMs: number, isDuration: boolean, range: PosRange): DurationExpr {
  return isDuration ? { type: 'DurationExpr', op: 'num', valueMs, isDuration, range } : { type: 'DurationExpr', op: 'num', valueMs, range };
}

/**
 * Evaluates a duration expression in seconds, or null when it needs the query (`step()`,
 * `range()`). Mirrors evaluateDurationExpr, promql/durations.go (division by zero → null
 * so the error is reported when the query runs).
 */
export function evalConstantDuration(d: DurationExpr, stepSeconds?: number, rangeSeconds?: number): number | null {
  switch (d.op) {
    case 'num':
      return d.valueMs! / 1000;
    case 'step':
      return stepSeconds ?? null;
    case 'range':
      return rangeSeconds ?? null;
    case 'paren':
      return evalConstantDuration(d.rhs!, stepSeconds, rangeSeconds);
    case 'neg': {
      const v = evalConstantDuration(d.rhs!, stepSeconds, rangeSeconds);
      return v === null ? null : -v;
    }
  }
  const a = evalConstantDuration(d.lhs!, stepSeconds, rangeSeconds);
  const b = evalConstantDuration(d.rhs!, stepSeconds, rangeSeconds);
  if (a === null || b === null) return null;
  switch (d.op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return b === 0 ? null : a / b;
    case '%': return b === 0 ? null : a % b;
    case '^': return Math.pow(a, b);
    case 'min_of': return Math.min(a, b);
    case 'max_of': return Math.max(a, b);
  }
  return null;
}

type ModifierTarget = VectorSelector | SubqueryExpr;

function offsetTarget(e: Expr): ModifierTarget | null {
  if (e.type === 'VectorSelector' || e.type === 'SubqueryExpr') return e;
  if (e.type === 'MatrixSelector') return e.vectorSelector;
  return null;
}

const atTarget = offsetTarget;

/** Puts an updated selector/subquery back into `e` and extends the node's range to `end`. */
function withModifiedTarget(e: Expr, updated: ModifierTarget, end: number): Expr {
  if (e.type === 'MatrixSelector') return { ...e, vectorSelector: updated as VectorSelector, range: { from: e.range.from, to: end } };
  return { ...updated, range: { from: updated.range.from, to: end } };
}

/** Go's `%f` for the @ bounds message (`+Inf`, `-Inf`, `NaN`, or six decimals). */
function formatGoF(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return v.toFixed(6);
}

function isValidUtf8Text(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      else return false;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

/** A diagnostic for the editor (CodeMirror-shaped). */
export interface Diagnostic {
  readonly from: number;
  readonly to: number;
  readonly severity: 'error';
  readonly message: string;
}

function runParser(text: string, opts: ParseOptions): { expr: Expr | null; errors: RawParseError[]; syntax: boolean } {
  const p = new Parser(text, opts);
  let expr: Expr | null = null;
  try {
    expr = p.parseTop();
  } catch (e) {
    if (!(e instanceof SyntaxAbort)) throw e;
    p.errors.push(e.error);
    return { expr: null, errors: p.errors, syntax: true };
  }
  if (p.errors.length > 0 || expr === null) return { expr: null, errors: p.errors, syntax: true };
  const checked = checkAST(expr, text);
  return { expr: checked.errors.length === 0 ? checked.expr : null, errors: checked.errors, syntax: false };
}

/**
 * Parses and type-checks a PromQL expression.
 *
 * @throws PromQLError kind `parse` with Prometheus's message for the first error
 *   (`1:8: parse error: unexpected end of input`) and its range (UTF-16 offsets).
 */
export function parse(text: string, opts: ParseOptions = {}): Expr {
  const r = runParser(text, opts);
  if (r.errors.length > 0) throw toParseError(text, r.errors[0], r.syntax ? 'syntax_error' : 'type_error') as PromQLError;
  return r.expr!;
}

/**
 * Parses for the editor: the first parse error (the one {@link parse} would throw), or,
 * when the text parses, every type-check failure, sorted by `from`. `expr` is the
 * checked tree when there is no diagnostic. Messages carry no `line:col` prefix.
 */
export function parseWithDiagnostics(text: string, opts: ParseOptions = {}): { expr: Expr | null; diagnostics: Diagnostic[] } {
  const r = runParser(text, opts);
  const errors = r.syntax ? r.errors.slice(0, 1) : r.errors;
  const diagnostics = errors
    .map((e) => ({ from: e.range.from, to: e.range.to, severity: 'error' as const, message: e.message }))
    .sort((a, b) => a.from - b.from);
  return { expr: r.expr, diagnostics };
}
