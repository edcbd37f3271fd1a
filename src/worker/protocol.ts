/**
 * The worker API and its wire types (DESIGN.md §7). The UI may `import type` from this file
 * only; it never imports the engine. Everything here is structured-clone friendly: plain
 * objects, strings, numbers and typed arrays (the big arrays are transferred, not copied).
 *
 * Times are integer milliseconds since the epoch. Errors never cross as thrown exceptions
 * (comlink keeps only name/message/stack): every call answers `{ok: true, …}` or
 * `{ok: false, error}`.
 */

/** Bumped when a wire type changes incompatibly, so a stale worker bundle is detected. */
export const PROTOCOL_VERSION = 1;

export type ErrorKindWire = 'parse' | 'type' | 'eval' | 'limit' | 'timeout' | 'cancelled' | 'unsupported' | 'internal';

/** An error as data, with an optional `{from, to}` range (UTF-16) into the query text. */
export interface WireError {
  readonly kind: ErrorKindWire;
  readonly code: string;
  readonly message: string;
  readonly range?: { readonly from: number; readonly to: number };
  /** For data-file errors: the 1-based line of the input that failed. */
  readonly line?: number;
}

export type Outcome<T> = ({ readonly ok: true } & T) | { readonly ok: false; readonly error: WireError };

// ─── datasets ───────────────────────────────────────────────────────────────────────────

/** What to load: a generated sample dataset, or a user's data file. */
export type DatasetSource =
  | { readonly kind: 'sample'; readonly id: string; readonly seriesCount?: number }
  | { readonly kind: 'file'; readonly name: string; readonly text: string };

/** One sample dataset the worker can generate (from `fixtures/datasets/` specs). */
export interface DatasetDescriptor {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** Queries that return data on this dataset, each with a short caption. */
  readonly exampleQueries: readonly ExampleQuery[];
  /** The window the UI opens with; `stepMs` is a suggestion. */
  readonly defaultRange: { readonly startMs: number; readonly endMs: number; readonly stepMs?: number };
  /** Present when the user can choose the dataset's size (the cardinality lab). */
  readonly seriesCount?: { readonly min: number; readonly max: number; readonly default: number };
}

export interface ExampleQuery {
  readonly query: string;
  readonly caption: string;
}

/** What is loaded now. */
export interface LoadedDataset {
  readonly source: { readonly kind: 'sample'; readonly id: string; readonly seriesCount?: number } | { readonly kind: 'file'; readonly name: string };
  readonly name: string;
  readonly seriesCount: number;
  readonly sampleCount: number;
  readonly chunkBytes: number;
  readonly minTimeMs: number;
  readonly maxTimeMs: number;
  readonly loadMs: number;
}

// ─── metadata and checking ─────────────────────────────────────────────────────────────

/** Metric metadata for completion (type and help when the dataset knows them). */
export interface MetricInfo {
  readonly type: string;
  readonly help: string;
}

/** Names for autocompletion, from the loaded dataset's index. */
export interface Metadata {
  readonly metricNames: readonly string[];
  readonly labelNames: readonly string[];
  readonly metricInfo: Readonly<Record<string, MetricInfo>>;
}

/** A label-values request: all values of `labelName`, or only on series of `metricName`. */
export interface LabelValuesRequest {
  readonly labelName: string;
  readonly metricName?: string;
}

/** An editor diagnostic (CodeMirror-shaped: UTF-16 `from`/`to`). */
export interface Diagnostic {
  readonly from: number;
  readonly to: number;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
}

export interface CheckResult {
  readonly diagnostics: readonly Diagnostic[];
  /** The expression's type when it checks ('vector' | 'scalar' | 'matrix' | 'string'), else null. */
  readonly valueType: string | null;
}

// ─── queries ────────────────────────────────────────────────────────────────────────────

export interface QueryJob {
  /** Increasing per client; answers to older ids are dropped by the client. */
  readonly id: number;
  readonly expr: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly stepMs: number;
  readonly lookbackDeltaMs?: number;
  readonly memoryLimitBytes?: number;
  /** Which evaluators to run; default both, naive first. */
  readonly evaluators?: readonly EvaluatorName[];
  /** Send the streaming value even when it is identical to the naive one (default false). */
  readonly sendIdenticalValues?: boolean;
}

export type EvaluatorName = 'naive' | 'streaming';

/** Labels on the wire: `[name, value]` pairs sorted by name (`__name__` included). */
export type WireLabels = readonly (readonly [string, string])[];

/**
 * A result, packed: all series of a vector share one values buffer and one presence
 * buffer (series i occupies `[i*steps, (i+1)*steps)`), so a result crosses as two
 * transferred buffers instead of two per series. Native histograms, once the engine has
 * them, get additional optional columns next to these; the float columns keep their shape,
 * so a UI that ignores the new fields still works.
 */
