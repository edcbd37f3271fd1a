/** Delayed name removal: applying the marks and merging collisions. */
import { describe, expect, it } from 'vitest';
import { labelsFromRecord } from '../model/labels.ts';
import { cleanupMetricLabels, type MarkedStepSeries } from './name-dropping.ts';

function series(rec: Record<string, string>, present: number[], dropName: boolean): MarkedStepSeries {
  return { labels: labelsFromRecord(rec), values: Float64Array.from(present, (p, i) => (p ? i + 1 : 0)), present: Uint8Array.from(present), dropName };
}

describe('cleanupMetricLabels', () => {
  it('drops __name__, __type__ and __unit__ only where marked', () => {
    const out = cleanupMetricLabels([series({ __name__: 'a', __type__: 'counter', x: '1' }, [1], true), series({ __name__: 'b', x: '1' }, [1], false)]);
    expect(out.map((s) => s.labels)).toEqual([labelsFromRecord({ x: '1' }), labelsFromRecord({ __name__: 'b', x: '1' })]);
  });
  it('merges series that collide at different steps and fails when they overlap', () => {
    const merged = cleanupMetricLabels([series({ __name__: 'a', x: '1' }, [1, 0, 0], true), series({ __name__: 'b', x: '1' }, [0, 1, 0], true)]);
    expect(merged).toHaveLength(1);
    expect(Array.from(merged[0].present)).toEqual([1, 1, 0]);
    expect(Array.from(merged[0].values)).toEqual([1, 2, 0]);
    expect(() => cleanupMetricLabels([series({ __name__: 'a', x: '1' }, [1], true), series({ __name__: 'b', x: '1' }, [1], true)])).toThrow(
      'vector cannot contain metrics with the same labelset',
    );
  });
});
