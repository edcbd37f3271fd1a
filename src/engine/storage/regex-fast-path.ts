/**
 * Recognizes regexes that the index can answer without running the regex, as
 * Prometheus's FastRegexMatcher (model/labels/regexp.go) does for its common cases:
 * an alternation of literals (`a|b|c`, also as `(a|b)`) → a set lookup, and a literal
 * followed by `.*` (`foo.*`) → a prefix scan over sorted values. Anything with flags,
 * classes, escapes or other operators returns null and goes through re2js.
 */
export type RegexFastPath =
  | { readonly kind: 'set'; readonly values: readonly string[] }
  | { readonly kind: 'prefix'; readonly prefix: string };

/** Characters that make a regex more than a literal. */
const META = /[\\.+*?()|[\]{}^$]/;

export function regexFastPath(re: string): RegexFastPath | null {
  let body = re;
  if (body.startsWith('(') && body.endsWith(')') && !body.startsWith('(?')) {
    const inner = body.slice(1, -1);
    // Only strip parens that wrap the whole body: no other parens inside.
    if (!/[()]/.test(inner)) body = inner;
  }
  if (body.endsWith('.*')) {
    const prefix = body.slice(0, -2);
    if (!META.test(prefix)) return { kind: 'prefix', prefix };
    return null;
  }
  const alts = body.split('|');
  for (const a of alts) if (META.test(a)) return null;
  return { kind: 'set', values: alts };
}
