/**
 * Parse errors in Prometheus's form: `<line>:<col>: parse error: <message>`, where line is
 * 1-based and col is the 1-based UTF-8 byte column of the error's start (mirrors
 * `ParseErr.Error()`, promql/parser/parse.go).
 */
import { PromQLError } from '../model/errors.ts';
import { toLineCol, type PosRange } from '../model/position.ts';
import { tokenDesc, type Token } from './tokens.ts';

/** One error as the parser collects it, before formatting. */
export interface RawParseError {
  readonly range: PosRange;
  readonly message: string;
}

/** Formats a raw error against the query text into the PromQLError the engine throws. */
export function toParseError(input: string, err: RawParseError, code = 'parse_error'): PromQLError {
  const { line, col } = toLineCol(input, err.range.from);
  return new PromQLError('parse', code, `${line}:${col}: parse error: ${err.message}`, err.range);
}

/**
 * Mirrors `parser.unexpected`: `unexpected <token> [in <context>][, expected <expected>]`,
 * positioned at the offending token.
 */
export function unexpectedError(tok: Token, context: string, expected: string): RawParseError {
  let msg = 'unexpected ' + tokenDesc(tok);
  if (context !== '') msg += ' in ' + context;
  if (expected !== '') msg += ', expected ' + expected;
  return { range: { from: tok.pos, to: tok.pos + tok.val.length }, message: msg };
}

/** Internal control flow: thrown to abandon parsing at the first syntax error. */
export class SyntaxAbort extends Error {
  readonly error: RawParseError;
  constructor(error: RawParseError) {
    super(error.message);
    this.error = error;
  }
}

/** The range of a lexer ERROR token: from the item's start to the end of input (as upstream). */
export function lexErrorOf(tok: Token, input: string): RawParseError {
  return { range: { from: tok.pos, to: input.length }, message: tok.val };
}
