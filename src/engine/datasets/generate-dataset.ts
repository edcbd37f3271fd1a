/**
 * Builds a sample dataset into a {@link Storage}: the entry the worker, the CLI and the
 * benchmarks call.
 */
import { StorageBuilder } from '../storage/storage-builder.ts';
import type { Storage } from '../storage/storage.ts';
import type { Labels } from '../model/labels.ts';
import { datasetSpec } from './catalog.ts';
import { generateSeries, type GenerationSummary, type SeriesSink } from './generate.ts';
import { resolveParams } from './params.ts';
import type { DatasetSpec, ShapeSpec } from './spec.ts';

/**
 * Generates dataset `id` (see `listDatasets()`) with optional parameters such as the
 * cardinality lab's `seriesCount`, clamped to the parameter's range. Deterministic: the
 * same id and parameters always give the same storage. Throws RangeError for an unknown
 * id or parameter name.
 */
export function generateDataset(id: string, params: Readonly<Record<string, number>> = {}): Storage {
  return generateDatasetWithSummary(id, params).storage;
}

/** As {@link generateDataset}, also returning the series and sample counts generated. */
export function generateDatasetWithSummary(id: string, params: Readonly<Record<string, number>> = {}): { storage: Storage; summary: GenerationSummary } {
  const spec = datasetSpec(id);
  const builder = new StorageBuilder();
  setFamilyMetadata(builder, spec);
  const summary = generateSeries(spec, resolveParams(spec, params), new BuilderSink(builder));
  return { storage: builder.seal(), summary };
}

/** Appends each generated series to the builder (the sink's buffers are copied into chunks right away). */
class BuilderSink implements SeriesSink {
  constructor(private readonly builder: StorageBuilder) {}

  series(labels: Labels, t: Float64Array, v: Float64Array, stale: Uint8Array | null, length: number): void {
    const b = this.builder;
    const ref = b.seriesRef(labels);
    if (stale === null) for (let i = 0; i < length; i++) b.appendRef(ref, t[i], v[i]);
    else for (let i = 0; i < length; i++) b.appendRef(ref, t[i], v[i], stale[i] === 1);
  }
}

const TYPE_OF: Readonly<Record<ShapeSpec['kind'], string>> = {
  counter: 'counter',
  gauge: 'gauge',
  histogram: 'histogram',
  info: 'gauge',
  up: 'gauge',
  restarts: 'counter',
  startTime: 'gauge',
};

function setFamilyMetadata(builder: StorageBuilder, spec: DatasetSpec): void {
  for (const f of spec.families) builder.setMetadata(f.name, f.help ? { type: TYPE_OF[f.shape.kind], help: f.help } : { type: TYPE_OF[f.shape.kind] });
}
