import { describe, expect, it } from 'vitest';
import { PromQLError } from '../model/errors.ts';
import { labelsFromRecord, labelsToRecord } from '../model/labels.ts';
import { bytesToString } from '../model/strings.ts';
import { compileLabelJoin, compileLabelReplace, isValidLabelNameUtf8 } from './label-functions.ts';

const tm10 = labelsFromRecord({ __name__: 'testmetric', src: 'source-value-10', dst: 'original-destination-value' });
const replace = (dst: string, repl: string, src: string, re: string, labels = tm10) =>
  labelsToRecord(compileLabelReplace(dst, repl, src, re).apply(labels));

// Cases transcribed from functions.test ("Tests for label_replace" / "label_join").
describe('label_replace', () => {
  it('full-string match and replace', () => {
    expect(replace('dst', 'destination-value-$1', 'src', 'source-value-(.*)').dst).toBe('destination-value-10');
  });
  it('no sub-string match: labels unchanged (same object)', () => {
    const r = compileLabelReplace('dst', 'destination-value-$1', 'src', 'value-(.*)');
    expect(r.apply(tm10)).toBe(tm10);
  });
  it('multiple capture groups', () => {
    expect(replace('dst', '$1-value-$2', 'src', '(.*)-value-(.*)').dst).toBe('source-value-10');
  });
  it('missing source label is the empty string', () => {
    expect(replace('dst', 'value-$1', 'nonexistent-src', 'source-value-(.*)').dst).toBe('original-destination-value');
    expect(replace('dst', 'value-$1', 'nonexistent-src', '(.*)').dst).toBe('value-');
  });
  it('an empty result deletes the label', () => {
    const out = replace('dst', '', 'dst', '.*');
    expect(out).toEqual({ __name__: 'testmetric', src: 'source-value-10' });
  });
  it('can set __name__ and new labels', () => {
    expect(replace('__name__', 'renamed_$1', 'src', 'source-value-(\\d+)').__name__).toBe('renamed_10');
    expect(replace('new', '${1}x', 'src', 'source-value-(\\d+)').new).toBe('10x');
  });
  it('errors with Prometheus texts', () => {
    expect(() => compileLabelReplace('dst', 'value-$1', 'src', '(.*')).toThrow('invalid regular expression in label_replace(): (.*');
    const bad = bytesToString(Uint8Array.of(0xff));
    expect(() => compileLabelReplace(bad, '', 'src', '(.*)')).toThrow(PromQLError);
    expect(() => compileLabelReplace(bad, '', 'src', '(.*)')).toThrow(`invalid destination label name in label_replace(): ${bad}`);
    expect(() => compileLabelReplace('', '', 'src', '(.*)')).toThrow('invalid destination label name');
    // The regex is checked before the destination.
    expect(() => compileLabelReplace('', '', 'src', '(')).toThrow('invalid regular expression');
  });
  it('UTF-8 label names are valid', () => {
    expect(replace('my.label', '$1', 'src', 'source-(.*)')['my.label']).toBe('value-10');
    expect(isValidLabelNameUtf8('ünïcødé')).toBe(true);
    expect(isValidLabelNameUtf8(bytesToString(Uint8Array.of(0x61, 0xc5, 0x7a)))).toBe(false);
  });
  it('. matches newlines ((?s) flag) and the match is anchored', () => {
    const l = labelsFromRecord({ src: 'a\nb' });
    expect(replace('dst', '$1', 'src', 'a(.)b', l).dst).toBe('\n');
    expect(replace('dst', 'x', 'src', 'a', l).dst).toBeUndefined();
  });
});

describe('Go template expansion', () => {
  const l = labelsFromRecord({ src: 'abc-123' });
  const t = (repl: string, re = '(?P<word>[a-z]+)-(?P<num>\\d+)') => replace('dst', repl, 'src', re, l).dst;
  it('numbers, names, braces and $$', () => {
    expect(t('$1|$2')).toBe('abc|123');
    expect(t('${1}|${2}')).toBe('abc|123');
    expect(t('$word/$num')).toBe('abc/123');
    expect(t('${word}x')).toBe('abcx');
    expect(t('$$1')).toBe('$1');
    expect(t('cost: $$$1')).toBe('cost: $abc');
  });
  it('a name is the longest run of word characters', () => {
    // `$1x` refers to a group named "1x", which does not exist → ''.
    expect(t('$1x-')).toBe('-');
    expect(t('$wordy')).toBeUndefined(); // expands to '' → label removed
  });
  it('malformed references are literal', () => {
    expect(t('$')).toBe('$');
    expect(t('a$-b')).toBe('a$-b');
    expect(t('${1')).toBe('${1');
    expect(t('${}')).toBe('${}');
  });
  it('leading zeros make a name; unknown and non-participating groups are empty', () => {
    expect(t('[$01]')).toBe('[]');
    expect(t('[$9]')).toBe('[]');
    expect(replace('dst', '[$2]', 'src', '(abc)-(x)?123', l).dst).toBe('[]');
  });
});

describe('label_join', () => {
  const a = labelsFromRecord({ __name__: 'testmetric', src: 'a', src1: 'b', src2: 'c', dst: 'original-destination-value' });
  const join = (dst: string, sep: string, srcs: string[], labels = a) => labelsToRecord(compileLabelJoin(dst, sep, srcs).apply(labels));
  it('joins in order, missing labels as empty', () => {
    expect(join('dst', '-', ['src', 'src1', 'src2']).dst).toBe('a-b-c');
    expect(join('dst', '-', ['src', 'src3', 'src1']).dst).toBe('a--b');
  });
  it('an empty result removes dst; no sources removes dst', () => {
    expect(join('dst', '', ['emptysrc', 'emptysrc1', 'emptysrc2'])).toEqual({ __name__: 'testmetric', src: 'a', src1: 'b', src2: 'c' });
    expect(join('dst', ', ', []).dst).toBeUndefined();
  });
  it('creates dst', () => {
    const l = labelsFromRecord({ src: 'foo', src1: 'bar', src2: 'foobar' });
    expect(join('dst', ', ', ['src', 'src1', 'src2'], l).dst).toBe('foo, bar, foobar');
  });
  it('validates names (sources first)', () => {
    const bad = bytesToString(Uint8Array.of(0xff));
    expect(() => compileLabelJoin(bad, '', [bad])).toThrow(`invalid source label name in label_join(): ${bad}`);
    expect(() => compileLabelJoin(bad, '', ['ok'])).toThrow(`invalid destination label name in label_join(): ${bad}`);
  });
});
