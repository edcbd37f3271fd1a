/**
 * What the last run has to say besides its value: the error (with its position when the
 * message has none) and whether the shown result is stale; a notice when the naive
 * evaluator stopped but the streaming one answered; the query's warnings and infos.
 */
import type { QueryResponse, WireAnnotation, WireError } from '../../worker/protocol.ts';

/** ` (at line L, column C)` for an error whose message carries no `line:col:` prefix. */
export function errorPosition(expr: string, e: WireError): string {
  if (!e.range || /^\d+:\d+:/.test(e.message)) return '';
  const before = expr.slice(0, e.range.from);
  const line = before.split('\n').length;
  const col = e.range.from - before.lastIndexOf('\n');
  return ` (at line ${line}, column ${col})`;
}

export interface QueryMessagesProps {
  readonly error: { readonly error: WireError; readonly expr: string } | null;
  readonly stale: boolean;
  readonly response: QueryResponse | null;
  readonly annotations: readonly WireAnnotation[];
}

export function QueryMessages({ error, stale, response, annotations }: QueryMessagesProps) {
  const e = error?.error;
  const naive = response?.naive;
  return (
    <>
      {error && e && (
        <div className={e.kind === 'cancelled' ? 'notice' : 'error-box'} role="alert" data-testid="query-error">
          <strong>{e.kind === 'parse' || e.kind === 'type' ? 'Error' : e.kind === 'cancelled' ? 'Cancelled' : `Error (${e.kind})`}:</strong> {e.message}
          {errorPosition(error.expr, e)}
          {stale && <span className="subtle"> — the result below is from the previous query.</span>}
        </div>
      )}
      {!stale && naive && !naive.ok && response?.streaming?.ok && (
        <div className="notice" role="status" data-testid="naive-failed-notice">
          The naive evaluator stopped ({naive.error.kind}): {naive.error.message}. Showing the streaming evaluator's result.
        </div>
      )}
      {annotations.length > 0 && !stale && (
        <ul className="annotations" data-testid="annotations">
          {annotations.map((a, i) => (
            <li key={i} className={a.severity}>
              {a.message}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
