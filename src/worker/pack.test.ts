import { describe, expect, it } from 'vitest';
import { labelsFromRecord, type QueryValue } from '../engine/index.ts';
import { packValue } from './pack.ts';

describe('packValue', () => {
  it('packs a vector into one values and one presence buffer in series order', () => {
    const v: QueryValue = {
      kind: 'vector',
      timestamps: Float64Array.of(0, 1000),
      ordered: true,
      series: [
        { labels: labelsFromRecord({ __name__: 'x', a: '1' }), values: Float64Array.of(1, 2), present: Uint8Array.of(1, 1) },
        { labels: labelsFromRecord({ a: '2' }), values: Float64Array.of(NaN, 4), present: Uint8Array.of(0, 1) },
      ],
    };
    const { value, transfer } = packValue(v);
    if (value.kind !== 'vector') throw new Error('kind');
    expect(Array.from(value.values)).toEqual([1, 2, NaN, 4]);
    expect(Array.from(value.present)).toEqual([1, 1, 0, 1]);
    expect(value.labels).toEqual([[['__name__', 'x'], ['a', '1']], [['a', '2']]]);
    expect(value.ordered).toBe(true);
    // Fresh buffers: transferring them never detaches the engine's arrays.
    expect(transfer).toHaveLength(3);
    expect(transfer.includes(v.series[0].values.buffer as ArrayBuffer)).toBe(false);
  });

  it('packs a matrix with offsets', () => {
    const v: QueryValue = {
      kind: 'matrix',
      timestamps: Float64Array.of(5000),
      series: [
        { labels: labelsFromRecord({ a: '1' }), t: Float64Array.of(1000, 2000), v: Float64Array.of(1, 2) },
        { labels: labelsFromRecord({ a: '2' }), t: Float64Array.of(3000), v: Float64Array.of(3) },
      ],
    };
    const { value } = packValue(v);
    if (value.kind !== 'matrix') throw new Error('kind');
    expect(Array.from(value.offsets)).toEqual([0, 2, 3]);
    expect(Array.from(value.t)).toEqual([1000, 2000, 3000]);
    expect(Array.from(value.v)).toEqual([1, 2, 3]);
  });
});
