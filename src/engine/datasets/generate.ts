/**
 * Turns a dataset spec into series: expands entities, walks every family × entity ×
 * dimension combination, fills values with the family's shape and hands each series to a
 * {@link SeriesSink}. Deterministic: the same spec, parameters and seed give the same
 * series in the same order with bit-identical values.
 */
import { labelsFromPairs, type Labels } from '../model/labels.ts';
import { Rng, hashString, mixSeeds } from './prng.ts';
import { expandEntities, formatValue, type Entity, type ScrapeSchedule, type TimeGrid } from './entities.ts';
import { resolveCount, type DatasetParams } from './params.ts';
import { diurnalTable, fillCounter, fillGauge, fillHistogram, histogramCdfCache } from './shapes.ts';
import type { DatasetSpec, DimensionSpec, FamilySpec } from './spec.ts';

/**
 * Receives generated series one at a time. `t` (ms, ascending), `v` and `stale` are
 * scratch buffers reused for the next series: they are valid only during the call, and
 * only their first `length` entries are meaningful. `stale` is null when the series has
 * no staleness marker; a marker's `v` is NaN.
 */
export interface SeriesSink {
  series(labels: Labels, t: Float64Array, v: Float64Array, stale: Uint8Array | null, length: number): void;
}

/** What a generation produced. */
export interface GenerationSummary {
  readonly seriesCount: number;
  readonly sampleCount: number;
  readonly grid: TimeGrid;
}

/** The dataset's time grid: fixed start from the spec, span in minutes (possibly a parameter). */
export function timeGridOf(spec: DatasetSpec, params: DatasetParams): TimeGrid {
  const startMs = Date.parse(spec.start);
  if (!Number.isFinite(startMs)) throw new RangeError(`dataset ${spec.id}: bad start ${JSON.stringify(spec.start)}`);
  const spanMs = resolveCount(spec.spanMinutes, params) * 60_000;
  return { startMs, endMs: startMs + spanMs, intervalMs: spec.scrapeIntervalSeconds * 1000 };
}

/** Generates every series of `spec` into `sink`. Throws RangeError on an inconsistent spec. */
export function generateSeries(spec: DatasetSpec, params: DatasetParams, sink: SeriesSink): GenerationSummary {
  const grid = timeGridOf(spec, params);
  const slots = Math.ceil((grid.endMs - grid.startMs) / grid.intervalMs) + 1;
  const daily = diurnalTable(grid.startMs, grid.intervalMs, slots);
  const entities = new Map<string, Entity[]>();
  for (const [name, group] of Object.entries(spec.entities)) entities.set(name, expandEntities(name, group, grid, params, spec.seed));

  // Scratch buffers sized for the longest schedule (+1 for an end-of-life stale marker).
  const maxLen = slots + 1;
  const buf = new Scratch(maxLen);
  let seriesCount = 0;
  let sampleCount = 0;
  const emit = (labels: Labels, s: ScrapeSchedule, values: Float64Array, offset: number, mode: EmitMode): void => {
    const n = buf.collect(s, values, offset, mode);
    if (n === 0) return;
    sink.series(labels, buf.t, buf.v, buf.hasStale ? buf.stale : null, n);
    seriesCount++;
    sampleCount += n;
  };

  for (const family of spec.families) {
    buf.cdf = family.shape.kind === 'histogram' ? histogramCdfCache(family.shape, slots) : null;
    const group = entities.get(family.entity);
    if (!group) throw new RangeError(`dataset ${spec.id}: family ${family.name} uses unknown entity group ${family.entity}`);
    for (const entity of group) {
      const combos = dimensionCombos(family.dimensions ?? [], entity);
      const base = entityLabels(family, entity);
      for (const combo of combos) {
        const pairs = [...base, ...combo.pairs];
        const key = pairs.map(([n, v]) => `${n}=${v}`).join(',');
        const rng = new Rng(hashString(`${family.name}{${key}}`, spec.seed));
        generateFamilySeries(family, entity, combo.weight, pairs, rng, daily, buf, emit);
      }
    }
  }
  return { seriesCount, sampleCount, grid };
}

