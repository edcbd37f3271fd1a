import { describe, expect, it } from 'vitest';
import { labelsToRecord } from '../model/labels.ts';
import { isApiJson, loadApiJson } from './api-json.ts';
import { expectLoadError } from './expect-load-error.ts';

const matrix = `{
  "status": "success",
  "data": {
    "resultType": "matrix",
    "result": [
      {"metric": {"__name__": "up", "job": "b"}, "values": [[1700000000, "1"], [1700000015.5, "NaN"], [1700000030, "+Inf"]]},
      {"metric": {"__name__": "up", "job": "a", "empty": ""}, "values": [[1700000000.001, "0"]]},
      {"metric": {"__name__": "h"}, "histograms": [[1700000000, {"count": "1", "sum": "1", "buckets": []}]]}
    ]
  }
}`;

describe('loadApiJson', () => {
  it('loads a matrix response with second timestamps and string values', () => {
    expect(isApiJson(matrix)).toBe(true);
    const r = loadApiJson(matrix);
    expect(r.resultType).toBe('matrix');
    expect(r.storage.seriesCount).toBe(2);
    expect(r.histogramSeries.map(labelsToRecord)).toEqual([{ __name__: 'h' }]);
    // Sorted by labels: job="a" first; the empty label is dropped.
    expect(labelsToRecord(r.storage.labels(0))).toEqual({ __name__: 'up', job: 'a' });
    expect(Array.from(r.storage.decode(0, 0, Infinity).t)).toEqual([1700000000001]);
    const b = r.storage.decode(1, 0, Infinity);
    expect(Array.from(b.t)).toEqual([1700000000000, 1700000015500, 1700000030000]);
    expect(b.v[0]).toBe(1);
    expect(Number.isNaN(b.v[1])).toBe(true);
    expect(b.v[2]).toBe(Infinity);
  });

  it('accepts the data object, a bare result array, and vectors', () => {
    expect(loadApiJson('{"resultType":"vector","result":[{"metric":{"__name__":"x"},"value":[10,"2"]}]}').resultType).toBe('vector');
    const r = loadApiJson('[{"metric":{"__name__":"x"},"value":[10,"2"]}]');
    expect(r.resultType).toBe('vector');
    expect(r.storage.decode(0, 0, Infinity).t[0]).toBe(10000);
  });

  it('reports errors with the line of the offending series', () => {
    expectLoadError(() => loadApiJson('{"status":"success",\n"data": {]}'), /^line 2: invalid JSON/);
    expectLoadError(() => loadApiJson('{"status":"error","error":"x"}'), /^line 1: API response status is "error"/);
    expectLoadError(() => loadApiJson('{"resultType":"scalar","result":[1,"2"]}'), /^line 1: resultType "scalar" cannot be loaded/);
    expectLoadError(() => loadApiJson('[\n{"metric":{"a":"b"},"values":[[1,"1"]]},\n{"metric":{"a":"c"},"values":[[1,"x"]]}]'), /^line 3: result\[1\] point 0: invalid value "x"/);
    expectLoadError(() => loadApiJson('[\n{"metric":{"a":"b"},\n"values":[[2,"1"],[1,"2"]]}]'), /^line 2: out of order sample 1000/);
    expectLoadError(() => loadApiJson('[{"metric":{"a":"b"},"values":[[1.0001,"1"]]}]'), /^line 1: result\[0\] point 0: invalid timestamp 1.0001/);
    expectLoadError(() => loadApiJson('[{"metric":{"a":1},"values":[]}]'), /^line 1: result\[0\].metric.a: label value must be a string/);
    expectLoadError(() => loadApiJson('[{"values":[]}]'), /^line 1: result\[0\]: expected an object with "metric"/);
    expectLoadError(() => loadApiJson('[\n{"metric":{}}]'), /^line 2: result\[0\]: no "values" or "value"/);
    expectLoadError(() => loadApiJson('[{"metric":{},"values":[[1]]}]'), /^line 1: result\[0\] point 0: expected \[seconds, "value"\]/);
    expectLoadError(() => loadApiJson('[{"metric":{},"values":[[1, 2]]}]'), /^line 1: result\[0\] point 0: invalid value 2/);
    expectLoadError(() => loadApiJson('{"data":{"foo":1}}'), /^line 1: expected a query result/);
  });
});
