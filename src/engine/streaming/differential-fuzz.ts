/**
 * Property-based differential testing of the two evaluators (issue 3, "Identical results,
 * always"): fast-check generates random datasets (counters with resets, gauges with
 * NaN/±Inf, gaps, stale markers, classic histograms, several label shapes) and random
 * well-typed PromQL over them (selectors with offset and @, range functions over
 * selectors and subqueries, nested aggregations, vector matching with on/ignoring/
 * group_left, set operators, functions, scalars), runs every query with the naive and
 * the streaming evaluator, instant and range, and requires identical results (same
 * series, same order where the result is ordered, Object.is-equal values, same
 * presence, same annotations) or identical errors.
 *
 * Used by src/engine/streaming/differential.test.ts (fixed seed, part of `npm test`) and
 * bin/fuzz-diff.ts (`npm run fuzz:diff`, longer runs, prints failing seeds).
 */
import fc from 'fast-check';
import { runQuery } from '../engine.ts';
import { StorageBuilder } from '../storage/storage-builder.ts';
import type { SeriesStore } from '../storage/types.ts';
import { Rng } from '../datasets/prng.ts';
import type { QueryResult } from '../query.ts';
import { compareLabels, labelsFromRecord, labelsKey, formatLabels } from '../model/labels.ts';
import type { QueryValue } from '../model/result.ts';

const S = 1000;

/** One generated series: its labels and how its samples are made. */
export interface SeriesSpec {
  readonly labels: Readonly<Record<string, string>>;
  readonly kind: 'counter' | 'gauge' | 'special';
  readonly startMs: number;
  readonly intervalMs: number;
  readonly count: number;
  readonly seed: number;
}

/** A generated dataset: plain series plus classic histograms (one `_bucket` family per spec). */
export interface DatasetSpec {
  readonly series: readonly SeriesSpec[];
  readonly histograms: readonly { readonly job: string; readonly instance: string; readonly seed: number; readonly count: number }[];
}

/** A query with its time range (ms); an instant query has startMs == endMs. */
export interface QueryCase {
  readonly expr: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly stepMs: number;
}

/** Builds the storage of a dataset spec. */
export function buildDataset(spec: DatasetSpec): SeriesStore {
  const b = new StorageBuilder();
  const seen = new Set<string>();
  for (const s of spec.series) {
    const labels = labelsFromRecord(s.labels);
    const key = labelsKey(labels);
    if (seen.has(key)) continue;
    seen.add(key);
    const rng = new Rng(s.seed);
    let value = s.kind === 'counter' ? Math.floor(rng.next() * 50) : rng.next() * 100 - 20;
    let t = s.startMs;
    for (let i = 0; i < s.count; i++) {
      const r = rng.next();
      if (r < 0.08) {
        // A gap.
        t += s.intervalMs * (1 + Math.floor(rng.next() * 6));
        continue;
      }
      if (r < 0.12) {
        b.append(labels, t, NaN, true);
        t += s.intervalMs;
        continue;
      }
      if (s.kind === 'counter') value = rng.next() < 0.07 ? Math.floor(rng.next() * 5) : value + Math.floor(rng.next() * 20);
      else if (s.kind === 'gauge') value = Math.round((value + (rng.next() - 0.5) * 30) * 4) / 4;
      else {
        const x = rng.next();
        value = x < 0.15 ? NaN : x < 0.25 ? Infinity : x < 0.3 ? -Infinity : x < 0.4 ? 0 : Math.round((rng.next() - 0.5) * 8);
      }
      b.append(labels, t, value, false);
      t += s.intervalMs + (rng.next() < 0.2 ? Math.floor(rng.next() * 5) * S : 0);
    }
  }
  // An info metric for info() and group_left joins, and a malformed bucket series.
  if (spec.series.length > 2) {
    for (const [job, instance, version] of [['api', 'a', 'v1'], ['db', 'b', 'v2'], ['api', 'c', 'v1']]) {
      const labels = labelsFromRecord({ __name__: 'target_info', job, instance, version });
      for (let t = 0; t <= 600 * S; t += 60 * S) b.append(labels, t, 1, false);
    }
    const bad = labelsFromRecord({ __name__: 'latency_seconds_bucket', job: 'api', instance: 'z', le: 'oops' });
    for (let t = 0; t <= 300 * S; t += 60 * S) b.append(bad, t, 3, false);
  }
  const bounds = ['0.1', '0.5', '1', '5', '+Inf'];
  const hseen = new Set<string>();
  for (const h of spec.histograms) {
    const key = h.job + '/' + h.instance;
    if (hseen.has(key)) continue;
    hseen.add(key);
    const rng = new Rng(h.seed);
    const counts = bounds.map(() => 0);
    for (let i = 0; i < h.count; i++) {
      const t = i * 30 * S;
      // Cumulative bucket counters; now and then one bucket is left non-monotonic.
      let acc = 0;
      for (let k = 0; k < bounds.length; k++) {
        acc += Math.floor(rng.next() * 4);
        counts[k] = Math.max(counts[k], acc) + (rng.next() < 0.03 ? -3 : 0);
      }
      for (let k = 0; k < bounds.length; k++) {
        b.append(labelsFromRecord({ __name__: 'latency_seconds_bucket', job: h.job, instance: h.instance, le: bounds[k] }), t, counts[k], false);
      }
    }
  }
  return b.seal();
}

