import { RE2JS } from 're2js';

/** Label matcher types, as Prometheus's `labels.MatchType`. */
export type MatchType = '=' | '!=' | '=~' | '!~';

/**
 * A label matcher. Regexes use RE2 semantics (re2js), fully anchored and with `.`
 * matching newline, exactly as Prometheus builds them: `^(?s:` + re + `)$`.
 * Construct with {@link newMatcher}, which compiles the regex once and throws
 * `Error` with RE2's message (e.g. `error parsing regexp: missing closing ): ...`)
 * when it does not compile; the parser turns that into a parse error.
 */
export interface Matcher {
  readonly type: MatchType;
  readonly name: string;
  readonly value: string;
  /** True when the matcher accepts `v`. An absent label is matched as value `''`. */
  matches(v: string): boolean;
}

export function newMatcher(type: MatchType, name: string, value: string): Matcher {
  if (type === '=') return { type, name, value, matches: (v) => v === value };
  if (type === '!=') return { type, name, value, matches: (v) => v !== value };
  const re = compileAnchoredRegex(value);
  const negate = type === '!~';
  return { type, name, value, matches: (v) => re.matches(v) !== negate };
}

const regexCache = new Map<string, RE2JS>();

/** Compiles `^(?s:re)$` with re2js, caching by source. Throws Error on a bad regex. */
export function compileAnchoredRegex(re: string): RE2JS {
  let compiled = regexCache.get(re);
  if (!compiled) {
    compiled = RE2JS.compile(`^(?s:${re})$`);
    if (regexCache.size > 1000) regexCache.clear();
    regexCache.set(re, compiled);
  }
  return compiled;
}

/** True when the matcher accepts the empty string (it would select series lacking the label). */
export function matchesEmpty(m: Matcher): boolean {
  return m.matches('');
}

/** Prometheus's text form of a matcher: `name="value"` with Go quoting of the value. */
export function formatMatcher(m: Matcher): string {
  return `${m.name}${m.type}${JSON.stringify(m.value)}`;
}
