import type { PosRange } from './position.ts';

/**
 * Kinds of failure. `parse`/`type` come from the parser and checker, `eval` from
 * evaluation (many-to-many matching, duplicate series, bad parameters), `limit` from the
 * memory or sample budget, `timeout`/`cancelled` from the host, `unsupported` from the
 * streaming planner for a construct it does not stream yet, `internal` for bugs.
 */
export const ErrorKind = {
  parse: 'parse',
  type: 'type',
  eval: 'eval',
  limit: 'limit',
  timeout: 'timeout',
  cancelled: 'cancelled',
  unsupported: 'unsupported',
  internal: 'internal',
} as const;
export type ErrorKind = (typeof ErrorKind)[keyof typeof ErrorKind];

/** The plain-data form of a {@link PromQLError}; this is what crosses the worker boundary. */
export interface PromQLErrorData {
  readonly kind: ErrorKind;
  /** A stable machine-readable code, e.g. `many_to_many`, `memory_limit`, `bad_regex`. */
  readonly code: string;
  /**
   * The message exactly as Prometheus would print it (for parse errors including the
   * `line:col: parse error: ` prefix; for evaluation errors the bare text, as the
   * promqltest `expect fail msg:` lines compare it).
   */
  readonly message: string;
  /** Where in the query the problem is, when known. */
  readonly range?: PosRange;
}

/** The one error type the engine throws. */
export class PromQLError extends Error implements PromQLErrorData {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly range?: PosRange;

  constructor(kind: ErrorKind, code: string, message: string, range?: PosRange) {
    super(message);
    this.name = 'PromQLError';
    this.kind = kind;
    this.code = code;
    this.range = range;
  }

  toData(): PromQLErrorData {
    return this.range
      ? { kind: this.kind, code: this.code, message: this.message, range: this.range }
      : { kind: this.kind, code: this.code, message: this.message };
  }
}

/** Wraps anything thrown into a PromQLError (`internal` unless it already is one). */
export function toPromQLError(e: unknown): PromQLError {
  if (e instanceof PromQLError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new PromQLError('internal', 'internal', `internal error: ${message}`);
}
