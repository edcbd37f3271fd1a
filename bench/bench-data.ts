/**
 * Builds the benchmark's data: the cardinality lab dataset with a chosen series count and
 * span, generating only the families a case reads (so a 10,000-series case does not pay
 * for four other families). The lab's UI limits (1,000–50,000 series, 60–1,440 minutes) are
 * widened here so the benchmark can also run at 100 series and over a full day.
 */
import { StorageBuilder, datasetSpec, generateSeries, type DatasetSpec, type Storage } from '../src/engine/index.ts';

export interface BenchData {
  readonly storage: Storage;
  readonly startMs: number;
  readonly generateMs: number;
}

export function buildLab(seriesCount: number, spanMinutes: number, families: readonly string[]): BenchData {
  const base = datasetSpec('cardinality-lab');
  const wanted = new Set(families);
  const spec: DatasetSpec = {
    ...base,
    parameters: (base.parameters ?? []).map((p) => ({ ...p, min: 1, max: 1_000_000 })),
    families: base.families.filter((f) => wanted.has(f.name)),
  };
  if (spec.families.length !== wanted.size) throw new Error(`unknown lab families in ${families.join(', ')}`);
  const t0 = performance.now();
  const builder = new StorageBuilder();
  const summary = generateSeries(spec, { seriesCount, spanMinutes }, {
    series(labels, t, v, stale, n) {
      const ref = builder.seriesRef(labels);
      for (let i = 0; i < n; i++) builder.appendRef(ref, t[i], v[i], stale !== null && stale[i] === 1);
    },
  });
  const storage = builder.seal();
  return { storage, startMs: summary.grid.startMs, generateMs: performance.now() - t0 };
}
