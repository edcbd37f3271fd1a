import { PromQLError } from '../model/errors.ts';

/** The loaders' one error: `line N: message`, as PromQLError('parse', 'bad_data'). */
export function loadError(line: number, message: string): PromQLError {
  return new PromQLError('parse', 'bad_data', `line ${line}: ${message}`);
}

/** Rethrows `e` with the line number prefixed (its message kept). */
export function withLine(line: number, e: unknown): PromQLError {
  const message = e instanceof Error ? e.message : String(e);
  return loadError(line, message);
}
