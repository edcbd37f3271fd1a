/** Vector matching: signatures, result labels and error texts. */
import { describe, expect, it } from 'vitest';
import { labelsFromRecord } from '../model/labels.ts';
import type { VectorMatching } from '../parser/ast.ts';
import { MatchingSignature, duplicateOnOneSideError, goLabelsString, matchLabels, resultMetric } from './vector-matching.ts';

const L = labelsFromRecord;
const base: VectorMatching = { card: 'one-to-one', matchingLabels: [], on: false, include: [], fillLeft: null, fillRight: null };

describe('vector matching', () => {
  it('signatures ignore __name__ (and the ignoring labels), or keep only the on labels', () => {
    const a = L({ __name__: 'a', job: 'x', instance: '1' });
    const b = L({ __name__: 'b', job: 'x', instance: '1' });
    const c = L({ __name__: 'b', job: 'x', instance: '2' });
    const ign = new MatchingSignature({ on: false, matchingLabels: [] });
    expect(ign.of(a)).toBe(ign.of(b));
    expect(ign.of(a)).not.toBe(ign.of(c));
    const on = new MatchingSignature({ on: true, matchingLabels: ['job'] });
    expect(on.of(a)).toBe(on.of(c));
    expect(matchLabels(c, false, ['instance'])).toEqual(L({ job: 'x' }));
  });
  it('builds result labels as resultMetric does', () => {
    const l = L({ __name__: 'a', job: 'x', instance: '1', extra: 'e' });
    const r = L({ __name__: 'b', job: 'x', team: 't' });
    expect(resultMetric(l, r, '+', { ...base, on: true, matchingLabels: ['job'] }, false)).toEqual(L({ job: 'x' }));
    expect(resultMetric(l, r, '>', { ...base, matchingLabels: ['extra'] }, false)).toEqual(L({ __name__: 'a', job: 'x', instance: '1' }));
    expect(resultMetric(l, r, '*', { ...base, card: 'many-to-one', on: true, matchingLabels: ['job'], include: ['team'] }, false)).toEqual(
      L({ job: 'x', instance: '1', extra: 'e', team: 't' }),
    );
    expect(resultMetric(l, r, '==', base, true)).toEqual(L({ job: 'x', instance: '1', extra: 'e' }));
  });
  it('prints label sets like Go and sorts the duplicate pair', () => {
    expect(goLabelsString(L({ __name__: 'm', 'a.b': 'x"y' }))).toBe('{__name__="m", "a.b"="x\\"y"}');
    const e = duplicateOnOneSideError(L({}), 'right', L({ __name__: 'd', label: 'beta' }), L({ __name__: 'd', label: 'alpha' }));
    expect(e.message).toBe(
      'found duplicate series for the match group {} on the right hand-side of the operation: [{__name__="d", label="alpha"}, {__name__="d", label="beta"}];many-to-many matching not allowed: matching labels must be unique on one side',
    );
  });
});
