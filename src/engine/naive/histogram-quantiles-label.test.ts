/**
 * histogram_quantiles' quantile label is Prometheus's labels.FormatOpenMetricsFloat of the
 * quantile (model/labels/float.go), whose `f == 0` case also catches −0: a −0 quantile is
 * labelled "0.0", never "-0.0". Checked on both evaluators.
 */
import { describe, expect, it } from 'vitest';
import { StorageBuilder } from '../storage/storage-builder.ts';
import { getLabel, labelsFromRecord } from '../model/labels.ts';
import { runQuery } from '../engine.ts';

const b = new StorageBuilder();
b.append(labelsFromRecord({ __name__: 'h_bucket', le: '1' }), 0, 10);
b.append(labelsFromRecord({ __name__: 'h_bucket', le: '+Inf' }), 0, 20);
const store = b.seal();

/** The instant result at t=0 as [quantile label, value] pairs, sorted by label. */
function quantiles(expr: string, evaluator: 'naive' | 'streaming'): [string | undefined, number][] {
  const r = runQuery(store, { expr, startMs: 0, endMs: 0, stepMs: 1000 }, { evaluator });
  if (!r.ok || r.value.kind !== 'vector') throw new Error(r.ok ? 'not a vector' : r.error.message);
  return r.value.series.map((s): [string | undefined, number] => [getLabel(s.labels, 'q'), s.values[0]]).sort((x, y) => String(x[0]).localeCompare(String(y[0])));
}

describe('histogram_quantiles quantile label', () => {
  for (const evaluator of ['naive', 'streaming'] as const) {
    it(`labels a -0 quantile "0.0" (${evaluator})`, () => {
      // q=0.5: rank 10 falls at the top of the (0, 1] bucket, so 1; q=-0: rank -0 at its bottom, 0.
      expect(quantiles('histogram_quantiles(h_bucket, "q", -0, 0.5)', evaluator)).toEqual([
        ['0.0', 0],
        ['0.5', 1],
      ]);
    });
    it(`labels integral and small quantiles as OpenMetrics floats (${evaluator})`, () => {
      expect(quantiles('histogram_quantiles(h_bucket, "q", 0, 1, 0.25)', evaluator).map((p) => p[0])).toEqual(['0.0', '0.25', '1.0']);
    });
  }
});
