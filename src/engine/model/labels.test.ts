import { describe, expect, it } from 'vitest';
import {
  compareLabels, compareStrings, dropMetricName, formatLabels, getLabel, labelsEqual, labelsFromRecord, labelsKey, LabelsBuilder,
} from './labels.ts';

describe('labels', () => {
  it('sorts by name and drops empty values', () => {
    const l = labelsFromRecord({ z: '1', __name__: 'm', a: '', b: '2' });
    expect(l.map((x) => x.name)).toEqual(['__name__', 'b', 'z']);
  });

  it('compares strings in code point (UTF-8 byte) order, not UTF-16 order', () => {
    // U+FF61 is 0xEF 0xBD 0xA1 in UTF-8; U+1F600 is 0xF0 …, so the emoji sorts last.
    expect(compareStrings('\uff61', '\u{1f600}')).toBeLessThan(0);
    expect('\uff61' < '\u{1f600}').toBe(false); // plain JS order gets this wrong
    expect(compareStrings('a', 'ab')).toBeLessThan(0);
    expect(compareStrings('b', 'a')).toBeGreaterThan(0);
  });

  it('compares label sets as labels.Compare: name, then value, prefix first', () => {
    const a = labelsFromRecord({ a: '1' });
    const ab = labelsFromRecord({ a: '1', b: '1' });
    const a2 = labelsFromRecord({ a: '2' });
    expect(compareLabels(a, ab)).toBeLessThan(0);
    expect(compareLabels(ab, a2)).toBeLessThan(0);
    expect(compareLabels(a2, a2)).toBe(0);
  });

  it('keys distinguish sets that naive joining would confuse', () => {
    const x = labelsFromRecord({ a: 'b:c' });
    const y = labelsFromRecord({ 'a': 'b', ':c': 'x' });
    expect(labelsKey(x)).not.toBe(labelsKey(y));
    expect(labelsKey(labelsFromRecord({ a: '1', b: '2' }))).toBe(labelsKey(labelsFromRecord({ b: '2', a: '1' })));
  });

  it('drops __name__ with the metadata labels', () => {
    const l = labelsFromRecord({ __name__: 'm', __type__: 'counter', __unit__: 's', job: 'j' });
    expect(dropMetricName(l)).toEqual([{ name: 'job', value: 'j' }]);
    const noName = labelsFromRecord({ job: 'j' });
    expect(dropMetricName(noName)).toBe(noName);
  });

  it('builder sets, deletes and treats empty as delete', () => {
    const b = new LabelsBuilder(labelsFromRecord({ a: '1', b: '2' }));
    b.set('c', '3').set('a', '').delete('b');
    expect(labelsEqual(b.build(), labelsFromRecord({ c: '3' }))).toBe(true);
    expect(getLabel(b.build(), 'c')).toBe('3');
    expect(getLabel(b.build(), 'a')).toBe('');
  });

  it('formats like Prometheus', () => {
    expect(formatLabels(labelsFromRecord({ __name__: 'up', job: 'a' }))).toBe('up{job="a"}');
    expect(formatLabels(labelsFromRecord({ __name__: 'up' }))).toBe('up');
    expect(formatLabels(labelsFromRecord({ job: 'a' }))).toBe('{job="a"}');
  });
});
