/**
 * The inverted index: label name → label value → ascending series ids, plus each name's
 * values sorted in byte order. Series ids are assigned in `labels.Compare` order, so
 * every postings list, and every `select` result, is already in label order.
 *
 * Matcher semantics mirror PostingsForMatchers (tsdb/querier.go): a label a series lacks
 * has value `''`. A matcher that accepts `''` selects series lacking the label, so it is
 * applied by removing the series whose value it rejects; any other matcher selects the
 * union of the postings of the values it accepts. With only empty-accepting matchers the
 * start set is every series.
 */
import { compareStrings, type Labels } from '../model/labels.ts';
import type { Matcher } from '../model/matcher.ts';
import { intersectPostings, subtractPostings, unionPostings, type Postings } from './postings.ts';
import { regexFastPath, type RegexFastPath } from './regex-fast-path.ts';

interface NameEntry {
  /** Non-empty values, sorted by {@link compareStrings}. */
  readonly values: string[];
  readonly postings: Map<string, Int32Array>;
  /** Every series that has the label (union of all postings), built on first use. */
  all: Postings | null;
}

export class LabelIndex {
  private readonly byName = new Map<string, NameEntry>();
  private readonly names: string[];
  private readonly seriesCount: number;

  /** Builds the index over `series`, whose array index is the series id (already in label order). */
  constructor(series: readonly Labels[]) {
    this.seriesCount = series.length;
    const lists = new Map<string, Map<string, number[]>>();
    for (let id = 0; id < series.length; id++) {
      const ls = series[id];
      for (let i = 0; i < ls.length; i++) {
        const { name, value } = ls[i];
        let byValue = lists.get(name);
        if (!byValue) lists.set(name, (byValue = new Map()));
        let ids = byValue.get(value);
        if (!ids) byValue.set(value, (ids = []));
        ids.push(id);
      }
    }
    for (const [name, byValue] of lists) {
      const postings = new Map<string, Int32Array>();
      for (const [value, ids] of byValue) postings.set(value, Int32Array.from(ids));
      const values = Array.from(byValue.keys()).sort(compareStrings);
      this.byName.set(name, { values, postings, all: null });
    }
    this.names = Array.from(lists.keys()).sort(compareStrings);
  }

  /** Label names in byte order. */
  labelNames(): string[] {
    return this.names.slice();
  }

  /** The non-empty values of `name` in byte order. */
  labelValues(name: string): string[] {
    return this.byName.get(name)?.values.slice() ?? [];
  }

  /** Series ids accepted by every matcher, ascending (= label order). */
  select(matchers: readonly Matcher[]): number[] {
    const positives: Postings[] = [];
    const negatives: Postings[] = [];
    for (const m of matchers) {
      const entry = this.byName.get(m.name);
      if (m.matches('')) {
        if (!entry) continue; // Every series lacks the label and '' is accepted.
        const rejected = this.postingsFor(entry, m, false);
        if (rejected.length > 0) negatives.push(rejected);
      } else {
        if (!entry) return [];
        const accepted = this.postingsFor(entry, m, true);
        if (accepted.length === 0) return [];
        positives.push(accepted);
      }
    }
    let result: Postings;
    if (positives.length === 0) {
      const all = new Array<number>(this.seriesCount);
      for (let i = 0; i < all.length; i++) all[i] = i;
      result = all;
    } else {
      positives.sort((a, b) => a.length - b.length);
      result = positives[0];
      for (let i = 1; i < positives.length && result.length > 0; i++) result = intersectPostings(result, positives[i]);
    }
    if (negatives.length > 0 && result.length > 0) {
      result = subtractPostings(result, negatives.length === 1 ? negatives[0] : unionPostings(negatives));
    }
    return Array.from(result);
  }

  /** The union of the postings of `entry`'s values v with `m.matches(v) === want`. */
  private postingsFor(entry: NameEntry, m: Matcher, want: boolean): Postings {
    const values = this.valuesWhere(entry, m, want);
    if (values.length === entry.values.length) return (entry.all ??= unionPostings(Array.from(entry.postings.values())));
    if (values.length === 1) return entry.postings.get(values[0]) ?? [];
    const lists: Int32Array[] = [];
    for (const v of values) {
      const p = entry.postings.get(v);
      if (p) lists.push(p);
    }
    return unionPostings(lists);
  }

  /** Values of `entry` for which `m.matches(v) === want`, using fast paths before regexes. */
  private valuesWhere(entry: NameEntry, m: Matcher, want: boolean): readonly string[] {
    const { values } = entry;
    if (m.type === '=' || m.type === '!=') {
      // For '=', the accepted set is {value}; for '!=', its complement.
      const single = (m.type === '=') === want;
      if (single) return entry.postings.has(m.value) ? [m.value] : [];
      return values.filter((v) => v !== m.value);
    }
    const fast = regexFastPath(m.value);
    // The values the regex itself must match: for '!~' the matcher is its negation.
    const wantRegex = (m.type === '=~') === want;
    if (fast === null) return values.filter((v) => m.matches(v) === want);
    if (fast.kind === 'prefixThenRegex') {
      // The regex can only match values in the prefix range; run it on those alone.
      // (Such a regex never matches '', so select() only asks for the values it matches.)
      if (wantRegex) return prefixRange(values, fast.prefix).filter((v) => m.matches(v) === want);
      return values.filter((v) => m.matches(v) === want);
    }
    if (wantRegex) return fastMatches(entry, fast);
    return values.filter((v) => !fastTest(fast, v));
  }
}

function fastTest(fast: Exclude<RegexFastPath, { kind: 'prefixThenRegex' }>, v: string): boolean {
  if (fast.kind === 'set') return fast.values.includes(v);
  if (fast.kind === 'nonEmpty') return v !== '';
  return v.startsWith(fast.prefix);
}

/** Values of `entry` the fast-path regex matches, without scanning all values. */
function fastMatches(entry: NameEntry, fast: Exclude<RegexFastPath, { kind: 'prefixThenRegex' }>): readonly string[] {
  if (fast.kind === 'set') {
    const out: string[] = [];
    for (const v of new Set(fast.values)) if (entry.postings.has(v)) out.push(v);
    return out;
  }
  // Stored values are never empty, so `.+` matches them all.
  if (fast.kind === 'nonEmpty') return entry.values;
  return prefixRange(entry.values, fast.prefix);
}

/** The values (sorted) that start with `prefix`: a contiguous range in code point order. */
function prefixRange(values: readonly string[], prefix: string): string[] {
  // Values sharing a prefix are contiguous in code point order.
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareStrings(values[mid], prefix) < 0) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < values.length && values[i].startsWith(prefix); i++) out.push(values[i]);
  return out;
}