const METRICS = ['http_requests_total', 'cpu_usage', 'queue_depth'];

/**
 * Sizes of the generated data and ranges. The default keeps series within one chunk and
 * ranges short, so many small cases run; `large` (fewer, slower cases) crosses chunk
 * boundaries (120 samples), the matrix selector's first buffer (1,024 samples over a
 * long range window) and a window batch (256 steps).
 */
interface Sizes {
  readonly maxSamples: number;
  readonly maxRangeSteps: number;
}
const SMALL: Sizes = { maxSamples: 50, maxRangeSteps: 40 };
const LARGE: Sizes = { maxSamples: 600, maxRangeSteps: 400 };

const seriesSpecArb = (sizes: Sizes): fc.Arbitrary<SeriesSpec> => fc.record({
  metric: fc.constantFrom(...METRICS),
  job: fc.constantFrom('api', 'db', 'web'),
  instance: fc.constantFrom('a', 'b', 'c'),
  env: fc.constantFrom('', '', 'prod', 'dev'),
  kind: fc.constantFrom<'counter' | 'gauge' | 'special'>('counter', 'gauge', 'gauge', 'special'),
  start: fc.integer({ min: 0, max: 8 }),
  intervalMs: fc.constantFrom(15 * S, 30 * S, 60 * S),
  count: fc.integer({ min: 0, max: sizes.maxSamples }),
  seed: fc.integer(),
}).map((r) => {
  const labels: Record<string, string> = { __name__: r.metric, job: r.job, instance: r.instance };
  if (r.env !== '') labels.env = r.env;
  return { labels, kind: r.kind, startMs: r.start * 15 * S, intervalMs: r.intervalMs, count: r.count, seed: r.seed };
});

const datasetArb = (sizes: Sizes): fc.Arbitrary<DatasetSpec> => fc.record({
  series: fc.array(seriesSpecArb(sizes), { minLength: 1, maxLength: 9 }),
  histograms: fc.array(
    fc.record({ job: fc.constantFrom('api', 'db'), instance: fc.constantFrom('a', 'b'), seed: fc.integer(), count: fc.integer({ min: 0, max: Math.round(sizes.maxSamples * 0.6) }) }),
    { maxLength: 2 },
  ),
});