export type WireValue =
  | {
      readonly kind: 'vector';
      readonly timestamps: Float64Array;
      readonly labels: readonly WireLabels[];
      readonly values: Float64Array;
      readonly present: Uint8Array;
      readonly ordered: boolean;
    }
  | { readonly kind: 'scalar'; readonly timestamps: Float64Array; readonly values: Float64Array }
  | { readonly kind: 'string'; readonly timestamps: Float64Array; readonly value: string }
  | {
      readonly kind: 'matrix';
      readonly timestamps: Float64Array;
      readonly labels: readonly WireLabels[];
      /** Series i has samples `[offsets[i], offsets[i+1])` of `t`/`v`. */
      readonly offsets: Uint32Array;
      readonly t: Float64Array;
      readonly v: Float64Array;
    };

export interface WireAnnotation {
  readonly severity: 'warning' | 'info';
  readonly message: string;
  readonly range: { readonly from: number; readonly to: number };
}

export interface WireNodeStats {
  readonly label: string;
  readonly depth: number;
  readonly timeMs: number;
  readonly seriesOut: number;
  readonly samplesDecoded: number;
  readonly peakBytes: number;
  /** See NodeStats.timed (engine/model/stats.ts). */
  readonly timed: boolean;
}

/** Stats of one evaluator's run (same shape for both). The timeline is packed columns. */
export interface WireStats {
  readonly evaluator: EvaluatorName;
  readonly phases: { readonly parseMs: number; readonly planMs: number; readonly evaluateMs: number; readonly serializeMs: number };
  readonly wallMs: number;
  readonly peakTrackedBytes: number;
  readonly timelineMs: Float64Array;
  readonly timelineBytes: Float64Array;
  readonly peakSamples: number;
  readonly samplesDecoded: number;
  readonly seriesOut: number;
  readonly nodes: readonly WireNodeStats[];
}

/** One evaluator's outcome. `unsupported` errors mean "this evaluator cannot run it yet". */
export type EvaluatorRun =
  /**
   * `value` is null for the streaming run when the comparison found it identical to the
   * naive one (it is not sent twice; set `QueryJob.sendIdenticalValues` to get it anyway).
   */
  | { readonly ok: true; readonly value: WireValue | null; readonly annotations: readonly WireAnnotation[]; readonly stats: WireStats }
  | { readonly ok: false; readonly error: WireError; readonly annotations: readonly WireAnnotation[]; readonly stats: WireStats | null };

/** The first differences between the two evaluators' results. */
export interface Difference {
  /** E.g. `series 3 {job="api"} step 12 (2026-…): naive 1.5, streaming 1.25`. */
  readonly message: string;
}

export type Comparison =
  | { readonly status: 'identical' }
  | { readonly status: 'different'; readonly differences: readonly Difference[] }
  /** Not compared (one side did not run, or failed with a different kind of error). */
  | { readonly status: 'not-compared'; readonly reason: string };

export interface QueryResponse {
  readonly id: number;
  readonly expr: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly stepMs: number;
  readonly naive: EvaluatorRun | null;
  readonly streaming: EvaluatorRun | null;
  readonly comparison: Comparison;
  readonly naiveSentEarly?: boolean;
}

/** Progress messages while a query runs (the engine is synchronous; these arrive between phases). */
export interface QueryProgress {
  readonly id: number;
  readonly phase: 'naive' | 'streaming' | 'compare' | 'pack';
  /**
   * With phase 'streaming': the naive run, sent as soon as it is done (its buffers
   * transferred), so the UI can show a result while the streaming evaluator works. The
   * final response then has `naive: null` and `naiveSentEarly: true`; the client merges.
   */
  readonly naive?: EvaluatorRun;
}

// ─── the API ────────────────────────────────────────────────────────────────────────────

/** What `engine.worker.ts` exposes through comlink. */
export interface EngineWorkerApi {
  hello(): Promise<{ readonly protocolVersion: number; readonly engineAvailable: boolean; readonly missing: readonly string[] }>;
  listDatasets(): Promise<Outcome<{ readonly datasets: readonly DatasetDescriptor[] }>>;
  loadDataset(source: DatasetSource): Promise<Outcome<{ readonly dataset: LoadedDataset }>>;
  metadata(): Promise<Outcome<{ readonly metadata: Metadata }>>;
  labelValues(req: LabelValuesRequest): Promise<Outcome<{ readonly values: readonly string[] }>>;
  /** Label names on series of `metricName` (all label names when omitted). */
  labelNames(metricName?: string): Promise<Outcome<{ readonly names: readonly string[] }>>;
  check(expr: string): Promise<Outcome<CheckResult>>;
  query(job: QueryJob, onProgress?: (p: QueryProgress) => void): Promise<Outcome<{ readonly response: QueryResponse }>>;
}
