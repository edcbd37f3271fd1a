import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getLabel, labelsFromRecord, type Labels } from '../model/labels.ts';
import { newMatcher, type Matcher, type MatchType } from '../model/matcher.ts';
import { LabelIndex } from './label-index.ts';
import { regexFastPath } from './regex-fast-path.ts';
import { intersectPostings, subtractPostings, unionPostings } from './postings.ts';

const NAMES = ['__name__', 'job', 'env', 'zone'];
const VALUES = ['a', 'ab', 'abc', 'b', 'B', 'x\ny', 'é', '😀', 'a.b', ''];
/** Regexes chosen to hit the set/prefix fast paths and the re2js fallback. */
const REGEXES = ['a', 'a|b', '(a|b)', 'a.*', 'ab.*', '.*', '.+', '', 'a|', '(?i)b', 'x.y', '[ab]+', 'é|😀', '.', 'a\\.b', 'a.b', '(a)|(b)', 'a.*|b', 'ab?', 'abc?', 'a+', 'ab*c', 'ab{0}', 'ab+', 'a[bc]', 'x\ny', 'a(?i)B', '(.+)'];

const labelsArb = fc
  .array(fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...VALUES)), { maxLength: 4 })
  .map((pairs) => labelsFromRecord(Object.fromEntries(pairs)));

const matcherArb: fc.Arbitrary<Matcher> = fc
  .tuple(fc.constantFrom<MatchType>('=', '!=', '=~', '!~'), fc.constantFrom(...NAMES, 'missing'), fc.constantFrom(...VALUES), fc.constantFrom(...REGEXES))
  .map(([type, name, value, re]) => newMatcher(type, name, type === '=' || type === '!=' ? value : re));

function bruteForce(series: readonly Labels[], ms: readonly Matcher[]): number[] {
  const out: number[] = [];
  for (let id = 0; id < series.length; id++) if (ms.every((m) => m.matches(getLabel(series[id], m.name)))) out.push(id);
  return out;
}

describe('LabelIndex.select', () => {
  it('agrees with evaluating every matcher on every series', () => {
    fc.assert(
      fc.property(fc.uniqueArray(labelsArb, { maxLength: 40, selector: (l) => JSON.stringify(l) }), fc.array(matcherArb, { maxLength: 4 }), (series, ms) => {
        const index = new LabelIndex(series);
        expect(index.select(ms)).toEqual(bruteForce(series, ms));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('regexFastPath', () => {
  it('recognizes literal sets and prefixes only', () => {
    expect(regexFastPath('a|b')).toEqual({ kind: 'set', values: ['a', 'b'] });
    expect(regexFastPath('(a|bc)')).toEqual({ kind: 'set', values: ['a', 'bc'] });
    expect(regexFastPath('foo.*')).toEqual({ kind: 'prefix', prefix: 'foo' });
    expect(regexFastPath('')).toEqual({ kind: 'set', values: [''] });
    expect(regexFastPath('.+')).toEqual({ kind: 'nonEmpty' });
    expect(regexFastPath('pod-1[0-9]+')).toEqual({ kind: 'prefixThenRegex', prefix: 'pod-1' });
    expect(regexFastPath('abc?')).toEqual({ kind: 'prefixThenRegex', prefix: 'ab' });
    expect(regexFastPath('ab{0}')).toEqual({ kind: 'prefixThenRegex', prefix: 'a' });
    expect(regexFastPath('fo.*o')).toEqual({ kind: 'prefixThenRegex', prefix: 'fo' });
    for (const re of ['(?i)a', '[a]', 'a\\|b', '(a)|(b)', 'a{2}', 'a?', '^a', '.*foo', 'ab|c.d', '\\d+']) expect(regexFastPath(re), re).toBeNull();
  });

  it('agrees with the anchored regex on every recognized pattern', () => {
    const probes = ['', 'a', 'b', 'ab', 'abc', 'foo', 'foobar', 'fo', 'x\nfoo', 'foo\n', 'bc'];
    for (const re of ['a|b', '(a|bc)', 'foo.*', '', 'a|', 'ab.*', '.*', '.+']) {
      const fast = regexFastPath(re);
      expect(fast).not.toBeNull();
      const m = newMatcher('=~', 'x', re);
      for (const p of probes) {
        const got = fast!.kind === 'set' ? fast!.values.includes(p) : fast!.kind === 'nonEmpty' ? p !== '' : fast!.kind === 'prefix' ? p.startsWith(fast!.prefix) : null;
        expect(got, `${re} on ${JSON.stringify(p)}`).toBe(m.matches(p));
      }
    }
    // prefixThenRegex: no value outside the prefix may match.
    for (const re of ['fo.*o', 'foo?', 'fo+', 'ab{0}c', 'foo[a-z]+', 'a\\.b']) {
      const fast = regexFastPath(re);
      expect(fast?.kind, re).toBe('prefixThenRegex');
      const m = newMatcher('=~', 'x', re);
      for (const p of [...probes, 'fooo', 'fox', 'ac', 'a.b', 'foobar']) if (m.matches(p)) expect(p.startsWith((fast as { prefix: string }).prefix), `${re} on ${p}`).toBe(true);
    }
  });
});

describe('postings', () => {
  it('intersect, subtract and union match set semantics', () => {
    const sorted = fc.uniqueArray(fc.integer({ min: 0, max: 200 })).map((a) => a.sort((x, y) => x - y));
    fc.assert(
      fc.property(sorted, sorted, sorted, (a, b, c) => {
        expect(intersectPostings(a, b)).toEqual(a.filter((x) => b.includes(x)));
        expect(subtractPostings(a, b)).toEqual(a.filter((x) => !b.includes(x)));
        expect(unionPostings([a, b, c])).toEqual([...new Set([...a, ...b, ...c])].sort((x, y) => x - y));
      }),
    );
  });
});