const matcherArb = fc.constantFrom('', '{job="api"}', '{instance=~"a|b"}', '{job!="db"}', '{env=""}', '{instance!~"c"}');
const modifierArb = fc.constantFrom('', '', '', ' offset 1m', ' offset -30s', ' @ 300', ' @ 120 offset 1m', ' @ start()', ' @ end()');
const rangeArb = fc.constantFrom('1m', '2m', '5m', '45s', '5m', '1h');
const grouping = fc.constantFrom('', ' by (job)', ' by (instance)', ' without (instance)', ' by (job, instance)', ' without (job)', ' by (__name__)');
const RANGE_FUNCS = [
  'rate', 'increase', 'delta', 'irate', 'idelta', 'deriv', 'avg_over_time', 'max_over_time', 'min_over_time', 'sum_over_time',
  'count_over_time', 'last_over_time', 'first_over_time', 'stddev_over_time', 'stdvar_over_time', 'changes', 'resets',
  'present_over_time', 'absent_over_time', 'mad_over_time', 'ts_of_max_over_time', 'ts_of_min_over_time', 'ts_of_first_over_time',
  'ts_of_last_over_time',
];
const VALUE_FUNCS = ['abs', 'ceil', 'floor', 'sqrt', 'ln', 'exp', 'sgn', 'log2', 'log10', 'timestamp', 'minute', 'day_of_week', 'days_in_month', 'year', 'sin', 'atanh', 'deg'];

/** A plain selector, e.g. `cpu_usage{job="api"} offset 1m`. */
const selectorArb: fc.Arbitrary<string> = fc.tuple(fc.constantFrom(...METRICS), matcherArb, modifierArb).map(([m, mt, mod]) => `${m}${mt}${mod}`);

const scalarLeafArb: fc.Arbitrary<string> = fc.constantFrom('0', '1', '2', '0.5', '-1', '10', 'NaN', 'Inf', 'time()', 'pi()', 'step()', 'range()', 'start()', '-Inf');

interface Exprs {
  vector: string;
  scalar: string;
}

