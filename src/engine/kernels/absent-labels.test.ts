import { describe, expect, it } from 'vitest';
import { labelsToRecord } from '../model/labels.ts';
import { parse } from '../parser/parser.ts';
import { absentLabels } from './absent-labels.ts';

const labelsOf = (arg: string) => labelsToRecord(absentLabels(parse(arg)));

// Expectations from functions.test ("Tests for absent()" / absent_over_time) and
// createLabelsForAbsentFunction, promql/functions.go.
describe('absentLabels', () => {
  it('keeps single equality matchers, drops the metric name', () => {
    expect(labelsOf('nonexistent{job="testjob", instance="testinstance", method=~".x"}')).toEqual({ job: 'testjob', instance: 'testinstance' });
  });
  it('leaves out a label matched twice by equality', () => {
    expect(labelsOf('nonexistent{job="testjob", job="testjob2", foo="bar"}')).toEqual({ foo: 'bar' });
  });
  it('a later non-equality matcher removes the label; an earlier one does not', () => {
    expect(labelsOf('nonexistent{job="testjob", job!="testjob2", foo="bar"}')).toEqual({ foo: 'bar' });
    // Go deletes on each non-equality matcher in order, so an equality after it still sets.
    expect(labelsOf('nonexistent{job!="x", job="testjob", foo="bar"}')).toEqual({ job: 'testjob', foo: 'bar' });
  });
  it('reads through parentheses and range selectors', () => {
    expect(labelsOf('(nonexistent{job="a"})')).toEqual({ job: 'a' });
    expect(labelsOf('nonexistent{job="a"}[5m]')).toEqual({ job: 'a' });
  });
  it('gives {} for anything that is not a selector', () => {
    expect(labelsOf('sum(nonexistent{job="a"})')).toEqual({});
    expect(labelsOf('vector(1)')).toEqual({});
  });
});