type EmitMode = 'scraped' | 'up';
type Emit = (labels: Labels, s: ScrapeSchedule, values: Float64Array, offset: number, mode: EmitMode) => void;

function generateFamilySeries(
  family: FamilySpec,
  entity: Entity,
  weight: number,
  pairs: (readonly [string, string])[],
  rng: Rng,
  daily: Float64Array,
  buf: Scratch,
  emit: Emit,
): void {
  const s = entity.schedule;
  const shape = family.shape;
  const named = (name: string, extra?: readonly [string, string]): Labels =>
    labelsFromPairs(extra ? [['__name__', name], ...pairs, extra] : [['__name__', name], ...pairs]);
  // Per-entity spread is shared by all families of the entity; a little per-series spread on top.
  const spreadOf = (spread: number | undefined): number => Math.exp((spread ?? 0) * (0.8 * entity.spread + 0.2 * rng.normal()));
  const values = buf.values;
  switch (shape.kind) {
    case 'counter': {
      const rate = shape.ratePerSec * weight * spreadOf(shape.spread);
      const uptimeSec = s.length > 0 ? s.times[0] / 1000 - s.firstStartSec : 0;
      const initial = s.startedInSpan ? 0 : rate * uptimeSec * rng.uniform(0.5, 1);
      fillCounter(shape, s, rate, initial, daily, rng, values);
      emit(named(family.name), s, values, 0, 'scraped');
      return;
    }
    case 'gauge':
      fillGauge(shape, s, shape.base * weight * spreadOf(shape.spread), daily, rng, values);
      emit(named(family.name), s, values, 0, 'scraped');
      return;
    case 'histogram': {
      const rate = shape.ratePerSec * weight * spreadOf(shape.spread);
      const uptimeSec = s.length > 0 ? s.times[0] / 1000 - s.firstStartSec : 0;
      const initial = s.startedInSpan ? 0 : rate * Math.min(uptimeSec, 86_400 * 3) * rng.uniform(0.5, 1);
      const rows = buf.histogramRows(shape.buckets.length + 3, s.length);
      fillHistogram(shape, s, rate, initial, daily, rng, rows, buf.work(shape.buckets.length), buf.cdf!);
      for (let j = 0; j <= shape.buckets.length; j++) {
        const le = j < shape.buckets.length ? formatLe(shape.buckets[j]) : '+Inf';
        emit(named(`${family.name}_bucket`, ['le', le]), s, rows, j * s.length, 'scraped');
      }
      emit(named(`${family.name}_sum`), s, rows, (shape.buckets.length + 1) * s.length, 'scraped');
      emit(named(`${family.name}_count`), s, rows, (shape.buckets.length + 2) * s.length, 'scraped');
      return;
    }
    case 'info':
      values.fill(1, 0, s.length);
      emit(named(family.name), s, values, 0, 'scraped');
      return;
    case 'up':
      for (let i = 0; i < s.length; i++) values[i] = s.down[i] === 1 ? 0 : 1;
      emit(named(family.name), s, values, 0, 'up');
      return;
    case 'restarts': {
      let restarts = 0;
      for (let i = 0; i < s.length; i++) {
        if (s.restart[i] === 1) restarts++;
        values[i] = restarts;
      }
      emit(named(family.name), s, values, 0, 'scraped');
      return;
    }
    case 'startTime': {
      let startSec = s.firstStartSec;
      let r = 0;
      for (let i = 0; i < s.length; i++) {
        while (r < s.restartTimesMs.length && s.restartTimesMs[r] <= s.times[i]) startSec = Math.floor(s.restartTimesMs[r++] / 1000);
        values[i] = Math.floor(startSec);
      }
      emit(named(family.name), s, values, 0, 'scraped');
      return;
    }
  }
}

/** `le` as Prometheus client libraries print it (shortest round-trip decimal). */
function formatLe(b: number): string {
  return String(b);
}

function entityLabels(family: FamilySpec, entity: Entity): (readonly [string, string])[] {
  const out: (readonly [string, string])[] = [];
  const keep = family.entityLabels ? new Set(family.entityLabels) : null;
  for (const p of entity.labels) if (!keep || keep.has(p[0])) out.push(p);
  for (const a of family.attributes ?? []) {
    const v = entity.attributes.get(a);
    if (v === undefined) throw new RangeError(`family ${family.name} asks for attribute ${a} the entity group does not define`);
    out.push([a, v]);
  }
  for (const [n, v] of Object.entries(family.constLabels ?? {})) out.push([n, v]);
  return out;
}