const exprArb = fc.letrec<Exprs>((tie) => ({
  vector: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    selectorArb,
    fc.tuple(fc.constantFrom(...RANGE_FUNCS), fc.constantFrom(...METRICS), matcherArb, rangeArb, modifierArb).map(
      ([f, m, mt, r, mod]) => `${f}(${m}${mt}[${r}]${mod})`,
    ),
    fc.tuple(fc.constantFrom('max_over_time', 'rate', 'avg_over_time', 'count_over_time', 'last_over_time'), tie('vector'), fc.constantFrom('[2m:30s]', '[3m:1m]', '[5m:]', '[1m:15s] offset 30s', '[2m:1m] @ 300', '[90s:45s] offset -1m')).map(
      ([f, v, sq]) => `${f}((${v})${sq})`,
    ),
    fc.tuple(fc.constantFrom('quantile_over_time(0.5, ', 'quantile_over_time(1.5, ', 'predict_linear('), fc.constantFrom(...METRICS), rangeArb).map(
      ([f, m, r]) => (f.startsWith('predict') ? `${f}${m}[${r}], 60)` : `${f}${m}[${r}])`),
    ),
    // Scalar-expression arguments: where they can fail too, the argument evaluated first
    // (upstream: an aggregation's parameter; a range function's subquery, then the rest in
    // order; a function's vector before its scalars) gives the error.
    fc.tuple(fc.constantFrom('quantile_over_time', 'predict_linear', 'double_exponential_smoothing'), tie('scalar'), fc.oneof(
      fc.tuple(fc.constantFrom(...METRICS), rangeArb).map(([m, r]) => `${m}[${r}]`),
      fc.tuple(tie('vector'), fc.constantFrom('[2m:30s]', '[5m:1m]')).map(([v, sq]) => `(${v})${sq}`),
    )).map(([f, s, range]) => (f === 'quantile_over_time' ? `${f}(${s}, ${range})` : f === 'predict_linear' ? `${f}(${range}, ${s})` : `${f}(${range}, ${s}, 0.5)`)),
    fc.tuple(fc.constantFrom('topk', 'bottomk', 'limitk', 'quantile', 'limit_ratio'), tie('scalar'), grouping, tie('vector')).map(([a, s, g, v]) => `${a}${g} (${s}, ${v})`),
    fc.tuple(fc.constantFrom('clamp', 'clamp_min', 'round'), tie('vector'), tie('scalar')).map(([f, v, s]) => (f === 'clamp' ? `clamp(${v}, ${s}, ${s})` : `${f}(${v}, ${s})`)),
    fc.tuple(fc.constantFrom('sum', 'avg', 'min', 'max', 'count', 'group', 'stddev', 'stdvar'), grouping, tie('vector')).map(([a, g, v]) => `${a}${g} (${v})`),
    fc.tuple(fc.constantFrom('topk', 'bottomk', 'limitk'), fc.constantFrom('1', '2', '5'), grouping, tie('vector')).map(([a, k, g, v]) => `${a}${g} (${k}, ${v})`),
    fc.tuple(fc.constantFrom('0.5', '0.9', '1.2', 'NaN'), grouping, tie('vector')).map(([q, g, v]) => `quantile${g} (${q}, ${v})`),
    fc.tuple(fc.constantFrom('0.5', '-0.3', '1'), grouping, tie('vector')).map(([r, g, v]) => `limit_ratio${g} (${r}, ${v})`),
    // The value label may also be one the series have (job), or the grouping's own.
    fc.tuple(grouping, fc.constantFrom('value', 'value', 'job', 'instance'), tie('vector')).map(([g, l, v]) => `count_values${g} ("${l}", ${v})`),
    fc.tuple(tie('vector'), fc.constantFrom('+', '-', '*', '/', '%', '^', '>', '<', '==', '!=', '>= bool', '< bool', 'atan2'), tie('scalar')).map(([v, op, s]) => `(${v}) ${op} (${s})`),
    fc.tuple(tie('scalar'), fc.constantFrom('+', '*', '-', '>', '<= bool'), tie('vector')).map(([s, op, v]) => `(${s}) ${op} (${v})`),
    fc.tuple(
      tie('vector'),
      fc.constantFrom('+', '-', '/', '>', '==', '* on (job, instance)', '+ ignoring (env)', '/ on (instance) group_left', '- ignoring (job) group_left', '* on (job) group_right', '> bool on (job, instance)', '+ fill(0)', '- on (job, instance) fill_left(1)',
        // Signatures shared by several series on both sides, split by group_x labels.
        '+ on (job)', '* on (job) group_left (instance)', '/ on (job) group_left (env)', '- on (env) group_right (job)', '+ on (job) fill_right(0)', '> on (job) fill(1)'),
      tie('vector'),
    ).map(([l, op, r]) => `(${l}) ${op} (${r})`),
    fc.tuple(tie('vector'), fc.constantFrom('and', 'or', 'unless', 'and on (job)', 'or ignoring (instance)', 'unless on ()'), tie('vector')).map(([l, op, r]) => `(${l}) ${op} (${r})`),
    fc.tuple(fc.constantFrom(...VALUE_FUNCS), tie('vector')).map(([f, v]) => `${f}(${v})`),
    fc.tuple(fc.constantFrom('clamp(', 'clamp_min(', 'clamp_max(', 'round('), tie('vector')).map(([f, v]) =>
      f === 'clamp(' ? `clamp(${v}, 0, 50)` : f === 'round(' ? `round(${v}, 0.5)` : `${f}${v}, 10)`,
    ),
    tie('vector').map((v) => `label_replace(${v}, "inst", "$1-x", "instance", "(.*)")`),
    tie('vector').map((v) => `label_replace(${v}, "job", "same", "job", ".*")`),
    tie('vector').map((v) => `label_join(${v}, "id", "/", "job", "instance")`),
    // Rewriting the name, or a label to the empty string (which removes it).
    tie('vector').map((v) => `label_replace(${v}, "__name__", "renamed_$1", "job", "(.*)")`),
    tie('vector').map((v) => `label_replace(${v}, "instance", "", "job", "api")`),
    tie('vector').map((v) => `label_join(${v}, "job", "-", "instance", "env")`),
    tie('vector').map((v) => `timestamp(${v})`),
    fc.tuple(fc.constantFrom('sort', 'sort_desc', 'absent', '-', 'hour', 'sort_by_label_desc'), tie('vector')).map(([f, v]) =>
      f === '-' ? `-(${v})` : f === 'sort_by_label_desc' ? `sort_by_label_desc(${v}, "instance")` : `${f}(${v})`,
    ),
    tie('scalar').map((s) => `vector(${s})`),
    fc.constantFrom('day_of_month()', 'hour()', 'month()'),
    tie('vector').map((v) => `info(${v})`),
    tie('vector').map((v) => `info(${v}, {version=~"v.*"})`),
    tie('vector').map((v) => `(${v}) * on (job, instance) group_left (version) target_info`),
    fc.tuple(fc.constantFrom(...METRICS), fc.constantFrom(' @ 300', ' offset 1m', ' @ start()')).map(([m, mod]) => `timestamp(${m}${mod})`),
    fc.tuple(fc.constantFrom(...METRICS), fc.constantFrom('1m', '5m')).map(([m, r]) => `absent_over_time(${m}{job="nope"}[${r}])`),
    tie('vector').map((v) => `sort_by_label(${v}, "job", "instance")`),
    fc.constantFrom(
      'histogram_quantile(0.9, sum by (le) (rate(latency_seconds_bucket[5m])))',
      'histogram_quantile(0.5, latency_seconds_bucket)',
      'histogram_quantile(0.99, rate(latency_seconds_bucket[2m]))',
      'histogram_fraction(0, 1, latency_seconds_bucket)',
      'histogram_quantiles(latency_seconds_bucket, "q", 0.1, 0.9)',
    ),
  ),
  scalar: fc.oneof(
    { depthSize: 'small' },
    scalarLeafArb,
    tie('vector').map((v) => `scalar(${v})`),
    fc.tuple(tie('scalar'), fc.constantFrom('+', '*', '/', '^', '> bool', '%', 'atan2', '== bool'), tie('scalar')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
    tie('scalar').map((a) => `-(${a})`),
  ),
}));

