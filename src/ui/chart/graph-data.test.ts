import { describe, expect, it } from 'vitest';
import { buildGraphData, rawValueAt } from './graph-data.ts';
import type { WireValue } from '../../worker/protocol.ts';

function vector(values: number[][], present: number[][]): Extract<WireValue, { kind: 'vector' }> {
  const steps = values[0].length;
  return {
    kind: 'vector',
    timestamps: Float64Array.from({ length: steps }, (_, i) => 1000 * (60 + 60 * i)),
    labels: values.map((_, i) => [['__name__', 'x'], ['i', String(i)]] as const),
    values: Float64Array.from(values.flat()),
    present: Uint8Array.from(present.flat()),
    ordered: false,
  };
}

describe('graph data', () => {
  it('uses seconds on x, null for absent steps and for non-finite values', () => {
    const v = vector([[1, 2, NaN, Infinity]], [[1, 0, 1, 1]]);
    const g = buildGraphData(v);
    expect(Array.from(g.columns[0])).toEqual([60, 120, 180, 240]);
    expect(g.columns[1]).toEqual([1, null, null, null]);
    expect(g.nonFinitePoints).toBe(2);
    expect(rawValueAt(v, 0, 2)).toBeNaN();
    expect(rawValueAt(v, 0, 1)).toBeNull();
  });

  it('stacks visible series and skips absent points', () => {
    const v = vector([[1, 1, 1], [2, 2, 2], [10, 10, 10]], [[1, 1, 0], [1, 0, 1], [1, 1, 1]]);
    const g = buildGraphData(v, { stacked: true, visible: [true, true, false] });
    expect(g.columns[1]).toEqual([1, 1, null]);
    expect(g.columns[2]).toEqual([3, null, 2]);
    expect(g.columns[3]).toEqual([null, null, null]);
    expect(g.bases![1]).toEqual([1, null, 0]);
    expect([g.yMin, g.yMax]).toEqual([0, 3]);
  });

  it('reports the drawn y extent, ignoring hidden and non-finite points', () => {
    const v = vector([[5, -2, Infinity], [100, 100, 100]], [[1, 1, 1], [1, 1, 1]]);
    const g = buildGraphData(v, { visible: [true, false] });
    expect([g.yMin, g.yMax]).toEqual([-2, 5]);
    expect(buildGraphData(v, { visible: [false, false] }).yMin).toBeNull();
  });

  it('caps the drawn series and reports the total', () => {
    const rows = Array.from({ length: 5 }, (_, i) => [i]);
    const g = buildGraphData(vector(rows, rows.map(() => [1])), { maxSeries: 3 });
    expect(g.seriesCount).toBe(5);
    expect(g.drawnCount).toBe(3);
    expect(g.columns.length).toBe(4);
  });

  it('graphs scalars as one series', () => {
    const g = buildGraphData({ kind: 'scalar', timestamps: Float64Array.of(0, 1000), values: Float64Array.of(3, -Infinity) });
    expect(g.columns[1]).toEqual([3, null]);
    expect(g.nonFinitePoints).toBe(1);
  });
});
