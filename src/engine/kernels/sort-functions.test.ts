import { describe, expect, it } from 'vitest';
import { labelsFromRecord } from '../model/labels.ts';
import { compareNatural, naturalLess, sortOrderByLabels, sortOrderByValue } from './sort-functions.ts';

describe('sort / sort_desc (functions.test)', () => {
  // Values of http_requests at 50m in load order; the canary instance 2 is NaN.
  const values = [100, 200, 300, 400, NaN, 500, 600, 700, 800];
  it('sort: ascending, NaN last', () => {
    expect(Array.from(sortOrderByValue(values, false), (i) => values[i])).toEqual([100, 200, 300, 400, 500, 600, 700, 800, NaN]);
  });
  it('sort_desc: descending, NaN last', () => {
    expect(Array.from(sortOrderByValue(values, true), (i) => values[i])).toEqual([800, 700, 600, 500, 400, 300, 200, 100, NaN]);
  });
  it('ties keep input order; infinities and -0', () => {
    const v = [1, -Infinity, 1, NaN, Infinity, NaN, 0];
    expect(Array.from(sortOrderByValue(v, false))).toEqual([1, 6, 0, 2, 4, 3, 5]);
    expect(Array.from(sortOrderByValue(v, true))).toEqual([4, 0, 2, 6, 1, 3, 5]);
    expect(Array.from(sortOrderByValue(new Float64Array(0), false))).toEqual([]);
  });
});

describe('natural order (facette/natsort)', () => {
  it('numbers compare as integers', () => {
    expect(naturalLess('2', '10')).toBe(true);
    expect(naturalLess('10', '2')).toBe(false);
    expect(naturalLess('4m5', '4m600')).toBe(true);
    expect(naturalLess('4m600', '4m1000')).toBe(true);
    expect(naturalLess('1.2.3', '1.11.3')).toBe(true);
    expect(naturalLess('1.11.3', '1.111.3')).toBe(true);
    expect(naturalLess('abc', 'abd')).toBe(true);
    expect(naturalLess('a', 'a1')).toBe(true);
    expect(naturalLess('a1', 'a')).toBe(false);
  });
  it('huge numbers beyond int64 compare as strings', () => {
    expect(naturalLess('99999999999999999999', '100000000000000000000')).toBe(false);
    // 2^63−1 fits, 1e19 does not: the pair compares as strings ('9' > '1').
    expect(naturalLess('9223372036854775807', '10000000000000000000')).toBe(false);
    expect(naturalLess('9223372036854775806', '9223372036854775807')).toBe(true);
    expect(naturalLess('x007', 'x10')).toBe(true);
  });
  it('inconsistent upstream pairs get a consistent order', () => {
    expect(naturalLess('', 'x')).toBe(false);
    expect(naturalLess('x', '')).toBe(false);
    expect(compareNatural('', 'x')).toBeLessThan(0);
    expect(compareNatural('x', '')).toBeGreaterThan(0);
    expect(naturalLess('a01', 'a1')).toBe(true);
    expect(naturalLess('a1', 'a01')).toBe(true);
    expect(Math.sign(compareNatural('a01', 'a1'))).toBe(-Math.sign(compareNatural('a1', 'a01')));
  });
});

describe('sort_by_label (functions.test)', () => {
  const hr = (job: string, instance: string, group: string) => labelsFromRecord({ __name__: 'http_requests', job, instance, group });
  const series = [
    hr('api-server', '0', 'production'),
    hr('api-server', '1', 'production'),
    hr('api-server', '0', 'canary'),
    hr('api-server', '1', 'canary'),
    hr('api-server', '2', 'canary'),
    hr('app-server', '0', 'production'),
    hr('app-server', '1', 'production'),
    hr('app-server', '0', 'canary'),
    hr('app-server', '1', 'canary'),
    hr('api-server', '2', 'production'),
  ];
  const render = (order: Int32Array) => Array.from(order, (i) => `${series[i][1].value}/${series[i][2].value}/${series[i][3].value}`);
  it('by instance, ties by full label set', () => {
    expect(render(sortOrderByLabels(series, ['instance'], false))).toEqual([
      'canary/0/api-server',
      'canary/0/app-server',
      'production/0/api-server',
      'production/0/app-server',
      'canary/1/api-server',
      'canary/1/app-server',
      'production/1/api-server',
      'production/1/app-server',
      'canary/2/api-server',
      'production/2/api-server',
    ]);
  });
  it('by job, instance, group', () => {
    expect(render(sortOrderByLabels(series, ['job', 'instance', 'group'], false))).toEqual([
      'canary/0/api-server',
      'production/0/api-server',
      'canary/1/api-server',
      'production/1/api-server',
      'canary/2/api-server',
      'production/2/api-server',
      'canary/0/app-server',
      'production/0/app-server',
      'canary/1/app-server',
      'production/1/app-server',
    ]);
  });
  it('sort_by_label_desc by instance', () => {
    expect(render(sortOrderByLabels(series, ['instance'], true))).toEqual([
      'production/2/api-server',
      'canary/2/api-server',
      'production/1/app-server',
      'production/1/api-server',
      'canary/1/app-server',
      'canary/1/api-server',
      'production/0/app-server',
      'production/0/api-server',
      'canary/0/app-server',
      'canary/0/api-server',
    ]);
  });
  it('natural order of cpu numbers and versions', () => {
    const cpus = ['0', '1', '2', '3', '10', '11', '12', '20', '21', '100'];
    const shuffled = [...cpus].reverse().map((cpu) => labelsFromRecord({ __name__: 'cpu_time_total', job: 'cpu', cpu }));
    expect(Array.from(sortOrderByLabels(shuffled, ['cpu'], false), (i) => shuffled[i][1].value)).toEqual(cpus);
    const nodes = [
      labelsFromRecord({ instance: '4m600', release: '1.2.3' }),
      labelsFromRecord({ instance: '4m5', release: '1.11.3' }),
      labelsFromRecord({ instance: '4m1000', release: '1.111.3' }),
    ];
    expect(Array.from(sortOrderByLabels(nodes, ['instance'], false))).toEqual([1, 0, 2]);
    expect(Array.from(sortOrderByLabels(nodes, ['release'], false))).toEqual([0, 1, 2]);
  });
});