const queryCaseArb = (sizes: Sizes): fc.Arbitrary<QueryCase> => fc
  .tuple(
    fc.oneof(exprArb.vector, exprArb.vector, exprArb.vector, exprArb.scalar),
    fc.integer({ min: 0, max: 60 }),
    fc.integer({ min: 0, max: sizes.maxRangeSteps }),
    fc.constantFrom(15 * S, 30 * S, 60 * S, 45 * S),
  )
  .map(([expr, start, len, stepMs]) => ({ expr, startMs: start * 15 * S, endMs: start * 15 * S + len * 15 * S, stepMs }));

/** Canonical text of an annotation list (order-insensitive). */
function annotationsText(r: QueryResult): string[] {
  return r.annotations.map((a) => `${a.severity}|${a.message}|${a.range.from}:${a.range.to}`).sort();
}

function valuesEqual(av: Float64Array, ap: Uint8Array, bv: Float64Array, bp: Uint8Array): boolean {
  if (av.length !== bv.length) return false;
  for (let i = 0; i < av.length; i++) {
    if (ap[i] !== bp[i]) return false;
    if (ap[i] === 1 && !Object.is(av[i], bv[i])) return false;
  }
  return true;
}

/** Describes the first difference between two query values, or returns null. */
export function diffValues(a: QueryValue, b: QueryValue): string | null {
  if (a.kind !== b.kind) return `kinds differ: ${a.kind} vs ${b.kind}`;
  if (a.timestamps.length !== b.timestamps.length) return 'timestamps differ';
  switch (a.kind) {
    case 'string':
      return a.value === (b as typeof a).value ? null : 'strings differ';
    case 'scalar': {
      const bv = (b as typeof a).values;
      for (let i = 0; i < a.values.length; i++) if (!Object.is(a.values[i], bv[i])) return `scalar differs at step ${i}: ${a.values[i]} vs ${bv[i]}`;
      return null;
    }
    case 'vector': {
      const bb = b as typeof a;
      if (a.ordered !== bb.ordered) return `ordered flag differs: ${a.ordered} vs ${bb.ordered}`;
      if (a.series.length !== bb.series.length) return `series count differs: ${a.series.length} vs ${bb.series.length} (${a.series.map((s) => formatLabels(s.labels)).join(' ')} | ${bb.series.map((s) => formatLabels(s.labels)).join(' ')})`;
      const sa = a.ordered ? a.series : [...a.series].sort((x, y) => compareLabels(x.labels, y.labels));
      const sb = bb.ordered ? bb.series : [...bb.series].sort((x, y) => compareLabels(x.labels, y.labels));
      for (let k = 0; k < sa.length; k++) {
        if (labelsKey(sa[k].labels) !== labelsKey(sb[k].labels)) return `series ${k} labels differ: ${formatLabels(sa[k].labels)} vs ${formatLabels(sb[k].labels)}`;
        if (!valuesEqual(sa[k].values, sa[k].present, sb[k].values, sb[k].present)) {
          return `series ${formatLabels(sa[k].labels)} values differ: ${fmt(sa[k].values, sa[k].present)} vs ${fmt(sb[k].values, sb[k].present)}`;
        }
      }
      return null;
    }
    case 'matrix': {
      const bb = b as typeof a;
      if (a.series.length !== bb.series.length) return `matrix series count differs: ${a.series.length} vs ${bb.series.length}`;
      for (let k = 0; k < a.series.length; k++) {
        const x = a.series[k];
        const y = bb.series[k];
        if (labelsKey(x.labels) !== labelsKey(y.labels)) return `matrix series ${k} labels differ`;
        if (x.t.length !== y.t.length) return `matrix series ${formatLabels(x.labels)} sample counts differ`;
        for (let i = 0; i < x.t.length; i++) if (x.t[i] !== y.t[i] || !Object.is(x.v[i], y.v[i])) return `matrix series ${formatLabels(x.labels)} sample ${i} differs`;
      }
      return null;
    }
  }
}

