/** The last queries run, newest first, kept in localStorage. */
const KEY = 'promql-playground.history';
export const HISTORY_SIZE = 30;

export function loadHistory(): string[] {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string').slice(0, HISTORY_SIZE) : [];
  } catch {
    return [];
  }
}

/** Adds `expr` at the front (moving it if present) and saves; returns the new list. */
export function pushHistory(list: readonly string[], expr: string): string[] {
  const e = expr.trim();
  if (e === '') return [...list];
  const next = [e, ...list.filter((x) => x !== e)].slice(0, HISTORY_SIZE);
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage full or disabled: history lasts for this page only.
  }
  return next;
}
