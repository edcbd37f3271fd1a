/** The typed "not streamed yet" error: no silent fallback to the naive evaluator. */
import { PromQLError } from '../model/errors.ts';
import type { PosRange } from '../model/position.ts';

export function unsupported(construct: string, range?: PosRange): PromQLError {
  return new PromQLError('unsupported', 'streaming_unsupported', `${construct} is not supported by the streaming evaluator`, range);
}