function fmt(v: Float64Array, p: Uint8Array): string {
  return '[' + Array.from(v, (x, i) => (p[i] === 1 ? String(x) : '_')).join(' ') + ']';
}

/** Describes the first difference between two query results (value, annotations or error), or returns null. */
export function diffResults(a: QueryResult, b: QueryResult): string | null {
  if (a.ok !== b.ok) {
    return a.ok ? `naive succeeded, streaming failed: [${(b as { error: { kind: string; message: string } }).error.kind}] ${(b as { error: { message: string } }).error.message}` : `naive failed ([${a.error.kind}] ${a.error.message}), streaming succeeded`;
  }
  if (!a.ok && !b.ok) {
    if (a.error.message !== b.error.message || a.error.kind !== b.error.kind) return `errors differ: [${a.error.kind}] ${a.error.message} vs [${b.error.kind}] ${b.error.message}`;
  }
  if (a.ok && b.ok) {
    const d = diffValues(a.value, b.value);
    if (d !== null) return d;
  }
  const aa = annotationsText(a);
  const ba = annotationsText(b);
  if (aa.join('\n') !== ba.join('\n')) return `annotations differ: ${JSON.stringify(aa)} vs ${JSON.stringify(ba)}`;
  return null;
}

/** Runs one query on both evaluators; returns the difference or null. */
export function checkQuery(storage: SeriesStore, q: QueryCase, delayedNameRemoval = true): string | null {
  const naive = runQuery(storage, q, { evaluator: 'naive', delayedNameRemoval });
  const streaming = runQuery(storage, q, { evaluator: 'streaming', delayedNameRemoval });
  if (!streaming.ok && streaming.error.kind === 'internal') return `streaming internal error: ${streaming.error.message}`;
  if (!naive.ok && naive.error.kind === 'internal') return `naive internal error: ${naive.error.message}`;
  const d = diffResults(naive, streaming);
  if (d !== null || !naive.ok || !streaming.ok) return d;
  // The explain view pairs the two evaluators' rows by position: they must list the same nodes.
  const rows = (r: QueryResult) => (r.ok ? r.stats.nodes.map((n) => `${n.depth} ${n.label}`).join('\n') : '');
  if (rows(naive) !== rows(streaming)) return `explain rows differ: ${JSON.stringify(rows(naive).split('\n'))} vs ${JSON.stringify(rows(streaming).split('\n'))}`;
  return null;
}

