/**
 * Test helper for the loaders' tests: asserts that `f` throws the loaders' one error
 * (storage/load-error.ts: PromQLError kind `parse`, code `bad_data`) with a message
 * matching `message`.
 */
import { expect } from 'vitest';
import { PromQLError } from '../model/errors.ts';

export function expectLoadError(f: () => unknown, message: string | RegExp): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PromQLError);
    expect((e as PromQLError).kind).toBe('parse');
    expect((e as PromQLError).code).toBe('bad_data');
    expect((e as PromQLError).message).toMatch(message);
    return;
  }
  throw new Error('expected a load error');
}
