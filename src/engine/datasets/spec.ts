/**
 * The JSON shape of a sample-dataset spec (`fixtures/datasets/*.json`). A spec describes
 * *what* a dataset holds — entities (scrape targets, hosts, pods), metric families scraped
 * from them, label cardinalities, time span, scrape interval and value shapes — and the
 * generator (generate.ts) turns it into samples. Specs are data only, so the web app and
 * the benchmarks read the same description.
 */

/** A count that is either fixed or derived from a dataset parameter: `round(param / divide)`, at least `min`. */
export type CountSpec = number | { readonly param: string; readonly divide?: number; readonly min?: number };

/**
 * One nesting level of an entity group. Every entity of the previous level gets every value
 * of this level (so `format` may refer to parent labels to keep values unique).
 * - `values`: literal values; or
 * - `count` + `format`: generated values; `format` substitutes `{i}` (0-based index),
 *   `{n}` (1-based), `{<label>}` (a parent label's value) and `{token}` (a seeded
 *   5-character suffix, as in Kubernetes pod names; a replaced entity gets a new one).
 */
export interface LevelSpec {
  readonly label: string;
  readonly values?: readonly string[];
  readonly count?: CountSpec;
  readonly format?: string;
}

/** A label attached to an entity with one value picked per entity (e.g. a pod's node). */
export interface AttributeSpec {
  readonly label: string;
  readonly values?: readonly string[];
  /** Like LevelSpec.format; `{pick}` inserts a seeded integer in [0, pickRange). */
  readonly format?: string;
  readonly pickRange?: number;
}

/** How entities come and go over the span. All fractions are of the group's entities. */
export interface LifecycleSpec {
  /** Process restarts per day per entity (counters reset, restart counters increment). */
  readonly restartsPerDay?: number;
  /** Fraction of entities replaced once at a random time (old one goes stale, new one starts with a new `{token}`). */
  readonly replaceFraction?: number;
  /** Fraction of entities that start late (after a random part of the span). */
  readonly lateStartFraction?: number;
  /** Fraction of entities with one scrape outage (`up` is 0, other series go stale and come back). */
  readonly outageFraction?: number;
  /** Outage length range in minutes, [min, max]. */
  readonly outageMinutes?: readonly [number, number];
}

export interface EntityGroupSpec {
  readonly levels: readonly LevelSpec[];
  readonly attributes?: readonly AttributeSpec[];
  readonly lifecycle?: LifecycleSpec;
}

/**
 * Extra label dimensions of a family, as a cartesian product per entity. Either one label
 * with `values` (or `count`/`countChoices` + `format`, where `countChoices` picks a count per
 * entity, e.g. CPU cores per host), or several labels with `tuples` (e.g. device/mountpoint).
 * `weights` (aligned with the values) scale a counter's rate or a gauge's base.
 */
export interface DimensionSpec {
  readonly label?: string;
  readonly values?: readonly string[];
  readonly count?: CountSpec;
  readonly countChoices?: readonly number[];
  readonly format?: string;
  readonly labels?: readonly string[];
  readonly tuples?: readonly (readonly string[])[];
  readonly weights?: readonly number[];
}

/** A monotonically increasing counter; resets to 0 when its entity restarts. */
export interface CounterShape {
  readonly kind: 'counter';
  /** Mean increase per second of a series with weight 1, at diurnal factor 1. */
  readonly ratePerSec: number;
  /** Relative amplitude of the daily cycle (0..1). */
  readonly diurnal?: number;
  /** Relative per-scrape noise of the increase (0..1). */
  readonly noise?: number;
  /** Relative per-series spread of the rate (0..1), drawn per entity so families scale together. */
  readonly spread?: number;
  /** Integer counters (requests, bytes) floor their value; otherwise it is rounded to `decimals`. */
  readonly integer?: boolean;
  readonly decimals?: number;
}

/** A gauge: a mean-reverting random walk around a base that follows the daily cycle. */
export interface GaugeShape {
  readonly kind: 'gauge';
  readonly base: number;
  readonly spread?: number;
  readonly diurnal?: number;
  /** Random-walk step as a fraction of the base per scrape. */
  readonly walk?: number;
  /** Pull back towards the base per scrape (0..1). Default 0.05. */
  readonly reversion?: number;
  readonly min?: number;
  readonly max?: number;
  /** Values are rounded to a multiple of this (e.g. 4096 for page-sized memory, 1 for counts). */
  readonly quantum?: number;
}

/** A classic histogram: `_bucket{le}` (cumulative, with `+Inf`), `_sum`, `_count`. */
export interface HistogramShape {
  readonly kind: 'histogram';
  readonly ratePerSec: number;
  readonly diurnal?: number;
  readonly noise?: number;
  readonly spread?: number;
  /** Upper bounds, ascending, without +Inf. */
  readonly buckets: readonly number[];
  /** Observations are log-normal: median seconds and log-space sigma; the median rises with load by `loadSensitivity`. */
  readonly median: number;
  readonly sigma: number;
  readonly loadSensitivity?: number;
}

/** Constant 1 (info metrics such as `node_uname_info`, `kube_pod_info`). */
export interface InfoShape {
  readonly kind: 'info';
}

/** `up`: 1 while the target is scraped, 0 during its outage. */
export interface UpShape {
  readonly kind: 'up';
}

/** The entity's restarts so far (`kube_pod_container_status_restarts_total`). */
export interface RestartsShape {
  readonly kind: 'restarts';
}

/** Unix seconds of the entity's last (re)start (`process_start_time_seconds`). */
export interface StartTimeShape {
  readonly kind: 'startTime';
}

export type ShapeSpec = CounterShape | GaugeShape | HistogramShape | InfoShape | UpShape | RestartsShape | StartTimeShape;

export interface FamilySpec {
  readonly name: string;
  /** `# HELP` text for autocomplete (optional). */
  readonly help?: string;
  /** Key into DatasetSpec.entities. */
  readonly entity: string;
  /** Entity labels to keep (default: all level labels). */
  readonly entityLabels?: readonly string[];
  /** Entity attributes to add as labels (default: none). */
  readonly attributes?: readonly string[];
  /** Constant labels added to every series. */
  readonly constLabels?: Readonly<Record<string, string>>;
  readonly dimensions?: readonly DimensionSpec[];
  readonly shape: ShapeSpec;
}

export interface ParameterSpec {
  readonly name: string;
  readonly description: string;
  readonly min: number;
  readonly max: number;
  readonly default: number;
}

export interface ExampleQuery {
  readonly query: string;
  readonly caption: string;
}

export interface DatasetSpec {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  /** ISO-8601 UTC start of the span (a fixed epoch, so results are reproducible). */
  readonly start: string;
  /** Span length in minutes, or a parameter reference. */
  readonly spanMinutes: CountSpec;
  readonly scrapeIntervalSeconds: number;
  /** Default step of the UI's range query over the whole span, seconds. */
  readonly defaultStepSeconds: number;
  readonly parameters?: readonly ParameterSpec[];
  readonly entities: Readonly<Record<string, EntityGroupSpec>>;
  readonly families: readonly FamilySpec[];
  readonly exampleQueries: readonly ExampleQuery[];
}
