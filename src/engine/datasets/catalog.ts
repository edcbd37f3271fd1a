/**
 * The sample datasets the playground offers: their specs (imported JSON data from
 * `fixtures/datasets/`, so the engine never reads files and the bundler inlines them) and
 * the metadata the UI shows.
 */
import webService from '../../../fixtures/datasets/web-service.json' with { type: 'json' };
import nodeHosts from '../../../fixtures/datasets/node-hosts.json' with { type: 'json' };
import kubernetes from '../../../fixtures/datasets/kubernetes.json' with { type: 'json' };
import cardinalityLab from '../../../fixtures/datasets/cardinality-lab.json' with { type: 'json' };
import { resolveParams } from './params.ts';
import { timeGridOf } from './generate.ts';
import type { DatasetSpec, ExampleQuery, ParameterSpec } from './spec.ts';

/** The specs in the order the UI lists them; the first is the default dataset. */
const SPECS: readonly DatasetSpec[] = [webService, nodeHosts, kubernetes, cardinalityLab] as unknown as DatasetSpec[];

/** What the UI needs to offer a dataset. Times in ms. */
export interface DatasetInfo {
  readonly id: string;
  readonly name: string;
  /** One paragraph. */
  readonly description: string;
  /** 5–10 queries that return data on this dataset, each with a short caption. */
  readonly exampleQueries: readonly ExampleQuery[];
  /** The whole generated span at the spec's default step (with default parameters unless given). */
  readonly defaultRange: { readonly startMs: number; readonly endMs: number; readonly stepMs: number };
  readonly scrapeIntervalMs: number;
  /** Tunable parameters (e.g. the cardinality lab's seriesCount); empty for fixed datasets. */
  readonly parameters: readonly ParameterSpec[];
  /** The `seriesCount` parameter's range, when the dataset has one (a shortcut for the UI's size control). */
  readonly seriesCount?: { readonly min: number; readonly max: number; readonly default: number };
}

/** The id of the dataset the playground loads first. */
export const DEFAULT_DATASET_ID = SPECS[0].id;

/** All sample datasets, default first. */
export function listDatasets(): DatasetInfo[] {
  return SPECS.map((s) => infoOf(s, {}));
}

/** One dataset's info for the given parameters (its range depends on e.g. `spanMinutes`). Throws RangeError for an unknown id or parameter. */
export function datasetInfo(id: string, params: Readonly<Record<string, number>> = {}): DatasetInfo {
  return infoOf(datasetSpec(id), params);
}

/** The spec of dataset `id`. Throws RangeError for an unknown id. */
export function datasetSpec(id: string): DatasetSpec {
  const spec = SPECS.find((s) => s.id === id);
  if (!spec) throw new RangeError(`unknown dataset ${JSON.stringify(id)} (known: ${SPECS.map((s) => s.id).join(', ')})`);
  return spec;
}

function infoOf(spec: DatasetSpec, given: Readonly<Record<string, number>>): DatasetInfo {
  const grid = timeGridOf(spec, resolveParams(spec, given));
  const stepMs = spec.defaultStepSeconds * 1000;
  return {
    id: spec.id,
    name: spec.name,
    description: spec.description,
    exampleQueries: spec.exampleQueries,
    // End on a step boundary inside the span, so the last step sees data within the lookback.
    defaultRange: { startMs: grid.startMs, endMs: grid.startMs + Math.floor((grid.endMs - grid.startMs) / stepMs) * stepMs, stepMs },
    scrapeIntervalMs: grid.intervalMs,
    parameters: spec.parameters ?? [],
    ...seriesCountRange(spec),
  };
}

function seriesCountRange(spec: DatasetSpec): Pick<DatasetInfo, 'seriesCount'> {
  const p = spec.parameters?.find((x) => x.name === 'seriesCount');
  return p ? { seriesCount: { min: p.min, max: p.max, default: p.default } } : {};
}
