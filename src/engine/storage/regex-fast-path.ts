/**
 * Recognizes regexes that the index can answer without running the regex on every
 * value, as Prometheus's FastRegexMatcher (model/labels/regexp.go) does for its common
 * cases:
 * - an alternation of literals (`a|b|c`, also as `(a|b)`) → a set lookup;
 * - a literal followed by `.*` (`foo.*`) → a prefix range of the sorted values;
 * - `.+` → every value (the regex is anchored and `.` matches newline);
 * - any other regex that starts with a literal (`pod-1[0-9]+`) → the prefix range
 *   narrows the candidates, and the regex runs only on those.
 * Regexes with flags, a top-level-unsafe `|`, or no literal prefix return null and run
 * through re2js on every value.
 */
export type RegexFastPath =
  | { readonly kind: 'set'; readonly values: readonly string[] }
  | { readonly kind: 'prefix'; readonly prefix: string }
  | { readonly kind: 'nonEmpty' }
  | { readonly kind: 'prefixThenRegex'; readonly prefix: string };

/** Characters that make a regex more than a literal. */
const META = /[\\.+*?()|[\]{}^$]/;

export function regexFastPath(re: string): RegexFastPath | null {
  let body = re;
  if (body.startsWith('(') && body.endsWith(')') && !body.startsWith('(?')) {
    const inner = body.slice(1, -1);
    // Only strip parens that wrap the whole body: no other parens inside.
    if (!/[()]/.test(inner)) body = inner;
  }
  if (body === '.+') return { kind: 'nonEmpty' };
  if (body.endsWith('.*')) {
    const prefix = body.slice(0, -2);
    if (!META.test(prefix)) return { kind: 'prefix', prefix };
  }
  const alts = body.split('|');
  if (alts.every((a) => !META.test(a))) return { kind: 'set', values: alts };
  // A literal prefix every match must start with. Any `|` could make it optional, so
  // only regexes without one qualify; a quantifier right after the literal makes its
  // last character optional.
  if (re.includes('|')) return null;
  const m = META.exec(re);
  if (m === null || m.index === 0) return null;
  let prefix = re.slice(0, m.index);
  if (m[0] === '?' || m[0] === '*' || m[0] === '{') prefix = prefix.slice(0, -1);
  return prefix === '' ? null : { kind: 'prefixThenRegex', prefix };
}