interface Combo {
  readonly pairs: (readonly [string, string])[];
  readonly weight: number;
}

/** The cartesian product of a family's dimensions for one entity, with the product of their weights. */
function dimensionCombos(dims: readonly DimensionSpec[], entity: Entity): Combo[] {
  let combos: Combo[] = [{ pairs: [], weight: 1 }];
  for (let d = 0; d < dims.length; d++) {
    const dim = dims[d];
    const options = dimensionOptions(dim, entity, d);
    const next: Combo[] = [];
    for (const c of combos) for (const o of options) next.push({ pairs: [...c.pairs, ...o.pairs], weight: c.weight * o.weight });
    combos = next;
  }
  return combos;
}

function dimensionOptions(dim: DimensionSpec, entity: Entity, index: number): Combo[] {
  const w = (i: number): number => dim.weights?.[i] ?? 1;
  if (dim.tuples) {
    const labels = dim.labels ?? [];
    return dim.tuples.map((tuple, i) => ({ pairs: labels.map((l, j) => [l, tuple[j]] as const), weight: w(i) }));
  }
  const label = dim.label;
  if (!label) throw new RangeError('dataset dimension needs `label` or `labels` + `tuples`');
  if (dim.values) return dim.values.map((v, i) => ({ pairs: [[label, formatValue(v, i, entity.labels, '')] as const], weight: w(i) }));
  let n: number;
  if (dim.countChoices) n = new Rng(mixSeeds(entity.seed, index + 1)).pick(dim.countChoices);
  else n = typeof dim.count === 'number' ? dim.count : 1;
  const fmt = dim.format ?? '{i}';
  const out: Combo[] = [];
  for (let i = 0; i < n; i++) out.push({ pairs: [[label, formatValue(fmt, i, entity.labels, '')] as const], weight: w(i) });
  return out;
}

/** Reusable buffers for one generation run. */
class Scratch {
  readonly t: Float64Array;
  readonly v: Float64Array;
  readonly stale: Uint8Array;
  readonly values: Float64Array;
  hasStale = false;
  /** The current histogram family's per-slot CDF cache, or null. */
  cdf: Float64Array | null = null;
  private rows = new Float64Array(0);
  private scratch = new Float64Array(0);

  constructor(private readonly maxLen: number) {
    this.t = new Float64Array(maxLen);
    this.v = new Float64Array(maxLen);
    this.stale = new Uint8Array(maxLen);
    this.values = new Float64Array(maxLen);
  }

  histogramRows(rows: number, len: number): Float64Array {
    if (this.rows.length < rows * len) this.rows = new Float64Array(rows * this.maxLen);
    return this.rows;
  }

  work(n: number): Float64Array {
    if (this.scratch.length < n) this.scratch = new Float64Array(n);
    return this.scratch;
  }

  /**
   * Copies the samples a series exposes into t/v/stale and returns their count.
   * `scraped`: no sample during an outage, a staleness marker at its first failed scrape,
   * and one when the entity disappears. `up`: every scrape (0 when down), plus the end marker.
   */
  collect(s: ScrapeSchedule, values: Float64Array, offset: number, mode: EmitMode): number {
    let n = 0;
    let anyStale = false;
    const { t, v, stale } = this;
    for (let i = 0; i < s.length; i++) {
      if (mode === 'scraped' && s.down[i] === 1) {
        if (i > 0 && s.down[i - 1] === 0) {
          t[n] = s.times[i];
          v[n] = Number.NaN;
          stale[n++] = 1;
          anyStale = true;
        }
        continue;
      }
      t[n] = s.times[i];
      v[n] = values[offset + i];
      stale[n++] = 0;
    }
    if (s.endStaleMs >= 0 && n > 0 && stale[n - 1] === 0) {
      t[n] = s.endStaleMs;
      v[n] = Number.NaN;
      stale[n++] = 1;
      anyStale = true;
    }
    this.hasStale = anyStale;
    return n;
  }
}
