import { describe, expect, it } from 'vitest';
import type { Call } from '../parser/ast.ts';
import { parse } from '../parser/parser.ts';
import { labelsFromRecord, labelsToRecord, type Labels } from '../model/labels.ts';
import { formatMatcher } from '../model/matcher.ts';
import { PromQLError } from '../model/errors.ts';
import { combineWithInfoSeries, infoSelectTimestampAndOffset, planInfo, type InfoDataSeries } from './info-labels.ts';

const call = (q: string) => parse(q, { enableExperimentalFunctions: true }) as Call;
const L = (r: Record<string, string>) => labelsFromRecord(r);
const col = (xs: (number | null)[]) => ({
  values: Float64Array.from(xs, (x) => x ?? 0),
  present: Uint8Array.from(xs, (x) => (x === null ? 0 : 1)),
});
const base = (labels: Labels, xs: (number | null)[]) => ({ labels, dropName: false, ...col(xs) });
const info = (labels: Labels, times: (number | null)[]): InfoDataSeries => {
  const c = col(times);
  return { labels, present: c.present, sampleTimes: c.values };
};

/** Runs the join and returns {labels: values-per-step} in emission order. */
function join(q: string, bases: ReturnType<typeof base>[], infos: InfoDataSeries[], steps: number) {
  const plan = planInfo(call(q), bases.map((b) => b.labels));
  const out = new Map<string, (number | null)[]>();
  combineWithInfoSeries(plan, steps, bases, infos, (labels, _dropName, i, v) => {
    const k = JSON.stringify(labelsToRecord(labels));
    if (!out.has(k)) out.set(k, new Array<number | null>(steps).fill(null));
    out.get(k)![i] = v;
  });
  return [...out].map(([k, v]) => [JSON.parse(k) as Record<string, string>, v] as const);
}

// Cases follow info.test and evalInfo/combineWithInfoVector, promql/info.go.
describe('planInfo', () => {
  it('selects target_info on the identifying values of the base series', () => {
    const plan = planInfo(call('info(metric)'), [
      L({ __name__: 'metric', instance: 'a.b:9090', job: '1' }),
      L({ __name__: 'metric', instance: 'c', job: '1' }),
    ]);
    expect(plan.ignored).toEqual([false, false]);
    expect(plan.infoSelector!.matchers.map(formatMatcher)).toEqual([
      'instance=~"a\\\\.b:9090|c"', 'job=~"1"', '__name__="target_info"',
    ]);
    expect(plan.dataMatchers.size).toBe(0);
  });
  it('passes info metrics themselves through and fetches nothing for them alone', () => {
    const plan = planInfo(call('info(build_info, {__name__=~".+_info", another_data=~".+"})'), [
      L({ __name__: 'build_info', instance: 'a', job: '1' }),
    ]);
    expect(plan.ignored).toEqual([true]);
    expect(plan.infoSelector).toBeNull();
    expect([...plan.dataMatchers.keys()]).toEqual(['another_data']);
    expect(plan.allMatchEmpty).toBe(false);
  });
  it('a negative name matcher alone still restricts to *_info metrics', () => {
    const plan = planInfo(call('info(metric, {__name__!="build_info"})'), [L({ __name__: 'metric', job: 'x' })]);
    expect(plan.infoSelector!.matchers.map(formatMatcher)).toEqual(['job=~"x"', '__name__=~".+_info"', '__name__!="build_info"']);
  });
});

describe('infoSelectTimestampAndOffset', () => {
  it('adds subquery offsets up to the first @', () => {
    const e = call('info(rate(metric offset 1m [5m:1m] offset 2m))');
    expect(infoSelectTimestampAndOffset(e.args[0])).toEqual({ ts: null, offsetMs: 180000 });
    expect(infoSelectTimestampAndOffset(call('info(last_over_time((metric @ 100 offset 1m)[5m:1m] offset 2m))').args[0]))
      .toEqual({ ts: 100000, offsetMs: 60000 });
  });
});

describe('combineWithInfoSeries', () => {
  const metric = L({ __name__: 'metric', instance: 'a', job: '1', label: 'value' });
  const targetInfo = L({ __name__: 'target_info', instance: 'a', job: '1', data: 'info' });
  it('adds all data labels while an info series is current; without data matchers an unmatched sample passes', () => {
    expect(join('info(metric)', [base(metric, [0, 1, 2])], [info(targetInfo, [0, null, 600000])], 3)).toEqual([
      [{ __name__: 'metric', instance: 'a', job: '1', label: 'value', data: 'info' }, [0, null, 2]],
      [{ __name__: 'metric', instance: 'a', job: '1', label: 'value' }, [null, 1, null]],
    ]);
  });
  it('drops an unmatched base sample unless every data matcher accepts ""', () => {
    expect(join('info(metric, {data=~".+"})', [base(metric, [5, 6])], [info(targetInfo, [0, null])], 2)).toEqual([
      [{ __name__: 'metric', instance: 'a', job: '1', label: 'value', data: 'info' }, [5, null]],
    ]);
    expect(join('info(metric, {data=~".*"})', [base(metric, [5, 6])], [info(targetInfo, [0, null])], 2)).toEqual([
      [{ __name__: 'metric', instance: 'a', job: '1', label: 'value', data: 'info' }, [5, null]],
      [{ __name__: 'metric', instance: 'a', job: '1', label: 'value' }, [null, 6]],
    ]);
  });
  it('of two info series with one signature, takes the newer sample; a tie is an error', () => {
    const older = L({ __name__: 'target_info', instance: 'a', job: '1', data: 'old' });
    const newer = L({ __name__: 'target_info', instance: 'a', job: '1', data: 'new' });
    expect(join('info(metric)', [base(metric, [1])], [info(older, [100]), info(newer, [200])], 1)).toEqual([
      [{ __name__: 'metric', instance: 'a', job: '1', label: 'value', data: 'new' }, [1]],
    ]);
    expect(() => join('info(metric)', [base(metric, [1])], [info(older, [100]), info(newer, [100])], 1))
      .toThrow(/^found duplicate series for info metric: existing \{.*data="old".*\} @ 100, new \{.*data="new".*\} @ 100$/);
  });
  it('two info metrics disagreeing on a data label is a conflict', () => {
    const a = L({ __name__: 'target_info', instance: 'a', job: '1', data: 'x' });
    const b = L({ __name__: 'build_info', instance: 'a', job: '1', data: 'y' });
    let err: unknown;
    try {
      join('info(metric, {__name__=~".+_info"})', [base(metric, [1])], [info(a, [0]), info(b, [0])], 1);
    } catch (e) { err = e; }
    expect(err).toBeInstanceOf(PromQLError);
    expect((err as PromQLError).message).toBe('conflicting label: data');
  });
});