/** Options of {@link runDifferentialFuzz}. */
export interface DifferentialOptions {
  readonly seed: number;
  readonly numRuns: number;
  /** Queries per generated dataset. */
  readonly queriesPerDataset?: number;
  /** fast-check replay path of a reported failure (with its seed). */
  readonly path?: string;
  /** Run with Prometheus's delayed `__name__` removal (default true, as the upstream tests). */
  readonly delayedNameRemoval?: boolean;
  /** Longer series and ranges (see Sizes): fewer cases per second, other code paths. */
  readonly large?: boolean;
}

/** Outcome of a run: null failure when every case agreed. */
export interface DifferentialOutcome {
  readonly seed: number;
  readonly numRuns: number;
  readonly queries: number;
  readonly failure: null | { readonly seed: number; readonly path: string | undefined; readonly counterexample: string; readonly difference: string };
}

/**
 * Runs the differential property for `numRuns` generated datasets (each with several
 * queries, instant and range). Never throws for a difference: it returns the shrunk
 * counterexample with the seed and path that reproduce it.
 */
export function runDifferentialFuzz(opts: DifferentialOptions): DifferentialOutcome {
  let queries = 0;
  let lastDifference = '';
  const perDataset = opts.queriesPerDataset ?? 6;
  const sizes = opts.large ? LARGE : SMALL;
  const prop = fc.property(datasetArb(sizes), fc.array(queryCaseArb(sizes), { minLength: 1, maxLength: perDataset }), (ds, qs) => {
    const storage = buildDataset(ds);
    for (const q of qs) {
      queries++;
      for (const variant of [q, { ...q, endMs: q.startMs }]) {
        const d = checkQuery(storage, variant, opts.delayedNameRemoval ?? true);
        if (d !== null) {
          lastDifference = `${variant.startMs === variant.endMs ? `instant at ${variant.startMs}ms` : `range ${variant.startMs}..${variant.endMs} step ${variant.stepMs}ms`} ${variant.expr}: ${d}`;
          return false;
        }
      }
    }
    return true;
  });
  const details = fc.check(prop, opts.path !== undefined ? { seed: opts.seed, numRuns: opts.numRuns, path: opts.path } : { seed: opts.seed, numRuns: opts.numRuns });
  if (!details.failed) return { seed: opts.seed, numRuns: opts.numRuns, queries, failure: null };
  // Re-run the shrunk counterexample to report its own difference.
  const [ds, qs] = details.counterexample as [DatasetSpec, QueryCase[]];
  const storage = buildDataset(ds);
  for (const q of qs) {
    for (const variant of [q, { ...q, endMs: q.startMs }]) {
      const d = checkQuery(storage, variant, opts.delayedNameRemoval ?? true);
      if (d !== null) {
        lastDifference = `${variant.startMs === variant.endMs ? `instant at ${variant.startMs}ms` : `range ${variant.startMs}..${variant.endMs} step ${variant.stepMs}ms`} ${variant.expr}: ${d}`;
        break;
      }
    }
  }
  return {
    seed: opts.seed,
    numRuns: opts.numRuns,
    queries,
    failure: { seed: details.seed, path: details.counterexamplePath ?? undefined, counterexample: JSON.stringify(details.counterexample), difference: lastDifference },
  };
}
