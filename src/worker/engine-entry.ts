/**
 * The engine functions the worker needs, resolved from `src/engine/index.ts` by name.
 *
 * The engine is written in parallel with the worker; resolving by name lets the worker build
 * and report exactly which entry points are still missing (`missingEngineFunctions`) instead
 * of failing to bundle. Each signature below is the contract of DESIGN.md §4 / the briefs.
 */
import * as engine from '../engine/index.ts';
import type { QueryOptions, QueryRequest, QueryResult, SeriesStore } from '../engine/index.ts';

/** A sample dataset as `listDatasets()` describes it. */
export interface EngineDatasetInfo {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly exampleQueries: readonly (string | { readonly query: string; readonly caption: string })[];
  readonly defaultRange: { readonly startMs: number; readonly endMs: number; readonly stepMs?: number };
  readonly seriesCount?: { readonly min: number; readonly max: number; readonly default: number };
}

/** A diagnostic as the parser reports it (CodeMirror-shaped). */
export interface EngineDiagnostic {
  readonly from: number;
  readonly to: number;
  readonly severity?: 'error' | 'warning' | 'info';
  readonly message: string;
}

export interface EngineFunctions {
  runQuery(storage: SeriesStore, req: QueryRequest, opts: QueryOptions): QueryResult;
  parseWithDiagnostics(expr: string): unknown;
  listDatasets(): readonly EngineDatasetInfo[];
  generateDataset(id: string, params?: Readonly<Record<string, number>>): SeriesStore;
  loadDataFile(text: string, name?: string): unknown;
}

const REQUIRED: readonly (keyof EngineFunctions)[] = ['runQuery', 'parseWithDiagnostics', 'listDatasets', 'generateDataset', 'loadDataFile'];

const entry = engine as unknown as Record<string, unknown>;

/** Names of engine entry points that are not exported yet. */
export function missingEngineFunctions(): string[] {
  return REQUIRED.filter((name) => typeof entry[name] !== 'function');
}

/** The engine function `name`, or a function that throws an `unsupported` error saying it is missing. */
export function engineFunction<K extends keyof EngineFunctions>(name: K): EngineFunctions[K] {
  const f = entry[name];
  if (typeof f === 'function') return f as EngineFunctions[K];
  return ((..._args: unknown[]) => {
    throw new engine.PromQLError('unsupported', 'engine_missing', `the engine does not provide ${name}() yet`);
  }) as unknown as EngineFunctions[K];
}

export { engine };
